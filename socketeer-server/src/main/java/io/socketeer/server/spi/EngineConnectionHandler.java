package io.socketeer.server.spi;

/**
 * Receives what arrives on one {@link EngineConnection}, always on the connection's thread, in
 * arrival order.
 */
public interface EngineConnectionHandler {
  /** A text message arrived. */
  void onMessage(String text);

  /** A binary message arrived; the array is handed over (the engine keeps no reference). */
  void onBinary(byte[] data);

  /**
   * The session closed. Called once; nothing arrives after it.
   *
   * @param reason the Engine.IO reason ({@code transport close}, {@code ping timeout}, ...)
   */
  void onClose(String reason);
}
