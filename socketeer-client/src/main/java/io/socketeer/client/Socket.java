package io.socketeer.client;

import java.util.function.Consumer;

/**
 * A client socket in one namespace of a server, multiplexed with the other namespaces of its
 * {@link Manager} over one Engine.IO connection, as socket.io-client's {@code Socket}.
 *
 * <h2>Lifecycle</h2>
 *
 * <p>A socket made with {@code autoConnect} (the default) connects at once; otherwise call {@link
 * #connect()}. It is <em>active</em> from {@code connect()} until {@link #disconnect()}, a server
 * {@code disconnect()} or a CONNECT_ERROR: while active it reconnects with its manager. Events
 * emitted while not connected are buffered and sent in order after the next {@code connect}
 * (volatile ones are dropped); events received before the CONNECT reply are delivered after the
 * {@code connect} event.
 *
 * <h2>Threading</h2>
 *
 * <p>Every method is safe from any thread. Listeners and ack callbacks run on the callback
 * executor of {@link ClientOptions#callbackExecutor()} (default: one serial executor per manager),
 * one at a time and in order. After the client is closed, emits return false or failed futures;
 * nothing throws because of a race with a disconnect or close.
 */
public interface Socket extends Emitter {
  /** Returns the namespace, e.g. {@code /} or {@code /admin}. */
  String namespace();

  /** Returns the manager this socket uses. */
  Manager manager();

  /** Connects (or reconnects after {@link #disconnect()}); does nothing when already connected. */
  Socket connect();

  /** Leaves the namespace ({@code io client disconnect}) and stops reconnecting. */
  Socket disconnect();

  /** Returns the socket id from the CONNECT reply, or null while not connected. */
  String id();

  /** Returns true while connected to the namespace. */
  boolean connected();

  /** Returns true while the socket tries to stay connected (it reconnects with its manager). */
  boolean active();

  /** Returns true when the last connection restored the previous session (state recovery). */
  boolean recovered();

  /** Adds a listener for the events named {@code event}. */
  Registration on(String event, EventListener listener);

  /** Adds a listener that receives the first argument of {@code event} mapped to {@code type}. */
  <T> Registration on(String event, Class<T> type, TypedListener<T> listener);

  /** Adds a listener for every incoming event, after those added before. */
  Registration onAny(AnyListener listener);

  /** Adds a listener for every incoming event, before those added before. */
  Registration prependAny(AnyListener listener);

  /** Removes every listener added with {@link #onAny} or {@link #prependAny}. */
  void offAny();

  /** Adds a listener for every event this socket sends. */
  Registration onAnyOutgoing(AnyListener listener);

  /** Runs {@code listener} on every successful connection ({@code connect}). */
  Registration onConnect(Runnable listener);

  /**
   * Receives every failed connection attempt ({@code connect_error}): a refused CONNECT (message
   * and {@link SocketIoException#data()} from the server's middleware), or an Engine.IO failure
   * while not connected.
   */
  Registration onConnectError(Consumer<SocketIoException> listener);

  /**
   * Receives the reason of every disconnection: {@code io server disconnect}, {@code io client
   * disconnect}, {@code ping timeout}, {@code transport close}, {@code transport error}, {@code
   * parse error}, {@code forced close}.
   */
  Registration onDisconnect(Consumer<String> listener);
}
