package io.socketeer.client;

/**
 * One Engine.IO connection to a server, shared by the {@link Socket}s of its namespaces, with
 * reconnection (socket.io-client's {@code Manager}).
 *
 * <p>It opens when a socket connects (or on {@link #open()}), reconnects with exponential back-off
 * while any socket is active, and closes when the last active socket disconnects or on {@link
 * #close()}. Every method is safe from any thread.
 */
public interface Manager {
  /** Connection state of a manager. */
  enum State {
    CLOSED,
    OPENING,
    OPEN,
    RECONNECT_WAIT
  }

  /** Returns the socket of {@code namespace} (made on first use with this manager's options). */
  Socket socket(String namespace);

  /** Opens the Engine.IO connection if it is not open or opening. */
  void open();

  /** Closes the connection and stops reconnecting; sockets see {@code forced close}. */
  void close();

  /** Returns the state. */
  State state();

  /** Returns the name of the Engine.IO transport in use ({@code polling}, {@code websocket}), or null. */
  String transport();

  /** Adds a listener for the manager's events. */
  Registration addListener(ManagerListener listener);
}
