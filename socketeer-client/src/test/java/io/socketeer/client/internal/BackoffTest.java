package io.socketeer.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private static Backoff backoff(double jitter, Double... randoms) {
    ArrayDeque<Double> r = new ArrayDeque<>(List.of(randoms));
    return new Backoff(1000, 5000, jitter, () -> r.isEmpty() ? 0.0 : r.poll());
  }

  @Test
  void doublesFromTheMinimumAndCapsAtTheMaximumWithoutJitter() {
    Backoff b = backoff(0);
    assertThat(List.of(b.duration(), b.duration(), b.duration(), b.duration(), b.duration()))
        .containsExactly(1000L, 2000L, 4000L, 5000L, 5000L);
    assertThat(b.attempts()).isEqualTo(5);
  }

  @Test
  void subtractsTheDeviationWhenTheTenthDigitIsEven() {
    // r = 0.25: deviation floor(0.25 * 0.5 * 1000) = 125, floor(2.5) = 2 is even.
    assertThat(backoff(0.5, 0.25).duration()).isEqualTo(875);
  }

  @Test
  void addsTheDeviationWhenTheTenthDigitIsOdd() {
    // r = 0.35: deviation floor(175.0) = 175, floor(3.5) = 3 is odd; then 2000 ms raw: 350.
    Backoff b = backoff(0.5, 0.35, 0.35);
    assertThat(b.duration()).isEqualTo(1175);
    assertThat(b.duration()).isEqualTo(2350);
  }

  @Test
  void capsAfterTheJitterIsApplied() {
    // attempt 3: raw 8000, r = 0.1: deviation 400 added (floor(1.0) = 1 is odd), then capped.
    Backoff b = backoff(0.5, 0.0, 0.0, 0.0, 0.1);
    b.duration();
    b.duration();
    b.duration();
    assertThat(b.duration()).isEqualTo(5000);
  }

  @Test
  void resetStartsFromTheMinimumAgain() {
    Backoff b = backoff(0);
    b.duration();
    b.duration();
    b.reset();
    assertThat(b.attempts()).isZero();
    assertThat(b.duration()).isEqualTo(1000);
  }

  @Test
  void truncatesToWholeMilliseconds() {
    Backoff b = new Backoff(333, 5000, 0.3, () -> 0.77);
    // deviation floor(0.77 * 0.3 * 333) = 76, floor(7.7) = 7 odd: 333 + 76.
    assertThat(b.duration()).isEqualTo(409);
  }
}
