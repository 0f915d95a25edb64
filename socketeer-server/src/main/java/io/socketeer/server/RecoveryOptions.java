package io.socketeer.server;

import java.time.Duration;
import java.util.Objects;

/**
 * Connection state recovery (the reference's v4.6 feature): a client that reconnects within {@link
 * #maxDisconnectionDuration()} gets its socket id, rooms and data back, and the packets it missed.
 * Immutable.
 */
public final class RecoveryOptions {
  private final Duration maxDisconnectionDuration;
  private final boolean skipMiddlewares;

  private RecoveryOptions(Duration maxDisconnectionDuration, boolean skipMiddlewares) {
    this.maxDisconnectionDuration = maxDisconnectionDuration;
    this.skipMiddlewares = skipMiddlewares;
  }

  /** Returns the reference defaults: 2 minutes, middlewares skipped on recovery. */
  public static RecoveryOptions defaults() {
    return new RecoveryOptions(Duration.ofMinutes(2), true);
  }

  /** Returns these options with another maximum disconnection duration. */
  public RecoveryOptions withMaxDisconnectionDuration(Duration value) {
    Objects.requireNonNull(value, "maxDisconnectionDuration");
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("maxDisconnectionDuration must be positive: " + value);
    }
    return new RecoveryOptions(value, skipMiddlewares);
  }

  /** Returns these options with middlewares skipped or run on recovery. */
  public RecoveryOptions withSkipMiddlewares(boolean value) {
    return new RecoveryOptions(maxDisconnectionDuration, value);
  }

  /** How long a disconnected socket's state and the packets it misses are kept; default 2 minutes. */
  public Duration maxDisconnectionDuration() {
    return maxDisconnectionDuration;
  }

  /** Whether a recovered socket skips the namespace's middlewares; default true. */
  public boolean skipMiddlewares() {
    return skipMiddlewares;
  }
}
