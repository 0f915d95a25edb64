package io.socketeer.bench.soak;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.socketeer.client.ClientOptions;
import io.socketeer.client.Socket;
import io.socketeer.client.SocketIoClient;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The soak and chaos harness: thousands of clients against one Socketeer server, or against
 * three Socketeer nodes on one Redis, for a set time, while connections are dropped and
 * re-established, clients start on polling and upgrade, slow readers stop reading, and
 * acknowledgements the server asks for are withheld. It then checks every message.
 *
 * <pre>
 * java -cp socketeer-bench/target/socketeer-benchmarks.jar io.socketeer.bench.soak.SoakHarness \
 *     --mode single --clients 2000 --seconds 300
 * java -cp socketeer-bench/target/socketeer-benchmarks.jar io.socketeer.bench.soak.SoakHarness \
 *     --mode cluster --clients 2000 --seconds 300
 * </pre>
 *
 * <p><b>Setup.</b> The servers run in this JVM on the Netty runtime (cluster mode: three nodes
 * with the classic Redis adapter on a {@code redis-server} the harness starts on a free port).
 * Client {@code i} connects to node {@code i % nodes} and joins room {@code i / roomSize}. Most
 * clients are the Java client ({@code socketeer-client}), some straight over WebSocket, some
 * ({@code --upgraders}, 0.3) starting on polling and upgrading; {@code --slow-readers} (0.02) are
 * raw WebSocket clients that stop reading their socket for 1 to 4 s at random times.
 *
 * <p><b>Traffic.</b> Every client sends {@code msg} with its own sequence number every
 * {@code --send-interval-ms} (5,000); the server broadcasts it to the sender's room (every
 * {@code --volatile-every}-th, 10, as a volatile broadcast) and writes it to a ledger first. The
 * harness broadcasts numbered news to every client every {@code --news-interval-ms} (1,000). The
 * servers ask {@code --probes} (20) random clients per second for an acknowledgement with a
 * {@code --ack-timeout-ms} (3,000) timeout; {@code --withholders} (0.05) of the clients never
 * answer.
 *
 * <p><b>Chaos.</b> Every second {@code --churn} (4) random clients lose their connection, half
 * dropped by the server (the client reconnects by itself), half disconnecting themselves and
 * connecting again 0.5 to 3 s later. At each point of {@code --waves} (0.5, a fraction of the
 * run) the server drops {@code --wave-fraction} (0.3) of the clients at once. In cluster mode
 * Redis is killed (SIGKILL) at {@code --redis-at} (0.3) and started again {@code --outage-ms}
 * (3,000) later, and node 1 is stopped at {@code --node-at} (0.7) and started again on its port
 * as long after; each outage lasts until a message between every two nodes gets through again.
 *
 * <p><b>Checks.</b> Every message in the ledger must reach every member of its room exactly once
 * and, per sender, in order. A loss is allowed only where Socket.IO's at-most-once delivery
 * allows it: for volatile broadcasts, while the receiver was disconnected (from the first sign of
 * the disconnection to its next connection, widened by {@code --grace-ms}, 2,000, on each side),
 * and, in cluster mode, inside an outage window (widened the same way). Duplicates and messages
 * out of order must be zero, and so must losses outside those windows. When every client has left,
 * the servers must hold no connection; the heap after a full collection at the end of the run may
 * exceed the one early in the run by at most {@code --heap-tolerance-mb} (64). The heap figures are
 * of this JVM, so they include the clients and the harness's own records, which are allocated
 * before the first sample.
 *
 * <p>Prints progress to standard error, then the report as one JSON line and as a table to
 * standard output, and exits with 1 when a check failed. Other flags: {@code --room-size} (20),
 * {@code --heap-every-s} (15), {@code --seed} (1).
 */
