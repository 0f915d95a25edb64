package io.socketeer.engine.spi;

/**
 * An open WebSocket, as the runtime exposes it to the engine. Every method is safe to call from any
 * thread; frames are written in call order.
 */
public interface WebSocketConnection {
  /** Sends a text frame holding these UTF-8 bytes (owned by the runtime from now on). */
  void sendText(byte[] utf8);

  /** Sends a binary frame; the array is not modified and may be shared with other connections. */
  void sendBinary(byte[] data);

  /**
   * Closes the WebSocket with a close frame without status code, after the frames already sent.
   * Does nothing when already closed. The handler's {@link WebSocketHandler#onClose} follows.
   */
  void close();
}
