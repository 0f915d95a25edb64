package io.socketeer.bench.load;

import io.netty.bootstrap.Bootstrap;
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
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A load generator for the benchmark server contract ({@code BENCH_CONTRACT.md}): raw Engine.IO v4
 * / Socket.IO v5 over WebSocket on Netty, one event loop, no JSON parsing on the hot path, so
 * that it is not the bottleneck.
 *
 * <pre>
 * java -cp socketeer-benchmarks.jar io.socketeer.bench.load.LoadGenerator echo --port 3000 --clients 200 --seconds 10
 * java -cp socketeer-benchmarks.jar io.socketeer.bench.load.LoadGenerator broadcast --port 3000 --clients 1000 --rate 50
 * java -cp socketeer-benchmarks.jar io.socketeer.bench.load.LoadGenerator broadcast --ports 3001,3002,3003 --clients 999 --rate 50
 * java -cp socketeer-benchmarks.jar io.socketeer.bench.load.LoadGenerator connect --port 3000 --clients 10000 --server-pid PID
 * java -cp socketeer-benchmarks.jar io.socketeer.bench.load.LoadGenerator idle --port 3000 --clients 10000 --seconds 10 --server-pid PID
 * </pre>
 *
 * <p>Prints one JSON line with the results. Traffic goes to 127.0.0.1 only; every run is bounded
 * in connections and time.
 */
public final class LoadGenerator {
  private static final String PAYLOAD = "x".repeat(64);

  /** The servers' ports; connection i goes to {@code ports[i % ports.length]}. */
  private final int[] ports;
  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final List<Conn> conns = new ArrayList<>();

  /** Measurement state, only touched on the generator's single event loop. */
  private boolean measuring;
  private long completed;
  private long[] latencies = new long[1 << 20];
  private int latencyCount;

  private LoadGenerator(int[] ports) {
    this.ports = ports;
  }

