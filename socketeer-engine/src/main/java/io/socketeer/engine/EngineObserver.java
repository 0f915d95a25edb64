package io.socketeer.engine;

import io.socketeer.protocol.engineio.EnginePacketType;

/**
 * Watches what an {@link EngineServer} does, for metrics and dashboards; set it with {@link
 * EngineOptions.Builder#observer}. Every method has a no-op default.
 *
 * <p>Methods are called on the session's thread (its event loop), in the order things happen, and
 * must return quickly without blocking: keep counters, do not do I/O, do not throw (an exception
 * is logged and dropped). When no observer is set the engine does no observer work at all.
 */
public interface EngineObserver {
  /**
   * Returns an observer that calls {@code first}, then {@code second}, for every event (the second
   * is called even when the first throws). A null argument is skipped: {@code compose(a, null)} is
   * {@code a}, and {@code compose(null, null)} is null, so that no observer work is done.
   */
  static EngineObserver compose(EngineObserver first, EngineObserver second) {
    if (first == null) {
      return second;
    }
    if (second == null) {
      return first;
    }
    return new io.socketeer.engine.internal.CompositeEngineObserver(first, second);
  }

  /** A session opened (its handshake succeeded) on {@code session.transport()}. */
  default void onSessionOpened(EngineSession session) {}

  /** A session closed; {@code session.transport()} is the transport it ended on. */
  default void onSessionClosed(EngineSession session, CloseReason reason) {}

  /**
   * A packet arrived from the client.
   *
   * @param bytes the size of the packet's data in bytes (UTF-8 for text; 0 for packets without
   *     data), without the packet type and the payload framing
   */
  default void onPacketReceived(EngineSession session, EnginePacketType type, int bytes) {}

  /** A packet left for the client (its data size as in {@link #onPacketReceived}). */
  default void onPacketSent(EngineSession session, EnginePacketType type, int bytes) {}

  /** The session moved from polling to WebSocket. */
  default void onUpgraded(EngineSession session) {}

  /**
   * An upgrade probe was given up and the session stays on polling.
   *
   * @param reason {@code upgrade timeout}, {@code probe closed}, {@code invalid packet during
   *     probe}, {@code unexpected packet during probe} or {@code binary message during probe}
   */
  default void onUpgradeFailed(EngineSession session, String reason) {}
}
