package io.socketeer.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketeer.testkit.LogCapture;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The short soak runs of the regular build: 200 clients for 15 s against one server with one
 * disconnect wave, and for 20 s against three nodes on Redis with Redis and one node restarted.
 * The long runs are documented in the README (Benchmarks, Soak).
 */
class SoakIT {
  private static final long HEAP_TOLERANCE = 32L * 1024 * 1024;

  @BeforeEach
  void captureLog() {
    LogCapture.install();
    LogCapture.takeWarnings();
  }

  @Test
  void singleServerLosesNothingOutsideDisconnectionsAndEndsWithNoSession() throws Exception {
    SoakConfig config = SoakConfig.defaults()
        .clients(200)
        .duration(Duration.ofSeconds(15))
        .sendInterval(Duration.ofSeconds(2))
        .ackTimeout(Duration.ofSeconds(1))
        .heapSampleInterval(Duration.ofSeconds(5))
        .waves(0.5);

    SoakReport report = SoakHarness.run(config, HEAP_TOLERANCE, System.out::println);
    System.out.println(report.toTable());

    assertCommonRules(report);
    assertThat(report.outages()).isZero();
    assertThat(report.lostInOutage()).isZero();
    assertThat(LogCapture.takeWarnings()).as("warnings, errors and leak reports of the run").isEmpty();
  }

  @Test
  void clusterLosesNothingOutsideOutagesWhenRedisAndANodeRestart() throws Exception {
    SoakConfig config = SoakConfig.defaults()
        .mode(SoakConfig.Mode.CLUSTER)
        .clients(200)
        .duration(Duration.ofSeconds(20))
        .sendInterval(Duration.ofSeconds(2))
        .ackTimeout(Duration.ofSeconds(1))
        .heapSampleInterval(Duration.ofSeconds(5))
        .waves()
        .redisRestartAt(0.2)
        .nodeRestartAt(0.6);

    SoakReport report = SoakHarness.run(config, HEAP_TOLERANCE, System.out::println);
    System.out.println(report.toTable());

    assertCommonRules(report);
    assertThat(report.outages()).as("Redis and node 1 went down and came back").isEqualTo(2);
    assertThat(report.lostInOutage()).as("the outages were felt").isPositive();
    // Lettuce warns about each refused reconnection while Redis is down; nothing else may warn.
    assertThat(LogCapture.takeWarnings())
        .filteredOn(line -> !line.startsWith("WARN io.lettuce.core.protocol.ConnectionWatchdog: Cannot reconnect"))
        .as("warnings, errors and leak reports of the run besides Redis being away")
        .isEmpty();
  }

  private static void assertCommonRules(SoakReport report) {
    assertThat(report.failures()).isEmpty();
    assertThat(report.duplicates()).isZero();
    assertThat(report.outOfOrder()).isZero();
    assertThat(report.lostOutsideAllowed()).isZero();
    assertThat(report.sessionsAtEnd()).isZero();
    assertThat(report.heapGrowthBytes()).isLessThanOrEqualTo(HEAP_TOLERANCE);
    // The run did what it claims: traffic flowed, chaos cut connections, acks were withheld.
    assertThat(report.delivered()).isGreaterThan(10_000);
    assertThat(report.disconnects()).isGreaterThan(20);
    assertThat(report.withheldAckTimeouts()).isPositive();
  }
}
