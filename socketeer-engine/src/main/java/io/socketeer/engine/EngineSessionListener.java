package io.socketeer.engine;

/**
 * Receives the events of one Engine.IO session; the seam to the layer above (the Socket.IO server).
 *
 * <p>Every method is called on the session's own thread (the event loop it was created on), one at a
 * time, in order: {@link #onOpen} first, {@link #onClose} exactly once and last. A packet that the
 * listener sends from one of these methods is queued before the method returns, so an echo is in
 * the answer to the very request that carried the message. Do not block in these methods.
 */
public interface EngineSessionListener {
  /** The handshake has been answered (the {@code open} packet is queued). */
  default void onOpen() {}

  /** A text message arrived; {@code text} is never null (empty for an empty message). */
  default void onMessage(String text) {}

  /** A binary message arrived; the array belongs to the listener. */
  default void onBinary(byte[] data) {}

  /**
   * The session has ended; nothing more will be delivered or sent.
   *
   * @param reason why, never null
   * @param description details for logs, or null
   */
  default void onClose(CloseReason reason, String description) {}
}
