package io.socketeer.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchReportTest {
  private static String echo(String server, int round, int perSecond, double cpu) {
    return "{\"label\":\"echo, 200 clients\",\"server\":\"" + server + "\",\"round\":" + round
        + ",\"scenario\":\"echo\",\"clients\":200,\"seconds\":10.00,\"roundTrips\":1,\"perSecond\":" + perSecond
        + ",\"p50Micros\":1000,\"p99Micros\":" + (perSecond / 10) + ",\"p999Micros\":9000,\"serverCpuCores\":0.95,"
        + "\"serverCpuMicrosPerOp\":" + cpu + ",\"badAcks\":0}";
  }

  @Test
  void figuresAreMediansAndRatiosAreMediansOfTheSameRound() {
    // The machine drifts: round 2 is twice as fast for both, which per-round ratios cancel out.
    BenchReport report = BenchReport.of(List.of(
        echo("ours", 1, 100_000, 8.0), echo("node", 1, 50_000, 16.0), echo("bare", 1, 125_000, 6.4),
        echo("ours", 2, 240_000, 4.0), echo("node", 2, 100_000, 8.0), echo("bare", 2, 250_000, 3.2),
        echo("ours", 3, 90_000, 9.0), echo("node", 3, 50_000, 18.0), echo("bare", 3, 100_000, 7.2)));

    String table = report.table();

    assertThat(table).contains("| echo, 200 clients: round trips/s | 100,000 | 50,000 | 2.00x (1.80–2.40) |");
    assertThat(table).contains("| echo, 200 clients: server CPU per operation | 8.00 µs (0.95 cores) | 16.00 µs (0.95 cores) "
        + "| 2.00x less CPU (2.00–2.00) |");
    assertThat(table).contains("| echo, 200 clients: bare Netty WebSocket bound, round trips/s | 125,000 |  "
        + "| Socketeer at 90% (80–96%) |");
    assertThat(table).contains("| echo, 200 clients: bare Netty WebSocket bound / Node, round trips/s |  |  "
        + "| 2.50x (2.00–2.50) |");
    // p99 is perSecond / 10 µs here, so ours is higher: Node's p99 / ours.
    assertThat(table).contains("| echo, 200 clients: latency p50 / p99 / p99.9 (ms) | 1.0 / 10.0 / 9.0 | 1.0 / 5.0 / 9.0 "
        + "| 0.50x lower p99 (0.42–0.56) |");
  }

  @Test
  void oneRoundHasNoRange() {
    BenchReport report = BenchReport.of(List.of(
        "{\"label\":\"idle 19,500\",\"server\":\"ours\",\"scenario\":\"idle\",\"clients\":19500,"
            + "\"rssPerConnectionBytes\":2000,\"liveHeapPerConnectionBytes\":7000}",
        "{\"label\":\"idle 19,500\",\"server\":\"node\",\"scenario\":\"idle\",\"clients\":19500,"
            + "\"rssPerConnectionBytes\":10000,\"liveHeapPerConnectionBytes\":null}"));

    assertThat(report.table())
        .contains("| idle 19,500: server RSS growth per connection (bytes) | 2,000 | 10,000 | 0.20x (lower is better) |")
        .contains("| idle 19,500: live heap per connection after GC (bytes) | 7,000 |  |  |");
  }

  @Test
  void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertThat(BenchReport.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    assertThat(BenchReport.median(new double[0])).isNaN();
  }
}
