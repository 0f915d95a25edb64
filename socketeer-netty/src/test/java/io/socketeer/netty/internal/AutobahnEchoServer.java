package io.socketeer.netty.internal;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.util.ReferenceCountUtil;
import io.socketeer.engine.spi.WebSocketConnection;
import io.socketeer.engine.spi.WebSocketHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The server of the Autobahn WebSocket conformance suite: a raw WebSocket echo on Socketeer's
 * WebSocket code path. Started by the {@code autobahntestsuite-maven-plugin} with the port as its
 * only argument; runs until its thread is interrupted.
 *
 * <p>The engine speaks Engine.IO inside WebSocket text frames (an open packet first, then {@code
 * 4hello}-style packets), which the suite's raw messages are not. So the echo sits one layer
 * below: the WebSocket upgrade is configured exactly as {@link HttpHandler} configures it (RFC
 * 6455 only, no extensions, Netty's frame decoder and UTF-8 validator told not to close on
 * protocol violations so that {@link WebSocketChannelHandler} answers them with their status, the
 * same frame aggregator), and every message goes through {@link WebSocketChannelHandler}, the class that
 * carries the engine's WebSockets: its close handshake, ping answers, protocol-error closes and
 * raw frame writer. Only the engine session on top is replaced by an echo. The message limit is
 * raised to 32 MiB (the engine's {@code maxHttpBufferSize} option) for the suite's 16 MiB
 * messages.
 */
public final class AutobahnEchoServer {
  /** Largest message echoed: above the suite's largest (16 MiB in case 9.1.6). */
  static final int MAX_MESSAGE = 32 * 1024 * 1024;

  private AutobahnEchoServer() {}

  /** Serves on {@code args[0]} until interrupted. */
  public static void main(String[] args) throws InterruptedException {
    int port = Integer.parseInt(args[0]);
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try {
      // The plugin connects to the address of the local host name; listen there and only there.
      InetAddress address;
      try {
        address = InetAddress.getLocalHost();
      } catch (java.net.UnknownHostException e) {
        address = InetAddress.getLoopbackAddress();
      }
      Channel server = new ServerBootstrap()
          .group(group)
          .channel(NioServerSocketChannel.class)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              ch.pipeline().addLast("http", new HttpServerCodec());
              ch.pipeline().addLast("upgrade", new Upgrade());
            }
          })
          .bind(new InetSocketAddress(address, port)).sync().channel();
      server.closeFuture().sync();
    } finally {
      group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  /** Completes the WebSocket handshake as {@link HttpHandler} does, then echoes. */
  private static final class Upgrade extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (!(msg instanceof HttpRequest)) {
        ReferenceCountUtil.release(msg);
        return;
      }
      HttpRequest request = (HttpRequest) msg;
      ReferenceCountUtil.release(msg);
      if (!"13".equals(request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_VERSION))) {
        ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST,
            Unpooled.copiedBuffer("Bad request", StandardCharsets.UTF_8))).addListener(ChannelFutureListener.CLOSE);
        return;
      }
      WebSocketServerHandshakerFactory factory = new WebSocketServerHandshakerFactory(
          "ws://" + request.headers().get(HttpHeaderNames.HOST, "localhost") + "/", null,
          WebSocketDecoderConfig.newBuilder().maxFramePayloadLength(MAX_MESSAGE).allowExtensions(false)
              .closeOnProtocolViolation(false).build());
      WebSocketServerHandshaker handshaker = factory.newHandshaker(request);
      DefaultFullHttpRequest full = new DefaultFullHttpRequest(request.protocolVersion(), request.method(),
          request.uri(), Unpooled.EMPTY_BUFFER, request.headers(), EmptyHttpHeaders.INSTANCE);
      WebSocketChannelHandler ws = new WebSocketChannelHandler(handshaker, -1); // no permessage-deflate: cases 12/13 are not run
      ctx.pipeline().addBefore(ctx.name(), "ws-utf8", new Utf8FrameValidator(false));
      ctx.pipeline().addBefore(ctx.name(), "ws-aggregator", new WebSocketFrameAggregator(MAX_MESSAGE));
      ctx.pipeline().addBefore(ctx.name(), "ws-engine", ws);
      ctx.pipeline().remove(this);
      handshaker.handshake(ctx.channel(), full).addListener((ChannelFutureListener) f -> {
        if (!f.isSuccess()) {
          f.channel().close();
        }
      });
      ws.bind(new Echo(ws));
    }
  }

  /** Sends every message back as it came. */
  private static final class Echo implements WebSocketHandler {
    private final WebSocketConnection connection;

    Echo(WebSocketConnection connection) {
      this.connection = connection;
    }

    @Override
    public void onText(String text) {
      connection.sendText(new byte[0], text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void onBinary(byte[] data) {
      connection.sendBinary(data);
    }

    @Override
    public void onClose(String error) {
      // nothing to clean up
    }
  }
}
