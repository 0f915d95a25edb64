package io.socketeer.bench.soak;

import java.time.Duration;
import java.util.Locale;

/**
 * What a soak run does: how many clients of which kinds, for how long, with which chaos. Built
 * from command-line flags ({@link #parse}) or by tests through the fluent setters. Immutable in
 * spirit: a run reads it once at the start and never changes it.
 */
public final class SoakConfig {
  /** One Socketeer server with the in-memory adapter, or three on one Redis. */
  public enum Mode {
    SINGLE,
    CLUSTER
  }

  Mode mode = Mode.SINGLE;
  int clients = 2000;
  Duration duration = Duration.ofMinutes(5);
  int roomSize = 20;
  /** Mean time between two room messages of one client. */
  Duration sendInterval = Duration.ofSeconds(5);
  /** Time between two server-wide broadcasts (news) from the harness. */
  Duration newsInterval = Duration.ofSeconds(1);
  /** Every n-th room message is volatile (0: none). */
  int volatileEvery = 10;
  double slowReaderFraction = 0.02;
  double upgradeFraction = 0.3;
  double withholderFraction = 0.05;
  /** Random disconnects per second (half closed by the server, half by the client). */
  int churnPerSecond = 4;
  /** Points in the run (fractions of the duration) where a share of the clients is dropped at once. */
  double[] waves = {0.5};
  double waveFraction = 0.3;
  /** Acknowledgement probes the server sends per second, and how long it waits for each. */
  int probesPerSecond = 20;
  Duration ackTimeout = Duration.ofSeconds(3);
  /** Margin around each disconnection and outage in which losses are allowed. */
  Duration grace = Duration.ofSeconds(2);
  Duration heapSampleInterval = Duration.ofSeconds(15);
  /** Cluster mode: when Redis and one node go down (fractions of the duration), and for how long. */
  double redisRestartAt = 0.3;
  double nodeRestartAt = 0.7;
  Duration outage = Duration.ofSeconds(3);
  long seed = 1;

  /** Returns the defaults of the long run (2,000 clients, 5 minutes, single mode). */
  public static SoakConfig defaults() {
    return new SoakConfig();
  }

