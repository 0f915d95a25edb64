package io.socketeer.server;

/**
 * Receives the acknowledgement of an emitted event: the reply, or an error when it timed out
 * ({@link AckTimeoutException}) or the socket disconnected first.
 */
@FunctionalInterface
public interface AckCallback {
  /**
   * Called once, on the socket's connection thread (on the timer's thread for timeouts).
   *
   * @param error null when the reply arrived
   * @param response the reply's arguments; empty when {@code error} is set
   */
  void onAck(Throwable error, Arguments response);
}