  /** Runs a scenario given on the command line. */
  public static void main(String[] args) throws Exception {
    String scenario = args.length > 0 ? args[0] : "echo";
    int port = intArg(args, "--port", 3000);
    int clients = intArg(args, "--clients", 200);
    int seconds = intArg(args, "--seconds", 10);
    int warmup = intArg(args, "--warmup", 3);
    // --ports 3001,3002,3003 spreads the clients over the nodes of a cluster (the sender is on the first).
    String list = stringArg(args, "--ports", String.valueOf(port));
    LoadGenerator g = new LoadGenerator(Arrays.stream(list.split(",")).mapToInt(Integer::parseInt).toArray());
    try {
      String json;
      switch (scenario) {
        case "echo":
          json = g.echo(clients, warmup, seconds);
          break;
        case "broadcast":
          json = g.broadcast(clients, intArg(args, "--rate", 50), warmup, seconds);
          break;
        case "connect":
          json = g.connect(clients, intArg(args, "--server-pid", 0));
          break;
        case "idle":
          json = g.idle(clients, seconds, intArg(args, "--server-pid", 0));
          break;
        default:
          throw new IllegalArgumentException("unknown scenario " + scenario + " (echo, broadcast, connect, idle)");
      }
      System.out.println(json);
    } finally {
      g.group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  private static String stringArg(String[] args, String name, String fallback) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }

  private static int intArg(String[] args, String name, int fallback) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return Integer.parseInt(args[i + 1]);
      }
    }
    return fallback;
  }

  // ---------------------------------------------------------------------------------------------
  // Scenarios

  private String echo(int clients, int warmup, int seconds) throws Exception {
    connectAll(clients);
    conns.forEach(c -> group.next().execute(c::sendEcho));
    Thread.sleep(warmup * 1000L);
    long start = startMeasuring();
    Thread.sleep(seconds * 1000L);
    long elapsed = stopMeasuring(start);
    long errors = conns.stream().mapToLong(c -> c.badAcks).sum();
    return String.format(Locale.ROOT,
        "{\"scenario\":\"echo\",\"clients\":%d,\"seconds\":%.2f,\"roundTrips\":%d,\"perSecond\":%.0f,%s,\"badAcks\":%d}",
        clients, elapsed / 1e9, completed, completed / (elapsed / 1e9), percentiles(), errors);
  }

  private String broadcast(int receivers, int rate, int warmup, int seconds) throws Exception {
    connectAll(receivers + 1);
    Conn sender = conns.get(0);
    long periodNanos = 1_000_000_000L / rate;
    sender.channel.eventLoop().scheduleAtFixedRate(sender::sendBroadcast, 0, periodNanos, TimeUnit.NANOSECONDS);
    Thread.sleep(warmup * 1000L);
    long start = startMeasuring();
    Thread.sleep(seconds * 1000L);
    long elapsed = stopMeasuring(start);
    return String.format(Locale.ROOT,
        "{\"scenario\":\"broadcast\",\"receivers\":%d,\"rate\":%d,\"seconds\":%.2f,\"deliveries\":%d,"
            + "\"perSecond\":%.0f,\"expectedPerSecond\":%d,%s}",
        receivers + 1, rate, elapsed / 1e9, completed, completed / (elapsed / 1e9), (long) rate * (receivers + 1),
        percentiles());
  }

  /** Opens N connections through the full handshake, 256 in flight at most; connects/s and RSS. */
  private String connect(int clients, int serverPid) throws Exception {
    long rssBefore = rssKb(serverPid);
    long start = startMeasuring();
    connectAll(clients);
    long elapsed = stopMeasuring(start);
    long rssAfter = rssKb(serverPid);
    return String.format(Locale.ROOT,
        "{\"scenario\":\"connect\",\"clients\":%d,\"seconds\":%.2f,\"perSecond\":%.0f,%s,%s}",
        clients, elapsed / 1e9, clients / (elapsed / 1e9), percentiles(), rss(serverPid, rssBefore, rssAfter, clients));
  }

  /** Holds N idle connections (answering pings) for a while; the server's RSS per connection. */
  private String idle(int clients, int seconds, int serverPid) throws Exception {
    long rssBefore = rssKb(serverPid);
    connectAll(clients);
    Thread.sleep(seconds * 1000L);
    long rssAfter = rssKb(serverPid);
    return String.format(Locale.ROOT, "{\"scenario\":\"idle\",\"clients\":%d,\"heldSeconds\":%d,%s}",
        clients, seconds, rss(serverPid, rssBefore, rssAfter, clients));
  }

  private static String rss(int pid, long before, long after, int clients) {
    if (pid <= 0) {
      return "\"serverRss\":null";
    }
    return String.format(Locale.ROOT, "\"serverRssBeforeKb\":%d,\"serverRssAfterKb\":%d,\"rssPerConnectionBytes\":%.0f",
        before, after, (after - before) * 1024.0 / clients);
  }

  /** Returns VmRSS of process {@code pid} in kB, or -1 when unknown. */
  private static long rssKb(int pid) {
    if (pid <= 0) {
      return -1;
    }
    try {
      for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (java.io.IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  private long startMeasuring() throws InterruptedException {
    CountDownLatch latch = new CountDownLatch(1);
    group.next().execute(() -> {
      completed = 0;
      latencyCount = 0;
      measuring = true;
      latch.countDown();
    });
    latch.await();
    return System.nanoTime();
  }

  private long stopMeasuring(long start) throws InterruptedException {
    CountDownLatch latch = new CountDownLatch(1);
    long[] end = new long[1];
    group.next().execute(() -> {
      measuring = false;
      end[0] = System.nanoTime();
      latch.countDown();
    });
    latch.await();
    return end[0] - start;
  }

  private void record(long latencyNanos) {
    if (!measuring) {
      return;
    }
    completed++;
    if (latencyCount == latencies.length) {
      latencies = Arrays.copyOf(latencies, latencies.length * 2);
    }
    latencies[latencyCount++] = latencyNanos;
  }

  private String percentiles() {
    long[] sorted = Arrays.copyOf(latencies, latencyCount);
    Arrays.sort(sorted);
    return String.format(Locale.ROOT, "\"p50Micros\":%.0f,\"p99Micros\":%.0f,\"p999Micros\":%.0f",
        at(sorted, 0.50) / 1e3, at(sorted, 0.99) / 1e3, at(sorted, 0.999) / 1e3);
  }

  private static double at(long[] sorted, double q) {
    return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  }

  /** Opens {@code n} Socket.IO connections, at most 256 handshakes in flight. */
  private void connectAll(int n) throws Exception {
    Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true);
    java.util.concurrent.Semaphore window = new java.util.concurrent.Semaphore(256);
    CountDownLatch all = new CountDownLatch(n);
    for (int i = 0; i < n; i++) {
      URI uri = URI.create("ws://127.0.0.1:" + ports[i % ports.length] + "/socket.io/?EIO=4&transport=websocket");
      window.acquire();
      long openedAt = System.nanoTime();
      Conn conn = new Conn(() -> {
        record(System.nanoTime() - openedAt); // handshake latency, when measuring
        window.release();
        all.countDown();
      });
      conns.add(conn);
      b.clone().handler(new ChannelInitializer<SocketChannel>() {
        @Override
        protected void initChannel(SocketChannel ch) {
          ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(65536),
              new WebSocketClientProtocolHandler(WebSocketClientHandshakerFactory.newHandshaker(
                  uri, WebSocketVersion.V13, null, false, new DefaultHttpHeaders(), 1 << 20)),
              conn);
        }
      }).connect(uri.getHost(), uri.getPort()).addListener(f -> {
        if (!f.isSuccess()) {
          throw new IllegalStateException("connect failed", f.cause());
        }
      });
    }
    if (!all.await(120, TimeUnit.SECONDS)) {
      throw new IllegalStateException("only " + (n - all.getCount()) + " of " + n + " connections opened");
    }
  }

  /** One client connection; all its state lives on the generator's event loop. */
  private final class Conn extends SimpleChannelInboundHandler<WebSocketFrame> {
    private final Runnable onConnected;
    Channel channel;
    long ackId;
    long sentAt;
    long badAcks;
    private String expectedAck;

    Conn(Runnable onConnected) {
      this.onConnected = onConnected;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
      channel = ctx.channel();
      super.channelActive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
      if (!(frame instanceof TextWebSocketFrame)) {
        return;
      }
      String text = ((TextWebSocketFrame) frame).text();
      if (text.startsWith("42[\"tick\",\"")) {
        int bar = text.indexOf('|', 11);
        record(System.nanoTime() - Long.parseLong(text, 11, bar, 10));
      } else if (text.startsWith("43")) {
        if (!text.equals(expectedAck)) {
          badAcks++;
        }
        record(System.nanoTime() - sentAt);
        sendEcho();
      } else if (text.equals("2")) {
        ctx.writeAndFlush(new TextWebSocketFrame("3"));
      } else if (text.startsWith("0{")) {
        ctx.writeAndFlush(new TextWebSocketFrame("40"));
      } else if (text.startsWith("40{")) {
        onConnected.run();
      }
    }

    void sendEcho() {
      long id = ackId++;
      expectedAck = "43" + id + "[\"" + PAYLOAD + "\"]";
      sentAt = System.nanoTime();
      channel.writeAndFlush(new TextWebSocketFrame("42" + id + "[\"echo\",\"" + PAYLOAD + "\"]"));
    }

    void sendBroadcast() {
      String stamp = Long.toString(System.nanoTime());
      String body = stamp + "|" + "x".repeat(Math.max(0, 64 - stamp.length() - 1));
      channel.writeAndFlush(new TextWebSocketFrame("42[\"broadcast\",\"" + body + "\"]"));
    }
  }
}
