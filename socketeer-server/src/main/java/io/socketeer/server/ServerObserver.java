package io.socketeer.server;

/**
 * Watches what a {@link SocketIoServer} does, for metrics and dashboards; set it with {@link
 * ServerOptions.Builder#observer}. Every method has a no-op default. (The Engine.IO layer below
 * has its own {@link io.socketeer.engine.EngineObserver}, set in the engine options.)
 *
 * <p>Methods are called on the thread of the connection concerned (its event loop; for {@link
 * #onBroadcast} the thread that broadcast), and must return quickly without blocking or throwing
 * (an exception is logged and dropped). When no observer is set the server does no observer work.
 */
public interface ServerObserver {
  /**
   * Returns an observer that calls {@code first}, then {@code second}, for every event (the second
   * is called even when the first throws). A null argument is skipped: {@code compose(a, null)} is
   * {@code a}, and {@code compose(null, null)} is null, so that no observer work is done.
   */
  static ServerObserver compose(ServerObserver first, ServerObserver second) {
    if (first == null) {
      return second;
    }
    if (second == null) {
      return first;
    }
    return new io.socketeer.server.internal.CompositeServerObserver(first, second);
  }

  /**
   * A socket joined its namespace, before the namespace's connection handlers run (so an observer
   * may add its own handlers to the socket, such as {@link Socket#onAny}).
   */
  default void onConnect(Socket socket) {}

  /** A socket left its namespace, after its {@code disconnecting} and before its {@code disconnect} handlers. */
  default void onDisconnect(Socket socket, DisconnectReason reason) {}

  /**
   * A local socket was added to a room it was not in (including its own room, named by its id,
   * when it connects), as the reference adapter's {@code join-room} event.
   */
  default void onRoomJoined(Namespace namespace, String room, String socketId) {}

  /** A local socket was removed from a room it was in (also on disconnect), as {@code leave-room}. */
  default void onRoomLeft(Namespace namespace, String room, String socketId) {}

  /** A broadcast (or an emit that goes through the adapter) was written to {@code recipients} local sockets. */
  default void onBroadcast(Namespace namespace, int recipients) {}

  /** A client acknowledged an event the server sent, {@code latencyNanos} after it was sent. */
  default void onAckReceived(Namespace namespace, long latencyNanos) {}

  /** An acknowledgement the server waited for did not come in time. */
  default void onAckTimeout(Namespace namespace) {}
}
