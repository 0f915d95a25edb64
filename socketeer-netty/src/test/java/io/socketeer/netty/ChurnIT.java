package io.socketeer.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.util.concurrent.EventExecutor;
import io.socketeer.server.ServerOptions;
import io.socketeer.server.SocketIoServer;
import io.socketeer.testkit.LogCapture;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * Connect, join, emit and disconnect over and over (BAD_INPUTS C-47): raw Netty clients run
 * {@code churn.ws} WebSocket cycles (default 8,000) and {@code churn.polling} long-polling cycles
 * (default 2,000) against one server, 200 and 50 at a time. In each cycle the server joins the
 * socket to two rooms and emits with an acknowledgement that only half of the clients answer;
 * the client emits with an acknowledgement, gets the answer and leaves (half with a namespace
 * disconnect first, half by dropping the connection; polling clients with a close packet).
 * Afterwards sessions, sockets, rooms, scheduled tasks on the server's event loops, threads and
 * unanswered acks are back to their baseline and the heap after GC within a tolerance.
 * {@code -Pchurn} runs 80,000 and 20,000.
 */
class ChurnIT {
  private static final int WS_CYCLES = Integer.getInteger("churn.ws", 8_000);
  private static final int POLLING_CYCLES = Integer.getInteger("churn.polling", 2_000);
  private static final int WS_LANES = 200;
  private static final int POLLING_LANES = 50;
  private static final long HEAP_TOLERANCE = 24L << 20;

  private final LongAdder acksIssued = new LongAdder();
  private final LongAdder acksSettled = new LongAdder();
  private final LongAdder acksFailed = new LongAdder();
  private final AtomicInteger roomCounter = new AtomicInteger();
  private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();

  @Test
  void c47SessionsRoomsTimersAcksAndHeapReturnToBaseline() throws Exception {
    LogCapture.install();
    SocketIoServer io = SocketIoServer.create(ServerOptions.defaults());
    io.onConnection(socket -> {
      socket.join("all");
      socket.join("room-" + roomCounter.incrementAndGet() % 64);
      acksIssued.increment();
      socket.timeout(Duration.ofSeconds(60)).emit("hello", (error, response) -> {
        acksSettled.increment();
        if (error != null) {
          acksFailed.increment();
        }
      });
      socket.on("msg", (args, ack) -> {
        socket.to("room-" + roomCounter.get() % 64).emit("news", "x");
        ack.send("ok");
      });
    });
    EventLoopGroup clients = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try (NettySocketIoServer server = NettySocketIoServer.builder(io).port(0).workerThreads(1).start()) {
      int port = server.port();
      // Warm up (classes, JIT, pools) before the baseline is taken.
      run(clients, port, 400, 100);
      awaitQuiet(io);
      long heapBefore = heapAfterGc();
      int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
      int timersBefore = scheduledTasks(server);

      long start = System.nanoTime();
      run(clients, port, WS_CYCLES, POLLING_CYCLES);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      awaitQuiet(io);

      assertThat(failures).isEmpty();
      assertThat(io.connectionCount()).isZero();
      assertThat(io.of("/").sockets()).isEmpty();
      assertThat(io.of("/").adapter().rooms()).isEmpty();
      assertThat(acksSettled.sum()).isEqualTo(acksIssued.sum());
      assertThat(acksFailed.sum()).isPositive().isLessThan(acksIssued.sum());
      // Short bookkeeping timers of the last sessions (forgetting a closed id after 1 s, ...) may
      // still be due; any per-socket timer left behind (a 60 s ack timeout) would stay.
      int timersLeft = scheduledTasks(server);
      await().atMost(Duration.ofSeconds(10)).until(() -> scheduledTasks(server) <= timersBefore);
      int timersAfter = scheduledTasks(server);
      assertThat(ManagementFactory.getThreadMXBean().getThreadCount()).isLessThanOrEqualTo(threadsBefore + 2);
      long heapAfter = heapAfterGc();
      System.out.printf("churn: %,d WebSocket + %,d polling cycles in %d ms (%.0f/s); heap after GC %,d -> %,d bytes; "
              + "scheduled tasks %d -> %d (%d at the end of the run); acks %,d (%,d failed on disconnect)%n",
          WS_CYCLES, POLLING_CYCLES, took.toMillis(), (WS_CYCLES + POLLING_CYCLES) * 1000.0 / took.toMillis(),
          heapBefore, heapAfter, timersBefore, timersAfter, timersLeft, acksIssued.sum(), acksFailed.sum());
      assertThat(heapAfter - heapBefore).isLessThan(HEAP_TOLERANCE);
    } finally {
      clients.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
    }
    System.gc();
    LogCapture.assertNoWarnings();
  }