public final class SoakHarness {
  private final SoakConfig config;
  private final Consumer<String> progress;
  private final SoakReport report = new SoakReport();
  private final long t0 = System.nanoTime();
  private final Random random;
  private final List<SoakNode> nodes = new ArrayList<>();
  private final List<Receiver> receivers = new ArrayList<>();
  /** The Java client socket of each client id, or null for slow readers. */
  private final List<Socket> sockets = new ArrayList<>();
  private final List<SlowReader> slowReaders = new ArrayList<>();
  private final AtomicInteger[] seqs;
  private final AtomicLong serverDrops = new AtomicLong();
  private final AtomicLong clientDisconnects = new AtomicLong();
  private final AtomicLong waveDrops = new AtomicLong();
  private final AtomicLong slowPauses = new AtomicLong();
  private final List<SoakReport.Outage> outages = java.util.Collections.synchronizedList(new ArrayList<>());
  /** Outage windows in nanoTime, (what node or -1 for Redis, from, to). */
  private final List<long[]> outageWindows = java.util.Collections.synchronizedList(new ArrayList<>());
  private Ledger ledger;
  private RedisProcess redis;
  private final AckStats acks = new AckStats();

  private SoakHarness(SoakConfig config, Consumer<String> progress) {
    this.config = config;
    this.progress = progress;
    this.random = new Random(config.seed);
    this.seqs = new AtomicInteger[config.clients];
  }