  /** Parses {@code --name value} flags over the defaults; see {@link SoakHarness} for the list. */
  public static SoakConfig parse(String[] args) {
    SoakConfig c = new SoakConfig();
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (!name.startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value, got: " + name);
      }
      String v = args[++i];
      switch (name) {
        case "--mode" -> c.mode = Mode.valueOf(v.toUpperCase(Locale.ROOT));
        case "--clients" -> c.clients = Integer.parseInt(v);
        case "--seconds" -> c.duration = Duration.ofSeconds(Long.parseLong(v));
        case "--room-size" -> c.roomSize = Integer.parseInt(v);
        case "--send-interval-ms" -> c.sendInterval = Duration.ofMillis(Long.parseLong(v));
        case "--news-interval-ms" -> c.newsInterval = Duration.ofMillis(Long.parseLong(v));
        case "--volatile-every" -> c.volatileEvery = Integer.parseInt(v);
        case "--slow-readers" -> c.slowReaderFraction = Double.parseDouble(v);
        case "--upgraders" -> c.upgradeFraction = Double.parseDouble(v);
        case "--withholders" -> c.withholderFraction = Double.parseDouble(v);
        case "--churn" -> c.churnPerSecond = Integer.parseInt(v);
        case "--waves" -> c.waves = v.isEmpty() ? new double[0]
            : java.util.Arrays.stream(v.split(",")).mapToDouble(Double::parseDouble).toArray();
        case "--wave-fraction" -> c.waveFraction = Double.parseDouble(v);
        case "--probes" -> c.probesPerSecond = Integer.parseInt(v);
        case "--ack-timeout-ms" -> c.ackTimeout = Duration.ofMillis(Long.parseLong(v));
        case "--grace-ms" -> c.grace = Duration.ofMillis(Long.parseLong(v));
        case "--heap-every-s" -> c.heapSampleInterval = Duration.ofSeconds(Long.parseLong(v));
        case "--redis-at" -> c.redisRestartAt = Double.parseDouble(v);
        case "--node-at" -> c.nodeRestartAt = Double.parseDouble(v);
        case "--outage-ms" -> c.outage = Duration.ofMillis(Long.parseLong(v));
        case "--seed" -> c.seed = Long.parseLong(v);
        default -> throw new IllegalArgumentException("unknown flag " + name);
      }
    }
    c.validate();
    return c;
  }

  /** Sets single or cluster mode; default single. */
  public SoakConfig mode(Mode mode) {
    this.mode = mode;
    return this;
  }

  /** Sets the number of clients; default 2,000. */
  public SoakConfig clients(int clients) {
    this.clients = clients;
    return this;
  }

  /** Sets how long traffic and chaos run; default 5 minutes. */
  public SoakConfig duration(Duration duration) {
    this.duration = duration;
    return this;
  }

  /** Sets the time between two room messages of one client; default 5 s. */
  public SoakConfig sendInterval(Duration sendInterval) {
    this.sendInterval = sendInterval;
    return this;
  }

  /** Sets the random disconnects per second; default 4. */
  public SoakConfig churnPerSecond(int churnPerSecond) {
    this.churnPerSecond = churnPerSecond;
    return this;
  }

  /** Sets when (fractions of the duration) a share of the clients is dropped at once; default 0.5. */
  public SoakConfig waves(double... waves) {
    this.waves = waves.clone();
    return this;
  }

  /** Sets how long the server waits for each acknowledgement probe; default 3 s. */
  public SoakConfig ackTimeout(Duration ackTimeout) {
    this.ackTimeout = ackTimeout;
    return this;
  }

  /** Sets the time between two heap samples; default 15 s. */
  public SoakConfig heapSampleInterval(Duration heapSampleInterval) {
    this.heapSampleInterval = heapSampleInterval;
    return this;
  }

  /** Sets the acknowledgement probes per second; default 20. */
  public SoakConfig probesPerSecond(int probesPerSecond) {
    this.probesPerSecond = probesPerSecond;
    return this;
  }

  /** Sets when (a fraction of the duration) node 1 goes down in cluster mode; default 0.7. */
  public SoakConfig nodeRestartAt(double nodeRestartAt) {
    this.nodeRestartAt = nodeRestartAt;
    return this;
  }

  /** Sets when (a fraction of the duration) Redis is killed in cluster mode; default 0.3. */
  public SoakConfig redisRestartAt(double redisRestartAt) {
    this.redisRestartAt = redisRestartAt;
    return this;
  }

  /** Returns single or cluster mode. */
  public Mode mode() {
    return mode;
  }

  int nodes() {
    return mode == Mode.CLUSTER ? 3 : 1;
  }

  /** Returns whether room message {@code seq} goes out volatile; server and checker agree on it. */
  boolean isVolatile(int seq) {
    return volatileEvery > 0 && seq % volatileEvery == volatileEvery - 1;
  }

  void validate() {
    if (clients < 1 || roomSize < 1 || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("clients, room size and duration must be positive");
    }
    if (slowReaderFraction + upgradeFraction > 1) {
      throw new IllegalArgumentException("slow readers and upgraders are more than all clients");
    }
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT,
        "mode=%s clients=%d seconds=%d roomSize=%d sendIntervalMs=%d newsIntervalMs=%d volatileEvery=%d"
            + " slowReaders=%.2f upgraders=%.2f withholders=%.2f churnPerSecond=%d waves=%s waveFraction=%.2f"
            + " probesPerSecond=%d ackTimeoutMs=%d graceMs=%d%s seed=%d",
        mode.name().toLowerCase(Locale.ROOT), clients, duration.toSeconds(), roomSize, sendInterval.toMillis(),
        newsInterval.toMillis(), volatileEvery, slowReaderFraction, upgradeFraction, withholderFraction,
        churnPerSecond, java.util.Arrays.toString(waves), waveFraction, probesPerSecond, ackTimeout.toMillis(),
        grace.toMillis(),
        mode == Mode.CLUSTER ? String.format(Locale.ROOT, " redisAt=%.2f nodeAt=%.2f outageMs=%d",
            redisRestartAt, nodeRestartAt, outage.toMillis()) : "",
        seed);
  }
}
