package io.socketeer.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Handshakes that never come back (BAD_INPUTS C-13) and the session ids they are given (C-07), in
 * virtual time.
 */
class OrphanSessionsTest {
  @Test
  void c13OrphanSessionsDieAtPingIntervalPlusPingTimeoutWithEveryTimerCancelled() {
    EngineHarness h = new EngineHarness();
    for (int i = 0; i < 10_000; i++) {
      h.handshake();
    }
    assertThat(h.core.sessionCount()).isEqualTo(10_000);
    h.advance(44_999);
    assertThat(h.core.sessionCount()).isEqualTo(10_000);
    h.advance(1);
    assertThat(h.core.sessionCount()).isZero();
    assertThat(h.events.stream().filter("close:ping timeout"::equals)).hasSize(10_000);
    // Nothing left behind: no heartbeat, upgrade or bookkeeping timer of any of them.
    h.advance(5_000);
    assertThat(h.scheduler.pendingTasks()).isZero();
  }

  @Test
  void c07SessionIdsCarry120RandomBitsWithoutCollisionsOrOrder() {
    SessionIds ids = new SessionIds();
    Base64.Decoder decoder = Base64.getUrlDecoder();
    Set<Long> prefixes = new HashSet<>();
    long[] byteCounts = new long[256];
    int n = 1_000_000;
    byte[] previous = null;
    int ascending = 0;
    for (int i = 0; i < n; i++) {
      byte[] bytes = decoder.decode(ids.get());
      assertThat(bytes).hasSize(15);
      long prefix = 0;
      for (int j = 0; j < 8; j++) {
        prefix = prefix << 8 | (bytes[j] & 0xff);
      }
      // 64 of the 120 bits alone make a collision among a million ids a 1-in-30-million event.
      assertThat(prefixes.add(prefix)).isTrue();
      for (byte b : bytes) {
        byteCounts[b & 0xff]++;
      }
      if (previous != null && java.util.Arrays.compareUnsigned(bytes, previous) > 0) {
        ascending++;
      }
      previous = bytes;
    }
    // Uniform bytes: a chi-square over 255 degrees of freedom stays far below 400 (p < 1e-7).
    double expected = n * 15 / 256.0;
    double chiSquare = 0;
    for (long count : byteCounts) {
      chiSquare += (count - expected) * (count - expected) / expected;
    }
    assertThat(chiSquare).isLessThan(400);
    // Not sequential: about half of the ids are greater than the one before.
    assertThat(ascending).isBetween(n / 2 - 5_000, n / 2 + 5_000);
  }
}
