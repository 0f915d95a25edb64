package io.socketeer.bench.load;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.nio.charset.StandardCharsets;

/**
 * The physical bound of the echo scenario: a bare Netty WebSocket server that does only the
 * framing and the fixed answers the load generator expects (an open packet, the namespace
 * connect reply, and {@code 43<id>[<payload>]} for {@code 42<id>["echo",<payload>]}), rewriting
 * bytes without decoding JSON, no sessions, no heartbeat. A Socket.IO server cannot beat it; how
 * close it comes is the measure of its overhead.
 *
 * <pre>
 * PORT=3000 java -cp socketeer-benchmarks.jar io.socketeer.bench.load.BareEchoServer
 * </pre>
 */
public final class BareEchoServer {
  private static final byte[] OPEN = ("0{\"sid\":\"bare\",\"upgrades\":[],\"pingInterval\":25000,"
      + "\"pingTimeout\":20000,\"maxPayload\":1000000}").getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CONNECTED = "40{\"sid\":\"bare-socket\"}".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ECHO_PREFIX = "[\"echo\",".getBytes(StandardCharsets.US_ASCII);

  private BareEchoServer() {}

  /** Listens on 127.0.0.1:$PORT (default 3000) until killed. */
  public static void main(String[] args) throws InterruptedException {
    int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "3000"));
    boolean epoll = Epoll.isAvailable();
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(
        epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    Class<? extends ServerChannel> channel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    Channel server = new ServerBootstrap().group(group).channel(channel)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                new WebSocketServerProtocolHandler("/socket.io/", null, false, 1_000_000, false, true),
                new Echo());
          }
        }).bind("127.0.0.1", port).sync().channel();
    System.out.println("READY bare Netty echo on 127.0.0.1:" + port + (epoll ? " (epoll)" : " (nio)"));
    server.closeFuture().sync();
  }

  private static final class Echo extends SimpleChannelInboundHandler<TextWebSocketFrame> {
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
      if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
        ctx.writeAndFlush(new TextWebSocketFrame(ctx.alloc().buffer(OPEN.length).writeBytes(OPEN)));
      }
      super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
      ByteBuf in = frame.content();
      int start = in.readerIndex();
      int length = in.readableBytes();
      if (length == 2 && in.getByte(start) == '4' && in.getByte(start + 1) == '0') {
        ctx.writeAndFlush(new TextWebSocketFrame(ctx.alloc().buffer(CONNECTED.length).writeBytes(CONNECTED)));
        return;
      }
      if (length < 3 || in.getByte(start) != '4' || in.getByte(start + 1) != '2') {
        return; // pongs and anything else
      }
      int bracket = in.indexOf(start + 2, start + length, (byte) '[');
      if (bracket < 0 || bracket + ECHO_PREFIX.length > start + length) {
        return;
      }
      int payload = bracket + ECHO_PREFIX.length;
      ByteBuf out = ctx.alloc().buffer(length);
      out.writeByte('4').writeByte('3');
      out.writeBytes(in, start + 2, bracket - start - 2); // the ack id
      out.writeByte('[');
      out.writeBytes(in, payload, start + length - payload);
      ctx.writeAndFlush(new TextWebSocketFrame(out));
    }
  }
}
