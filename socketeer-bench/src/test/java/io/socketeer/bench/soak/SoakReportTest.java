package io.socketeer.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SoakReportTest {
  private static SoakReport clean() {
    SoakReport r = new SoakReport();
    r.config = "mode=single";
    r.started = "now";
    r.machine = "test";
    r.allReconnected = true;
    r.heapToleranceBytes = 10;
    return r;
  }

  @Test
  void cleanRunPasses() {
    SoakReport r = clean();
    r.total.lostWhileDown = 5;
    r.total.lostVolatile = 3;

    assertThat(r.failures()).isEmpty();
    assertThat(r.toJson()).contains("\"passed\":true").contains("\"lostWhileDisconnected\":5");
    assertThat(r.toTable()).contains("PASSED");
  }

  @Test
  void eachBrokenRuleFailsTheRun() {
    SoakReport r = clean();
    r.total.lostOutside = 1;
    r.total.duplicates = 1;
    r.total.outOfOrder = 1;
    r.phantom = 1;
    r.acks.answeredByWithholder.incrementAndGet();
    r.allReconnected = false;
    r.sessionsAtEnd = 1;
    r.heapEnd = 11;
    r.heapAfterClose = 11;

    assertThat(r.failures()).hasSize(9);
    assertThat(r.passed()).isFalse();
    assertThat(r.toJson()).contains("\"passed\":false");
    assertThat(r.toTable()).contains("FAILED");
  }
}
