package io.socketeer.client;

/**
 * Receives the events of a {@link Manager} (socket.io-client's manager events); every method has
 * a no-op default. Runs on the manager's callback executor.
 */
public interface ManagerListener {
  /** The Engine.IO connection opened. */
  default void onOpen() {}

  /** The Engine.IO connection closed, with the Engine.IO close reason. */
  default void onClose(String reason) {}

  /** The connection failed ({@code timeout}, {@code xhr poll error}, {@code websocket error}, ...). */
  default void onError(SocketIoException error) {}

  /** The server sent a heartbeat ping. */
  default void onPing() {}

  /** A reconnection attempt starts; {@code attempt} counts from 1. */
  default void onReconnectAttempt(int attempt) {}

  /** Reconnected after {@code attempt} attempts. */
  default void onReconnect(int attempt) {}

  /** A reconnection attempt failed. */
  default void onReconnectError(SocketIoException error) {}

  /** Gave up after {@code reconnectionAttempts} attempts. */
  default void onReconnectFailed() {}
}
