package io.socketeer.engine.spi;

/**
 * What the engine does with one WebSocket. The runtime calls these methods from the connection's
 * I/O thread, in the order the frames arrived; {@link #onClose} is called exactly once, last.
 */
public interface WebSocketHandler {
  /** A complete text message arrived (fragments already joined). */
  void onText(String text);

  /** A complete binary message arrived; the array is owned by the callee. */
  void onBinary(byte[] data);

  /**
   * The WebSocket is closed.
   *
   * @param error null when it closed normally (either side sent a close frame, or the TCP
   *     connection ended cleanly); otherwise a short description of the fault (for example a
   *     message over the size limit, which the runtime answers with close code 1009)
   */
  void onClose(String error);
}
