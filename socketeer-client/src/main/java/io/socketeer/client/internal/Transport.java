package io.socketeer.client.internal;

import io.socketeer.protocol.engineio.EnginePacket;
import java.util.List;

/**
 * One Engine.IO transport of a client session (polling or WebSocket), as engine.io-client's
 * {@code Transport}: it opens, carries packets both ways and closes. Confined to the session's
 * event loop; it reports to its {@link Listener} on that loop.
 */
public abstract class Transport {
  /** Lifecycle of a transport. */
  public enum State {
    NEW,
    OPENING,
    OPEN,
    PAUSED,
    CLOSED
  }

  /** Receives what a transport reports; all calls come on the session's event loop. */
  public interface Listener {
    /** The transport is open (WebSocket handshake done; for polling: the open packet came). */
    default void onOpen() {}

    /** A packet arrived. */
    void onPacket(EnginePacket packet);

    /** Everything handed to {@link #send} has been written. */
    default void onDrain() {}

    /** The transport failed ({@code xhr poll error}, {@code websocket error}, ...). */
    void onError(String message, Throwable cause);

    /** The transport closed (by the peer or the network). */
    void onClose(String description);
  }

  /** Name used on the wire: {@code polling} or {@code websocket}. */
  protected final String name;

  /** Only touched on the event loop. */
  protected State state = State.NEW;

  /** True when {@link #send} may be called. Only touched on the event loop. */
  protected boolean writable;

  /** The listener, replaced by the session (null after {@link #detach()}). */
  protected Listener listener;

  /** Session id once known, sent as {@code sid}. */
  protected String sid;

  protected Transport(String name) {
    this.name = name;
  }

  /** Returns the transport name. */
  public final String name() {
    return name;
  }

  /** Returns the state. */
  public final State state() {
    return state;
  }

  /** Returns true when packets may be sent now. */
  public final boolean writable() {
    return writable && state == State.OPEN;
  }

  /** Sets the listener. */
  public final void listener(Listener listener) {
    this.listener = listener;
  }

  /** Stops reporting anything. */
  public final void detach() {
    this.listener = null;
  }

  /** Sets the session id sent with later requests. */
  public final void sid(String sid) {
    this.sid = sid;
  }

  /** Starts opening. */
  public final void open() {
    if (state == State.NEW || state == State.CLOSED) {
      state = State.OPENING;
      doOpen();
    }
  }

  /** Sends packets; {@link Listener#onDrain()} follows once written. */
  public final void send(List<EnginePacket> packets) {
    if (state == State.OPEN) {
      write(packets);
    }
  }

  /** Closes the transport (politely where the transport has a way to); no {@code onClose} follows. */
  public final void close() {
    if (state == State.OPENING || state == State.OPEN || state == State.PAUSED) {
      doClose();
      state = State.CLOSED;
      writable = false;
    }
  }

  /** Stops polling, then runs {@code onPause}; WebSocket pauses at once. */
  public void pause(Runnable onPause) {
    state = State.PAUSED;
    onPause.run();
  }

  protected abstract void doOpen();

  protected abstract void write(List<EnginePacket> packets);

  protected abstract void doClose();

  /** Marks the transport open and tells the listener. */
  protected final void opened() {
    state = State.OPEN;
    writable = true;
    Listener l = listener;
    if (l != null) {
      l.onOpen();
    }
  }

  protected final void packet(EnginePacket packet) {
    Listener l = listener;
    if (l != null) {
      l.onPacket(packet);
    }
  }

  protected final void drained() {
    Listener l = listener;
    if (l != null) {
      l.onDrain();
    }
  }

  /** Reports an error; the session then closes the transport. */
  protected final void failed(String message, Throwable cause) {
    Listener l = listener;
    if (l != null) {
      l.onError(message, cause);
    }
  }

  /** Reports that the peer or network closed the transport. */
  protected final void closedByPeer(String description) {
    if (state == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    writable = false;
    release();
    Listener l = listener;
    if (l != null) {
      l.onClose(description);
    }
  }

  /** Frees network resources without any goodbye. */
  protected abstract void release();
}