  private static void awaitQuiet(SocketIoServer io) {
    await().atMost(Duration.ofSeconds(30)).until(() -> io.connectionCount() == 0 && io.of("/").sockets().isEmpty());
  }

  private static long heapAfterGc() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(100);
      used = Math.min(used, rt.totalMemory() - rt.freeMemory());
    }
    return used;
  }

  /** Tasks scheduled on the server's worker event loops (heartbeats, timeouts, ...). */
  private static int scheduledTasks(NettySocketIoServer server) throws Exception {
    java.lang.reflect.Field engineField = NettySocketIoServer.class.getDeclaredField("engineServer");
    engineField.setAccessible(true);
    Object engine = engineField.get(server);
    java.lang.reflect.Field workersField = NettyEngineServer.class.getDeclaredField("workers");
    workersField.setAccessible(true);
    EventLoopGroup workers = (EventLoopGroup) workersField.get(engine);
    java.lang.reflect.Field queue =
        io.netty.util.concurrent.AbstractScheduledEventExecutor.class.getDeclaredField("scheduledTaskQueue");
    queue.setAccessible(true);
    int total = 0;
    for (EventExecutor loop : workers) {
      total += loop.submit(() -> {
        java.util.Collection<?> q = (java.util.Collection<?>) queue.get(loop);
        return q == null ? 0 : q.size();
      }).get(5, TimeUnit.SECONDS);
    }
    return total;
  }

  /** Runs the cycles on lanes of clients; each lane starts its next cycle when one ends. */
  private void run(EventLoopGroup group, int port, int wsCycles, int pollingCycles) throws Exception {
    AtomicInteger wsLeft = new AtomicInteger(wsCycles);
    AtomicInteger pollingLeft = new AtomicInteger(pollingCycles);
    List<CompletableFuture<Void>> lanes = new ArrayList<>();
    for (int i = 0; i < WS_LANES; i++) {
      lanes.add(lane(wsLeft, n -> webSocketCycle(group, port, n)));
    }
    for (int i = 0; i < POLLING_LANES; i++) {
      lanes.add(lane(pollingLeft, n -> pollingCycle(group, port, n)));
    }
    CompletableFuture.allOf(lanes.toArray(new CompletableFuture<?>[0])).get(15, TimeUnit.MINUTES);
    assertThat(failures).isEmpty();
    assertThat(wsLeft.get()).isNotPositive();
    assertThat(pollingLeft.get()).isNotPositive();
  }

  private CompletableFuture<Void> lane(AtomicInteger left, java.util.function.IntFunction<CompletableFuture<Void>> cycle) {
    int n = left.getAndDecrement();
    if (n <= 0) {
      return CompletableFuture.completedFuture(null);
    }
    return cycle.apply(n).orTimeout(30, TimeUnit.SECONDS)
        .exceptionally(e -> {
          failures.add(e);
          return null;
        })
        .thenCompose(v -> failures.isEmpty() ? lane(left, cycle) : CompletableFuture.completedFuture(null));
  }

  // ---------------------------------------------------------------------------------------------
  // WebSocket

  private static CompletableFuture<Void> webSocketCycle(EventLoopGroup group, int port, int n) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    URI uri = URI.create("ws://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=websocket");
    new Bootstrap().group(group).channel(NioSocketChannel.class).option(ChannelOption.TCP_NODELAY, true)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 16),
                new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder().webSocketUri(uri)
                    .handleCloseFrames(false).dropPongFrames(true).build()),
                new WsCycle(n, done));
          }
        })
        .connect("127.0.0.1", port).addListener(f -> {
          if (!f.isSuccess()) {
            done.completeExceptionally(f.cause());
          }
        });
    return done;
  }

  /** One WebSocket client's script; it completes when the connection is closed after the ack. */
  private static final class WsCycle extends SimpleChannelInboundHandler<TextWebSocketFrame> {
    private final int n;
    private final CompletableFuture<Void> done;
    private boolean acked;

    WsCycle(int n, CompletableFuture<Void> done) {
      this.n = n;
      this.done = done;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
      String text = frame.text();
      Channel ch = ctx.channel();
      if (text.startsWith("0{")) {
        send(ch, "40");
      } else if (text.startsWith("40{")) {
        send(ch, "421[\"msg\",\"hi\"]");
      } else if (text.equals("2")) {
        send(ch, "3");
      } else if (text.startsWith("42") && text.contains("\"hello\"")) {
        if (n % 2 == 0) {
          send(ch, "43" + text.substring(2, text.indexOf('[')) + "[\"hi\"]");
        }
      } else if (text.startsWith("431[")) {
        acked = true;
        if (n % 2 == 0) {
          send(ch, "41");
          ch.writeAndFlush(new CloseWebSocketFrame(1000, ""));
        } else {
          ch.close();
        }
      }
    }

    private static void send(Channel ch, String text) {
      ch.writeAndFlush(new TextWebSocketFrame(text));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
      if (msg instanceof CloseWebSocketFrame) {
        ((CloseWebSocketFrame) msg).release();
        ctx.close();
        return;
      }
      super.channelRead(ctx, msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (acked) {
        done.complete(null);
      } else {
        done.completeExceptionally(new AssertionError("WebSocket cycle " + n + " closed before the ack"));
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      done.completeExceptionally(cause);
      ctx.close();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Long-polling

  private static CompletableFuture<Void> pollingCycle(EventLoopGroup group, int port, int n) {
    HttpConnection http = new HttpConnection();
    CompletableFuture<Void> done = new CompletableFuture<>();
    new Bootstrap().group(group).channel(NioSocketChannel.class).option(ChannelOption.TCP_NODELAY, true)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20), http);
          }
        })
        .connect("127.0.0.1", port).addListener((io.netty.channel.ChannelFutureListener) f -> {
          if (!f.isSuccess()) {
            done.completeExceptionally(f.cause());
            return;
          }
          http.channel = f.channel();
          String base = "/socket.io/?EIO=4&transport=polling";
          http.request(HttpMethod.GET, base, null).thenCompose(open -> {
            String sid = open.substring(open.indexOf("\"sid\":\"") + 7, open.indexOf("\",\"upgrades\""));
            String path = base + "&sid=" + sid;
            PollState state = new PollState(path, n);
            return http.request(HttpMethod.POST, path, "40")
                .thenCompose(ok -> state.pollUntilAcked(http))
                .thenCompose(v -> http.request(HttpMethod.POST, path, "1"));
          }).whenComplete((v, e) -> {
            http.close();
            if (e != null) {
              done.completeExceptionally(e);
            } else {
              done.complete(null);
            }
          });
        });
    return done;
  }

  /** The polling client's script after the handshake: connect, answer, emit, wait for the ack. */
  private static final class PollState {
    final String path;
    final int n;
    boolean emitted;
    boolean acked;

    PollState(String path, int n) {
      this.path = path;
      this.n = n;
    }

    CompletableFuture<Void> pollUntilAcked(HttpConnection http) {
      return http.request(HttpMethod.GET, path, null).thenCompose(payload -> {
        StringBuilder out = new StringBuilder();
        for (String packet : payload.split("\u001e")) {
          if (packet.startsWith("40{") && !emitted) {
            emitted = true;
            append(out, "421[\"msg\",\"hi\"]");
          } else if (packet.equals("2")) {
            append(out, "3");
          } else if (packet.startsWith("42") && packet.contains("\"hello\"") && n % 2 == 0) {
            append(out, "43" + packet.substring(2, packet.indexOf('[')) + "[\"hi\"]");
          } else if (packet.startsWith("431[")) {
            acked = true;
          }
        }
        CompletableFuture<String> posted = out.length() == 0 ? CompletableFuture.completedFuture("ok")
            : http.request(HttpMethod.POST, path, out.toString());
        return posted.thenCompose(ok -> acked ? CompletableFuture.completedFuture(null) : pollUntilAcked(http));
      });
    }

    private static void append(StringBuilder out, String packet) {
      if (out.length() > 0) {
        out.append('\u001e');
      }
      out.append(packet);
    }
  }

  /** One keep-alive HTTP/1.1 connection used for one request at a time. */
  private static final class HttpConnection extends SimpleChannelInboundHandler<FullHttpResponse> {
    private Channel channel;
    private CompletableFuture<String> pending;

    CompletableFuture<String> request(HttpMethod method, String path, String body) {
      CompletableFuture<String> response = new CompletableFuture<>();
      channel.eventLoop().execute(() -> {
        pending = response;
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, path,
            body == null ? Unpooled.EMPTY_BUFFER : Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        request.headers().set(HttpHeaderNames.HOST, "127.0.0.1");
        request.headers().set(HttpHeaderNames.CONTENT_LENGTH, request.content().readableBytes());
        if (body != null) {
          request.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain;charset=UTF-8");
        }
        channel.writeAndFlush(request);
      });
      return response;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
      CompletableFuture<String> p = pending;
      pending = null;
      String text = response.content().toString(StandardCharsets.UTF_8);
      if (response.status().code() != 200) {
        p.completeExceptionally(new AssertionError("HTTP " + response.status() + ": " + text));
      } else {
        p.complete(text);
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (pending != null) {
        pending.completeExceptionally(new AssertionError("connection closed during a request"));
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (pending != null) {
        pending.completeExceptionally(cause);
      }
      ctx.close();
    }

    void close() {
      if (channel != null) {
        channel.close();
      }
    }
  }
}