  /** Runs the harness with the flags described above, prints the report and exits (1 when a check failed). */
  public static void main(String[] args) throws Exception {
    long toleranceMb = 64;
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--heap-tolerance-mb") && i + 1 < args.length) {
        toleranceMb = Long.parseLong(args[++i]);
      } else {
        rest.add(args[i]);
      }
    }
    SoakConfig config = SoakConfig.parse(rest.toArray(String[]::new));
    SoakReport report = run(config, toleranceMb * 1024 * 1024, System.err::println);
    System.out.println(report.toJson());
    System.out.println();
    System.out.println(report.toTable());
    System.exit(report.passed() ? 0 : 1);
  }

  /**
   * Runs one soak with {@code config} and returns its report; {@code progress} receives a line
   * at each phase. Blocks for the run's duration plus setup and checks.
   */
  public static SoakReport run(SoakConfig config, long heapToleranceBytes, Consumer<String> progress)
      throws Exception {
    config.validate();
    SoakHarness h = new SoakHarness(config, progress);
    h.report.heapToleranceBytes = heapToleranceBytes;
    try {
      h.runAll();
    } finally {
      h.shutDownServers();
    }
    return h.report;
  }

  private double seconds(long nanoTime) {
    return (nanoTime - t0) / 1e9;
  }

  private void log(String line) {
    progress.accept(String.format(Locale.ROOT, "[soak %6.1f s] %s", seconds(System.nanoTime()), line));
  }

  private void runAll() throws Exception {
    report.config = config.toString();
    report.started = Instant.now().toString();
    report.machine = String.format(Locale.ROOT, "%d cores, Java %s, load average %s",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), loadAverage());
    long sendsPerClient = config.duration.toMillis() / Math.max(1, config.sendInterval.toMillis()) + 2;
    long newsItems = config.duration.toMillis() / Math.max(1, config.newsInterval.toMillis()) + 2;
    ledger = new Ledger((int) Math.min(Integer.MAX_VALUE / 2, (sendsPerClient * config.clients + newsItems) * 5 / 4));
    int bits = (int) Math.max(sendsPerClient * 2, newsItems) + 64;

    String redisUri = null;
    if (config.mode == SoakConfig.Mode.CLUSTER) {
      redis = RedisProcess.start();
      redisUri = redis.uri();
      log("redis-server on " + redisUri);
    }
    for (int k = 0; k < config.nodes(); k++) {
      SoakNode node = new SoakNode(k, config, ledger, acks, redisUri, config.nodes());
      node.start();
      nodes.add(node);
      log("node " + k + " on port " + node.port());
    }
    for (int i = 0; i < config.clients; i++) {
      double r = random.nextDouble();
      Receiver.Kind kind = r < config.slowReaderFraction ? Receiver.Kind.SLOW
          : r < config.slowReaderFraction + config.upgradeFraction ? Receiver.Kind.UPGRADE : Receiver.Kind.WEBSOCKET;
      boolean withholds = kind != Receiver.Kind.SLOW && random.nextDouble() < config.withholderFraction;
      receivers.add(new Receiver(i, kind, withholds, i % config.nodes(), System.nanoTime(), bits));
      seqs[i] = new AtomicInteger();
    }
    report.heapIdleBefore = heapAfterGc();

    SocketIoClient client = SocketIoClient.create(2, 2);
    EventLoopGroup slowGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    ScheduledExecutorService traffic = Executors.newSingleThreadScheduledExecutor(daemon("soak-traffic"));
    ScheduledExecutorService chaos = Executors.newSingleThreadScheduledExecutor(daemon("soak-chaos"));
    ScheduledExecutorService outagesPool = Executors.newSingleThreadScheduledExecutor(daemon("soak-outages"));
    ScheduledExecutorService heapPool = Executors.newSingleThreadScheduledExecutor(daemon("soak-heap"));
    try {
      connectAll(client, slowGroup);
      long start = System.nanoTime();
      startTraffic(traffic);
      startChaos(chaos, outagesPool);
      long sampleMs = config.heapSampleInterval.toMillis();
      heapPool.scheduleAtFixedRate(this::sampleHeap, sampleMs, sampleMs, TimeUnit.MILLISECONDS);
      long baselineAt = Math.max(5_000, config.duration.toMillis() / 10);
      sleepUntil(start + TimeUnit.MILLISECONDS.toNanos(baselineAt));
      report.heapBaseline = heapAfterGc();
      log(String.format(Locale.ROOT, "baseline heap %.1f MB", report.heapBaseline / 1048576.0));
      sleepUntil(start + config.duration.toNanos());

      log("stopping traffic and chaos");
      traffic.shutdownNow();
      chaos.shutdownNow();
      heapPool.shutdownNow();
      outagesPool.shutdown();
      if (!outagesPool.awaitTermination(120, TimeUnit.SECONDS)) {
        report.errors.add("an outage did not end within 120 s of the run's end");
      }
      traffic.awaitTermination(10, TimeUnit.SECONDS);
      chaos.awaitTermination(10, TimeUnit.SECONDS);
      heapPool.awaitTermination(30, TimeUnit.SECONDS);
      slowReaders.forEach(SlowReader::resume);
      for (Socket s : sockets) {
        if (s != null && !s.active()) {
          s.connect();
        }
      }
      report.allReconnected = await(Duration.ofSeconds(60), () -> receivers.stream().allMatch(Receiver::isUp));
      // Let the last broadcasts and probes settle.
      Thread.sleep(config.ackTimeout.toMillis() + 2000);
      report.heapEnd = heapAfterGc();
      report.heap.add(new SoakReport.HeapSample(seconds(System.nanoTime()), report.heapEnd, clientsUp(),
          nodes.stream().mapToInt(SoakNode::connectionCount).sum()));
      report.upgradeClients = receivers.stream().filter(r -> r.kind == Receiver.Kind.UPGRADE).count();
      report.upgradedClients = receivers.stream().filter(r -> r.kind == Receiver.Kind.UPGRADE
          && "websocket".equals(sockets.get(r.id).manager().transport())).count();
      log("checking " + ledger.size() + " broadcasts");
      evaluate();
    } finally {
      traffic.shutdownNow();
      chaos.shutdownNow();
      outagesPool.shutdownNow();
      heapPool.shutdownNow();
      log("closing clients");
      slowReaders.forEach(SlowReader::stop);
      client.close();
      slowGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
    await(Duration.ofSeconds(20), () -> nodes.stream().allMatch(n -> n.connectionCount() == 0 && n.socketCount() == 0));
    report.sessionsAtEnd = nodes.stream().mapToInt(SoakNode::connectionCount).sum();
    report.socketsAtEnd = nodes.stream().mapToInt(SoakNode::socketCount).sum();
    report.heapAfterClose = heapAfterGc();
    report.seconds = seconds(System.nanoTime());
    report.serverDrops = serverDrops.get();
    report.clientDisconnects = clientDisconnects.get();
    report.waveDrops = waveDrops.get();
    report.slowPauses = slowPauses.get();
    report.acks = acks;
    report.outages.addAll(outages);
    log(report.passed() ? "passed" : "failed: " + report.failures());
  }

  private void connectAll(SocketIoClient client, EventLoopGroup slowGroup) throws InterruptedException {
    log("connecting " + config.clients + " clients");
    for (Receiver r : receivers) {
      int port = nodes.get(r.node).port();
      if (r.kind == Receiver.Kind.SLOW) {
        SlowReader reader = new SlowReader(r, slowGroup, port, System::nanoTime);
        slowReaders.add(reader);
        sockets.add(null);
        reader.connect();
      } else {
        ClientOptions options = ClientOptions.builder()
            .forceNew(true)
            .transports(r.kind == Receiver.Kind.UPGRADE ? new String[] {"polling", "websocket"} : new String[] {"websocket"})
            .auth(Map.of("id", r.id, "w", r.withholdsAcks))
            .build();
        Socket s = client.socket("http://127.0.0.1:" + port + "/", options);
        s.on(SoakNode.ROOM_MESSAGE, (args, ack) -> r.onMessage(args.get(0).asInt(), args.get(1).asInt()));
        s.on(SoakNode.NEWS, (args, ack) -> r.onMessage(Ledger.NEWS, args.get(0).asInt()));
        s.on(SoakNode.PROBE, (args, ack) -> {
          if (!r.withholdsAcks) {
            ack.send("ok");
          }
        });
        s.onConnect(() -> r.onConnect(System.nanoTime()));
        s.onDisconnect(reason -> r.onDisconnect(System.nanoTime()));
        sockets.add(s);
      }
      // Pace the handshakes: at most 200 in flight.
      if (r.id % 200 == 199) {
        int upTo = r.id + 1;
        await(Duration.ofSeconds(30), () -> receivers.subList(0, upTo).stream().filter(Receiver::isUp).count() >= upTo - 20);
      }
    }
    if (!await(Duration.ofSeconds(120), () -> clientsUp() == config.clients)) {
      throw new IllegalStateException("only " + clientsUp() + " of " + config.clients + " clients connected");
    }
    log("all " + config.clients + " clients connected");
  }

  private void startTraffic(ScheduledExecutorService traffic) {
    long period = config.sendInterval.toMillis();
    for (Receiver r : receivers) {
      Socket s = sockets.get(r.id);
      SlowReader slow = s == null ? slowReaders.get(slowIndex(r.id)) : null;
      traffic.scheduleAtFixedRate(() -> {
        if (s != null) {
          if (s.emit(SoakNode.MSG, seqs[r.id].getAndIncrement())) {
            r.onSent();
          }
        } else {
          slow.sendNext();
        }
      }, random.nextInt((int) Math.max(1, period)), period, TimeUnit.MILLISECONDS);
    }
    AtomicInteger news = new AtomicInteger();
    traffic.scheduleAtFixedRate(() -> nodes.get(0).news(news.getAndIncrement()), 0,
        config.newsInterval.toMillis(), TimeUnit.MILLISECONDS);
    int perTick = Math.max(1, config.probesPerSecond / 10);
    if (config.probesPerSecond > 0) {
      traffic.scheduleAtFixedRate(() -> {
        for (int i = 0; i < perTick; i++) {
          int id = random.nextInt(config.clients);
          nodes.stream().anyMatch(n -> n.probe(id));
        }
      }, 100, 100, TimeUnit.MILLISECONDS);
    }
  }

  private int slowIndex(int id) {
    int n = 0;
    for (int i = 0; i < id; i++) {
      if (receivers.get(i).kind == Receiver.Kind.SLOW) {
        n++;
      }
    }
    return n;
  }

  private void startChaos(ScheduledExecutorService chaos, ScheduledExecutorService outagesPool) {
    List<Receiver> java = receivers.stream().filter(r -> r.kind != Receiver.Kind.SLOW).toList();
    chaos.scheduleAtFixedRate(() -> {
      for (int i = 0; i < config.churnPerSecond && !java.isEmpty(); i++) {
        Receiver r = java.get(random.nextInt(java.size()));
        if (!r.isUp()) {
          continue;
        }
        if (random.nextBoolean()) {
          r.markDown(System.nanoTime());
          if (nodes.get(r.node).dropConnection(r.id)) {
            serverDrops.incrementAndGet();
          }
        } else {
          Socket s = sockets.get(r.id);
          r.markDown(System.nanoTime());
          s.disconnect();
          clientDisconnects.incrementAndGet();
          chaos.schedule(() -> {
            s.connect();
          }, 500 + random.nextInt(2500), TimeUnit.MILLISECONDS);
        }
      }
      for (SlowReader reader : slowReaders) {
        if (random.nextDouble() < 0.15) {
          reader.pause(1000 + random.nextInt(3000));
          slowPauses.incrementAndGet();
        }
      }
    }, 1, 1, TimeUnit.SECONDS);
    for (double at : config.waves) {
      chaos.schedule(() -> {
        int n = 0;
        for (Receiver r : java) {
          if (r.isUp() && random.nextDouble() < config.waveFraction) {
            r.markDown(System.nanoTime());
            if (nodes.get(r.node).dropConnection(r.id)) {
              n++;
            }
          }
        }
        waveDrops.addAndGet(n);
        log("wave: dropped " + n + " connections");
      }, (long) (at * config.duration.toMillis()), TimeUnit.MILLISECONDS);
    }
    if (config.mode == SoakConfig.Mode.CLUSTER) {
      outagesPool.schedule(this::redisOutage, (long) (config.redisRestartAt * config.duration.toMillis()),
          TimeUnit.MILLISECONDS);
      outagesPool.schedule(this::nodeOutage, (long) (config.nodeRestartAt * config.duration.toMillis()),
          TimeUnit.MILLISECONDS);
    }
  }

  private void redisOutage() {
    try {
      long down = System.nanoTime();
      log("killing redis-server");
      redis.kill();
      Thread.sleep(config.outage.toMillis());
      redis.startProcess();
      log("redis-server started again");
      long up = awaitClusterPath();
      outageWindows.add(new long[] {-1, down, up});
      outages.add(new SoakReport.Outage("redis", seconds(down), seconds(up)));
      log(String.format(Locale.ROOT, "cluster usable again after %.1f s", (up - down) / 1e9));
    } catch (Exception e) {
      report.errors.add("redis outage: " + e);
    }
  }

  private void nodeOutage() {
    try {
      SoakNode node = nodes.get(1);
      long down = System.nanoTime();
      for (Receiver r : receivers) {
        if (r.node == node.index) {
          r.markDown(down);
        }
      }
      log("stopping node 1");
      node.stop();
      Thread.sleep(config.outage.toMillis());
      node.start();
      log("node 1 started again on port " + node.port());
      long up = awaitClusterPath();
      outageWindows.add(new long[] {node.index, down, up});
      outages.add(new SoakReport.Outage("node 1", seconds(down), seconds(up)));
    } catch (Exception e) {
      report.errors.add("node outage: " + e);
    }
  }

  /** Sends cluster probes until every node hears every other one; returns when that happened. */
  private long awaitClusterPath() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    for (long k = System.nanoTime(); System.nanoTime() < deadline; k = System.nanoTime()) {
      for (SoakNode n : nodes) {
        n.clusterProbe(k);
      }
      Thread.sleep(100);
      boolean all = true;
      for (SoakNode to : nodes) {
        for (SoakNode from : nodes) {
          if (to != from && to.probesSeen.get(from.index) < k) {
            all = false;
          }
        }
      }
      if (all) {
        return System.nanoTime();
      }
    }
    throw new IllegalStateException("the nodes did not hear each other within 60 s");
  }

  private void evaluate() {
    for (Receiver.Kind k : Receiver.Kind.values()) {
      report.byKind.put(k, new SoakReport.Counts());
    }
    long grace = config.grace.toNanos();
    long[][] windows = outageWindows.toArray(long[][]::new);
    long matched = 0;
    int size = ledger.size();
    for (int e = 0; e < size; e++) {
      long t = ledger.time(e);
      int sender = ledger.sender(e);
      int seq = ledger.seq(e);
      int node = ledger.node(e);
      boolean isVolatile = sender != Ledger.NEWS && config.isVolatile(seq);
      int from = sender == Ledger.NEWS ? 0 : sender / config.roomSize * config.roomSize;
      int to = sender == Ledger.NEWS ? config.clients : Math.min(config.clients, from + config.roomSize);
      for (int id = from; id < to; id++) {
        Receiver r = receivers.get(id);
        SoakReport.Counts c = report.byKind.get(r.kind);
        c.expected++;
        if (r.received(sender, seq)) {
          matched++;
        } else if (isVolatile) {
          c.lostVolatile++;
        } else if (r.wasDownAround(t, grace)) {
          c.lostWhileDown++;
        } else if (inOutage(windows, t, node, r.node, grace)) {
          c.lostInOutage++;
        } else {
          c.lostOutside++;
          if (report.examples.size() < 10) {
            report.examples.add(String.format(Locale.ROOT, "client %d missed %s #%d sent at %.2f s via node %d",
                id, sender == Ledger.NEWS ? "news" : "client " + sender, seq, seconds(t), node));
          }
        }
      }
    }
    for (Receiver r : receivers) {
      SoakReport.Counts c = report.byKind.get(r.kind);
      c.clients++;
      c.sent += r.sent();
      c.delivered += r.delivered();
      c.duplicates += r.duplicates();
      c.outOfOrder += r.outOfOrder();
      c.disconnects += r.disconnects();
    }
    report.byKind.values().forEach(report.total::add);
    report.ledgerEntries = size;
    report.phantom = report.total.delivered - matched;
  }

  private static boolean inOutage(long[][] windows, long t, int senderNode, int receiverNode, long grace) {
    for (long[] w : windows) {
      boolean concerned = w[0] < 0 || w[0] == senderNode || w[0] == receiverNode;
      if (concerned && t >= w[1] - grace && t <= w[2] + grace) {
        return true;
      }
    }
    return false;
  }

  private int clientsUp() {
    return (int) receivers.stream().filter(Receiver::isUp).count();
  }

  private void sampleHeap() {
    long used = heapAfterGc();
    report.heap.add(new SoakReport.HeapSample(seconds(System.nanoTime()), used, clientsUp(),
        nodes.stream().mapToInt(SoakNode::connectionCount).sum()));
    log(String.format(Locale.ROOT, "heap %.1f MB, %d clients up, %d broadcasts so far",
        used / 1048576.0, clientsUp(), ledger.size()));
  }

  private static synchronized long heapAfterGc() {
    ManagementFactory.getMemoryMXBean().gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private void shutDownServers() {
    for (SoakNode n : nodes) {
      n.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  private static boolean await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(50);
    }
    return true;
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long left = nanoTime - System.nanoTime();
    if (left > 0) {
      TimeUnit.NANOSECONDS.sleep(left);
    }
  }

  private static String loadAverage() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
