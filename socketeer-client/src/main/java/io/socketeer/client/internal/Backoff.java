package io.socketeer.client.internal;

import java.util.function.DoubleSupplier;

/**
 * Reconnection delays as the reference client computes them: {@code min × 2^attempt}, moved by a
 * random deviation of up to {@code jitter × delay} (subtracted when {@code floor(r × 10)} is even,
 * added otherwise), capped at {@code max} and truncated to whole milliseconds.
 */
public final class Backoff {
  private final long minMillis;
  private final long maxMillis;
  private final double jitter;
  private final DoubleSupplier random;
  private int attempts;

  public Backoff(long minMillis, long maxMillis, double jitter, DoubleSupplier random) {
    this.minMillis = minMillis;
    this.maxMillis = maxMillis;
    this.jitter = jitter;
    this.random = random;
  }

  /** Returns the next delay in milliseconds and counts one more attempt. */
  public long duration() {
    double ms = minMillis * Math.pow(2, attempts++);
    if (jitter > 0) {
      double r = random.getAsDouble();
      double deviation = Math.floor(r * jitter * ms);
      ms = (((long) Math.floor(r * 10)) & 1) == 0 ? ms - deviation : ms + deviation;
    }
    return (long) Math.min(ms, (double) maxMillis);
  }

  /** Returns the attempts counted since the last reset. */
  public int attempts() {
    return attempts;
  }

  /** Starts counting from zero again. */
  public void reset() {
    attempts = 0;
  }
}
