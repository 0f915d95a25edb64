package io.socketeer.bench.soak;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A raw Engine.IO v4 / Socket.IO v5 WebSocket client that can stop reading its socket for a
 * while, as a slow or stalled peer does: the server's writes pile up in the kernel's buffers and
 * then in the server's outbound queue. It answers pings (when it reads), never answers
 * acknowledgement requests, sends room messages with sequence numbers, and reconnects by itself
 * one second after losing its connection. All its state lives on its channel's event loop,
 * except {@link #pause} and {@link #stop}, which hop onto it.
 */
final class SlowReader extends SimpleChannelInboundHandler<WebSocketFrame> {
  private static final String ROOM_PREFIX = "42[\"" + SoakNode.ROOM_MESSAGE + "\",";
  private static final String NEWS_PREFIX = "42[\"" + SoakNode.NEWS + "\",";

  private final Receiver receiver;
  private final EventLoopGroup group;
  private final URI uri;
  private final LongSupplier clock;
  /** Set on the event loop; read from any thread. The flags below are only touched on the event loop (one thread serves every slow reader). */
  private volatile Channel channel;
  private boolean connected;
  private boolean stopped;
  private int nextSeq;

  SlowReader(Receiver receiver, EventLoopGroup group, int port, LongSupplier clock) {
    this.receiver = receiver;
    this.group = group;
    this.uri = URI.create("ws://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=websocket");
    this.clock = clock;
  }

  @Override
  public boolean isSharable() {
    return true; // one channel at a time, reconnections reuse the handler
  }

  void connect() {
    new Bootstrap().group(group).channel(NioSocketChannel.class).option(ChannelOption.TCP_NODELAY, true)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20),
                new WebSocketClientProtocolHandler(WebSocketClientHandshakerFactory.newHandshaker(
                    uri, WebSocketVersion.V13, null, false, new DefaultHttpHeaders(), 1 << 20),
                    true, true, 10_000L, false),
                SlowReader.this);
          }
        })
        .connect(uri.getHost(), uri.getPort())
        .addListener(f -> {
          if (!f.isSuccess()) {
            retryLater();
          }
        });
  }

  /** Stops reading for {@code millis}, then reads again (what piled up arrives then). */
  void pause(long millis) {
    group.next().execute(() -> {
      Channel ch = channel;
      if (ch == null || !ch.isActive() || !ch.config().isAutoRead()) {
        return;
      }
      ch.config().setAutoRead(false);
      ch.eventLoop().schedule(() -> ch.config().setAutoRead(true), millis, TimeUnit.MILLISECONDS);
    });
  }

  /** Sends the next room message; while down, nothing is sent (and nothing is recorded as sent). */
  void sendNext() {
    Channel ch = channel;
    if (ch == null) {
      return;
    }
    ch.eventLoop().execute(() -> {
      if (connected && ch.isActive()) {
        receiver.onSent();
        ch.writeAndFlush(new TextWebSocketFrame("42[\"" + SoakNode.MSG + "\"," + nextSeq++ + "]"));
      }
    });
  }

  /** Reads again and closes the connection for good. */
  void stop() {
    Channel ch = channel;
    if (ch != null) {
      ch.eventLoop().execute(() -> {
        stopped = true;
        ch.close();
      });
    }
  }

  /** Reads again at once (the end of the run). */
  void resume() {
    Channel ch = channel;
    if (ch != null) {
      ch.eventLoop().execute(() -> ch.config().setAutoRead(true));
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    channel = ctx.channel();
    super.channelActive(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (connected) {
      connected = false;
      receiver.onDisconnect(clock.getAsLong());
    }
    retryLater();
    super.channelInactive(ctx);
  }

  private void retryLater() {
    if (!stopped) {
      group.next().schedule(this::connect, 1, TimeUnit.SECONDS);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
    if (!(frame instanceof TextWebSocketFrame)) {
      return;
    }
    ByteBuf content = frame.content();
    String text = content.toString(StandardCharsets.UTF_8);
    if (text.startsWith(ROOM_PREFIX)) {
      int comma = text.indexOf(',', ROOM_PREFIX.length());
      receiver.onMessage(Integer.parseInt(text.substring(ROOM_PREFIX.length(), comma)),
          Integer.parseInt(text.substring(comma + 1, text.length() - 1)));
    } else if (text.startsWith(NEWS_PREFIX)) {
      receiver.onMessage(Ledger.NEWS, Integer.parseInt(text.substring(NEWS_PREFIX.length(), text.length() - 1)));
    } else if (text.equals("2")) {
      ctx.writeAndFlush(new TextWebSocketFrame("3"));
    } else if (text.startsWith("0{")) {
      ctx.writeAndFlush(new TextWebSocketFrame("40{\"id\":" + receiver.id + ",\"slow\":true}"));
    } else if (text.startsWith("40{")) {
      connected = true;
      receiver.onConnect(clock.getAsLong());
    } else if (text.startsWith("41") || text.equals("1")) {
      ctx.close();
    }
    // Acknowledgement requests ("42<id>[...]") are left unanswered on purpose.
  }
}
