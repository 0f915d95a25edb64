package io.socketeer.engine.spi;

/**
 * An open WebSocket, as the runtime exposes it to the engine. Every method is safe to call from any
 * thread; frames are written in call order.
 */
public interface WebSocketConnection {
  /**
   * Sends one text frame whose payload is {@code head} followed by {@code tail} (UTF-8). Neither
   * array is modified, and both may be shared with other connections: the engine passes a packet's
   * type digit and its cached data, so a packet sent to many sessions is encoded once and never
   * copied per session (a runtime should write the two arrays without joining them).
   */
  void sendText(byte[] head, byte[] tail);

  /** Sends a binary frame; the array is not modified and may be shared with other connections. */
  void sendBinary(byte[] data);

  /**
   * As {@link #sendText(byte[], byte[])}; with {@code compress} false the frame is not compressed
   * even when the connection negotiated {@code permessage-deflate}. A runtime without compression
   * ignores the flag.
   */
  default void sendText(byte[] head, byte[] tail, boolean compress) {
    sendText(head, tail);
  }

  /** As {@link #sendBinary(byte[])}, with the meaning of {@code compress} of {@link #sendText(byte[], byte[], boolean)}. */
  default void sendBinary(byte[] data, boolean compress) {
    sendBinary(data);
  }

  /**
   * Returns whether the connection takes more frames without queueing them in memory (the peer
   * reads); while it does not, the engine drops volatile packets. Safe from any thread.
   */
  default boolean isWritable() {
    return true;
  }

  /**
   * Returns the bytes written but not yet taken by the peer (queued in this process); the engine
   * ends the session past its {@code maxBufferedBytes}. 0 when the runtime cannot tell.
   */
  default long bufferedBytes() {
    return 0;
  }

  /** Returns the frames written but not yet taken by the peer; 0 when the runtime cannot tell. */
  default long bufferedMessages() {
    return 0;
  }

  /**
   * Closes the connection at once, dropping frames not yet sent (a peer that does not read would
   * never take a close frame queued behind them). The handler's {@link WebSocketHandler#onClose}
   * follows.
   */
  default void abort() {
    close();
  }

  /**
   * Closes the WebSocket with a close frame without status code, after the frames already sent.
   * Does nothing when already closed. The handler's {@link WebSocketHandler#onClose} follows.
   */
  void close();
}
