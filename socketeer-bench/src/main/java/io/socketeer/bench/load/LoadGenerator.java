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
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
 * java -cp socketeer-benchmarks.jar io.socketeer.bench.load.LoadGenerator polling --port 3000 --clients 50 --seconds 10
 * </pre>
 *
 * <p>Prints one JSON line with the results. Traffic goes to 127.0.0.1 only; every run is bounded
 * in connections and time.
 */
public final class LoadGenerator {
  private static final String PAYLOAD = "x".repeat(64);
  private static final byte[] ECHO_TAIL = ("[\"echo\",\"" + PAYLOAD + "\"]").getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ACK_TAIL = ("[\"" + PAYLOAD + "\"]").getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TICK = "42[\"tick\",\"".getBytes(StandardCharsets.US_ASCII);

  private static boolean startsWith(ByteBuf in, int at, byte[] prefix) {
    if (in.readableBytes() < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (in.getByte(at + i) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** The servers' ports; connection i goes to {@code ports[i % ports.length]}. */
  private final int[] ports;
  /**
   * Native epoll where it loads: besides being cheaper, it can bind a source address without
   * choosing the port ({@code IP_BIND_ADDRESS_NO_PORT}), so that the kernel picks the port at
   * connect time and may reuse one the previous run left in TIME_WAIT. NIO's bind-before-connect
   * cannot, and searched ever longer for free ports after a run of 10,000 connections.
   */
  private static final boolean EPOLL = io.netty.channel.epoll.Epoll.isAvailable();
  private static final Class<? extends Channel> CHANNEL =
      EPOLL ? io.netty.channel.epoll.EpollSocketChannel.class : NioSocketChannel.class;
  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
      EPOLL ? io.netty.channel.epoll.EpollIoHandler.newFactory() : NioIoHandler.newFactory());
  private final List<Conn> conns = new ArrayList<>();
  private final java.util.concurrent.atomic.AtomicInteger connectFailures = new java.util.concurrent.atomic.AtomicInteger();

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
    g.serverPid = intArg(args, "--server-pid", 0);
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
          json = g.connect(clients, warmup, intArg(args, "--server-pid", 0));
          break;
        case "idle":
          json = g.idle(clients, seconds, intArg(args, "--server-pid", 0));
          break;
        case "polling":
          json = g.polling(clients, warmup, seconds);
          break;
        default:
          throw new IllegalArgumentException("unknown scenario " + scenario + " (echo, broadcast, connect, idle, polling)");
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
        clients, elapsed / 1e9, completed, completed / (elapsed / 1e9), percentiles() + "," + serverCpu(completed, elapsed), errors);
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
        percentiles() + "," + serverCpu(completed, elapsed));
  }

  /**
   * Echo with ack over HTTP long-polling only: each client keeps one GET waiting and sends its
   * packets by POST, each on its own keep-alive connection, as the official client does in Node.
   */
  private String polling(int clients, int warmup, int seconds) throws Exception {
    CountDownLatch connected = new CountDownLatch(clients);
    List<PollingClient> pollers = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      PollingClient c = new PollingClient(ports[i % ports.length], connected::countDown);
      pollers.add(c);
      group.next().execute(c::start);
    }
    if (!connected.await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("only " + (clients - connected.getCount()) + " of " + clients + " polling clients connected");
    }
    pollers.forEach(c -> group.next().execute(c::sendEcho));
    Thread.sleep(warmup * 1000L);
    long start = startMeasuring();
    Thread.sleep(seconds * 1000L);
    long elapsed = stopMeasuring(start);
    long errors = pollers.stream().mapToLong(c -> c.badAcks).sum();
    long failures = pollers.stream().mapToLong(c -> c.failures).sum();
    pollers.forEach(c -> group.next().execute(c::stop));
    return String.format(Locale.ROOT,
        "{\"scenario\":\"polling\",\"clients\":%d,\"seconds\":%.2f,\"roundTrips\":%d,\"perSecond\":%.0f,%s,"
            + "\"badAcks\":%d,\"httpFailures\":%d}",
        clients, elapsed / 1e9, completed, completed / (elapsed / 1e9), percentiles() + "," + serverCpu(completed, elapsed), errors, failures);
  }

  /** Opens N connections through the full handshake, 256 in flight at most; connects/s and RSS. */
  private String connect(int clients, int warmup, int serverPid) throws Exception {
    long rssBefore = rssKb(serverPid);
    // Connections opened and closed unmeasured for the warm-up time first, as the other
    // scenarios warm up: the rate of a running server (and generator), not of one whose code is
    // still being compiled. A fresh JVM server spends about 9 s of its one core compiling during
    // its first 20,000 connections; Node gets the same warm-up.
    long warmUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmup);
    do {
      connectAll(Math.min(clients, 2000));
      closeAll();
    } while (System.nanoTime() < warmUntil);
    Thread.sleep(2000);
    connectFailures.set(0);
    long start = startMeasuring();
    connectAll(clients);
    long elapsed = stopMeasuring(start);
    long rssAfter = rssKb(serverPid);
    return String.format(Locale.ROOT,
        "{\"scenario\":\"connect\",\"clients\":%d,\"seconds\":%.2f,\"perSecond\":%.0f,%s,%s,%s,\"connectFailures\":%d}",
        clients, elapsed / 1e9, clients / (elapsed / 1e9), percentiles(), serverCpu(clients, elapsed),
        rss(serverPid, rssBefore, rssAfter, clients), connectFailures.get());
  }

  /** Holds N idle connections (answering pings) for a while; the server's RSS per connection. */
  private String idle(int clients, int seconds, int serverPid) throws Exception {
    long heapBefore = heapUsedKbAfterGc(serverPid);
    long rssBefore = rssKb(serverPid);
    connectAll(clients);
    Thread.sleep(seconds * 1000L);
    long rssAfter = rssKb(serverPid);
    long heapAfter = heapUsedKbAfterGc(serverPid);
    String heap = heapBefore < 0 || heapAfter < 0 ? "\"liveHeapPerConnectionBytes\":null"
        : String.format(Locale.ROOT, "\"liveHeapPerConnectionBytes\":%.0f", (heapAfter - heapBefore) * 1024.0 / clients);
    return String.format(Locale.ROOT, "{\"scenario\":\"idle\",\"clients\":%d,\"heldSeconds\":%d,%s,%s,\"connectFailures\":%d}",
        clients, seconds, rss(serverPid, rssBefore, rssAfter, clients), heap, connectFailures.get());
  }

  /**
   * Returns the used heap of JVM {@code pid} in kB right after a full collection (through
   * {@code jcmd}), or -1 when the process is no JVM or jcmd is not at hand.
   */
  private static long heapUsedKbAfterGc(int pid) {
    if (pid <= 0 || !isJvm(pid)) {
      return -1; // jcmd attaches with SIGQUIT, which would kill any other process
    }
    try {
      String jcmd = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
      // The class histogram runs a full collection first and sums what is live.
      String histogram = run(jcmd, Integer.toString(pid), "GC.class_histogram");
      java.util.regex.Matcher m = histogram == null ? null
          : java.util.regex.Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)").matcher(histogram);
      return m != null && m.find() ? Long.parseLong(m.group(1)) / 1024 : -1;
    } catch (RuntimeException e) {
      return -1;
    }
  }

  private static boolean isJvm(int pid) {
    try {
      String cmdline = new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/" + pid + "/cmdline")),
          StandardCharsets.UTF_8);
      return cmdline.startsWith("java") || cmdline.contains("/java\0") || cmdline.contains("bin/java");
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /** Returns the CPU time process {@code pid} used so far in clock ticks (user + system), or -1. */
  private static long cpuTicks(int pid) {
    if (pid <= 0) {
      return -1;
    }
    try {
      String stat = new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/" + pid + "/stat")),
          StandardCharsets.US_ASCII);
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15: utime, stime
    } catch (java.io.IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * The server's CPU use during the measurement: share of one core and CPU microseconds per
   * operation. When the generator is the bottleneck (the server below one core), the cost per
   * operation is what compares servers.
   */
  private String serverCpu(long ops, long elapsedNanos) {
    if (cpuAtStart < 0 || cpuAtEnd < 0) {
      return "\"serverCpuCores\":null,\"serverCpuMicrosPerOp\":null";
    }
    double cpuSeconds = (cpuAtEnd - cpuAtStart) / 100.0; // USER_HZ is 100 on Linux
    return String.format(Locale.ROOT, "\"serverCpuCores\":%.2f,\"serverCpuMicrosPerOp\":%.2f",
        cpuSeconds / (elapsedNanos / 1e9), ops == 0 ? Double.NaN : cpuSeconds * 1e6 / ops);
  }

  private long cpuAtStart = -1;
  private long cpuAtEnd = -1;
  /** The server's pid (--server-pid), or 0. */
  private int serverPid;

  /** Runs a command for at most 30 s; its output, or null when it failed. */
  private static String run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? output : null;
    } catch (java.io.IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
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
    cpuAtStart = cpuTicks(serverPid);
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
    cpuAtEnd = cpuTicks(serverPid);
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

  /** Closes every connection opened so far and forgets them. */
  private void closeAll() throws InterruptedException {
    List<io.netty.channel.ChannelFuture> closing = new ArrayList<>();
    for (Conn c : conns) {
      if (c.channel != null) {
        closing.add(c.channel.close());
      }
    }
    for (io.netty.channel.ChannelFuture f : closing) {
      f.await(10, TimeUnit.SECONDS);
    }
    conns.clear();
  }

  /** Opens {@code n} Socket.IO connections, at most 256 handshakes in flight. */
  private void connectAll(int n) throws Exception {
    Bootstrap b = new Bootstrap().group(group).channel(CHANNEL)
        .option(ChannelOption.TCP_NODELAY, true);
    if (EPOLL) {
      b.option(io.netty.channel.epoll.EpollChannelOption.IP_BIND_ADDRESS_NO_PORT, true);
    }
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
      // Source addresses 127.0.0.1-4 in turn: four ephemeral port ranges, so that back-to-back
      // runs of 19,500 connections do not run out of ports while the last run's sit in TIME_WAIT.
      b.clone().localAddress(new java.net.InetSocketAddress("127.0.0." + (1 + i % 4), 0))
          .handler(new ChannelInitializer<SocketChannel>() {
        @Override
        protected void initChannel(SocketChannel ch) {
          ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(65536),
              new WebSocketClientProtocolHandler(WebSocketClientHandshakerFactory.newHandshaker(
                  uri, WebSocketVersion.V13, null, false, new DefaultHttpHeaders(), 1 << 20),
                  true, true, 10_000L, false), // no UTF-8 validation of what the servers send: cost only
              conn);
        }
      }).connect(uri.getHost(), uri.getPort()).addListener(f -> {
        if (!f.isSuccess()) {
          // Counted and reported, never waited for (a lost connect must not hang the run).
          if (connectFailures.getAndIncrement() == 0) {
            System.err.println("connect failed: " + f.cause());
          }
          window.release();
          all.countDown();
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
    private ByteBuf expectedAck;

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
      // Bytes, not strings, on the hot paths (acks and ticks): the generator must not be the
      // bottleneck of the runs it measures.
      ByteBuf in = frame.content();
      int at = in.readerIndex();
      int length = in.readableBytes();
      byte b0 = in.getByte(at);
      byte b1 = length > 1 ? in.getByte(at + 1) : 0;
      if (b0 == '4' && b1 == '3') {
        if (!ByteBufUtil.equals(in, at, expectedAck, 0, expectedAck.readableBytes())
            || length != expectedAck.readableBytes()) {
          badAcks++;
        }
        record(System.nanoTime() - sentAt);
        sendEcho();
      } else if (b0 == '4' && b1 == '2' && startsWith(in, at, TICK)) {
        long stamp = 0;
        for (int i = at + TICK.length; i < at + length; i++) {
          byte c = in.getByte(i);
          if (c < '0' || c > '9') {
            break;
          }
          stamp = stamp * 10 + (c - '0');
        }
        record(System.nanoTime() - stamp);
      } else if (length == 1 && b0 == '2') {
        ctx.writeAndFlush(new TextWebSocketFrame("3"));
      } else if (b0 == '0' && b1 == '{') {
        ctx.writeAndFlush(new TextWebSocketFrame("40"));
      } else if (b0 == '4' && b1 == '0' && length > 2 && !joined) {
        joined = true;
        onConnected.run();
      }
    }

    /** Set once the namespace is joined; a connection lost before that is a failed connect. */
    private boolean joined;

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      if (!joined) {
        joined = true;
        connectFailures.incrementAndGet();
        onConnected.run(); // frees its place in the window; counted as a failure above
      }
      super.channelInactive(ctx);
    }

    void sendEcho() {
      long id = ackId++;
      if (expectedAck != null) {
        expectedAck.release();
      }
      byte[] digits = Long.toString(id).getBytes(StandardCharsets.US_ASCII);
      expectedAck = Unpooled.buffer(digits.length + ACK_TAIL.length + 2)
          .writeByte('4').writeByte('3').writeBytes(digits).writeBytes(ACK_TAIL);
      ByteBuf out = channel.alloc().buffer(digits.length + ECHO_TAIL.length + 2)
          .writeByte('4').writeByte('2').writeBytes(digits).writeBytes(ECHO_TAIL);
      sentAt = System.nanoTime();
      channel.writeAndFlush(new TextWebSocketFrame(out));
    }

    void sendBroadcast() {
      String stamp = Long.toString(System.nanoTime());
      String body = stamp + "|" + "x".repeat(Math.max(0, 64 - stamp.length() - 1));
      channel.writeAndFlush(new TextWebSocketFrame("42[\"broadcast\",\"" + body + "\"]"));
    }
  }

  /**
   * One long-polling client: a GET connection that always has a request waiting and a POST
   * connection that sends queued packets, several joined by the record separator while a POST is
   * in flight. All its state lives on the generator's event loop.
   */
  private final class PollingClient {
    private final int port;
    private final Runnable onConnected;
    private Channel get;
    private Channel post;
    private String sid;
    private boolean postInFlight;
    private final StringBuilder pending = new StringBuilder();
    private boolean stopped;
    long ackId;
    long sentAt;
    long badAcks;
    long failures;
    private String expectedAck;

    PollingClient(int port, Runnable onConnected) {
      this.port = port;
      this.onConnected = onConnected;
    }

    void start() {
      open(body -> onPayload(body), ch -> {
        get = ch;
        poll();
      });
    }

    void stop() {
      stopped = true;
      if (get != null) {
        get.close();
      }
      if (post != null) {
        post.close();
      }
    }

    private String path() {
      return "/socket.io/?EIO=4&transport=polling" + (sid == null ? "" : "&sid=" + sid);
    }

    private void poll() {
      if (stopped) {
        return;
      }
      io.netty.handler.codec.http.FullHttpRequest request = new io.netty.handler.codec.http.DefaultFullHttpRequest(
          io.netty.handler.codec.http.HttpVersion.HTTP_1_1, io.netty.handler.codec.http.HttpMethod.GET, path());
      request.headers().set(io.netty.handler.codec.http.HttpHeaderNames.HOST, "127.0.0.1:" + port);
      get.writeAndFlush(request);
    }

    private void onPayload(String body) {
      for (String packet : body.split("\u001e")) {
        if (packet.startsWith("0{")) {
          int at = packet.indexOf("\"sid\":\"") + 7;
          sid = packet.substring(at, packet.indexOf('"', at));
          open(ok -> onPosted(), ch -> {
            post = ch;
            send("40");
          });
        } else if (packet.startsWith("40{")) {
          onConnected.run();
        } else if (packet.equals("2")) {
          send("3");
        } else if (packet.startsWith("43")) {
          if (!packet.equals(expectedAck)) {
            badAcks++;
          }
          record(System.nanoTime() - sentAt);
          sendEcho();
        }
      }
      poll();
    }

    void sendEcho() {
      long id = ackId++;
      expectedAck = "43" + id + "[\"" + PAYLOAD + "\"]";
      sentAt = System.nanoTime();
      send("42" + id + "[\"echo\",\"" + PAYLOAD + "\"]");
    }

    private void send(String packet) {
      if (pending.length() > 0) {
        pending.append('\u001e');
      }
      pending.append(packet);
      if (!postInFlight) {
        flush();
      }
    }

    private void flush() {
      if (stopped || pending.length() == 0 || post == null) {
        return;
      }
      byte[] body = pending.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      pending.setLength(0);
      postInFlight = true;
      io.netty.handler.codec.http.FullHttpRequest request = new io.netty.handler.codec.http.DefaultFullHttpRequest(
          io.netty.handler.codec.http.HttpVersion.HTTP_1_1, io.netty.handler.codec.http.HttpMethod.POST, path(),
          io.netty.buffer.Unpooled.wrappedBuffer(body));
      request.headers().set(io.netty.handler.codec.http.HttpHeaderNames.HOST, "127.0.0.1:" + port);
      request.headers().set(io.netty.handler.codec.http.HttpHeaderNames.CONTENT_TYPE, "text/plain;charset=UTF-8");
      request.headers().setInt(io.netty.handler.codec.http.HttpHeaderNames.CONTENT_LENGTH, body.length);
      post.writeAndFlush(request);
    }

    private void onPosted() {
      postInFlight = false;
      flush();
    }

    /** Opens a keep-alive HTTP connection whose answers' bodies go to {@code onBody}. */
    private void open(java.util.function.Consumer<String> onBody, java.util.function.Consumer<Channel> onOpen) {
      new Bootstrap().group(group).channel(CHANNEL).option(ChannelOption.TCP_NODELAY, true)
          .handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20),
                  new SimpleChannelInboundHandler<io.netty.handler.codec.http.FullHttpResponse>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, io.netty.handler.codec.http.FullHttpResponse r) {
                      if (r.status().code() != 200) {
                        failures++;
                        if (!stopped) {
                          System.err.println("polling answer " + r.status() + ": "
                              + r.content().toString(java.nio.charset.StandardCharsets.UTF_8));
                        }
                        return;
                      }
                      onBody.accept(r.content().toString(java.nio.charset.StandardCharsets.UTF_8));
                    }
                  });
            }
          }).connect("127.0.0.1", port).addListener((io.netty.channel.ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
              failures++;
              System.err.println("polling connect failed: " + f.cause());
              return;
            }
            onOpen.accept(f.channel());
          });
    }
  }
}
