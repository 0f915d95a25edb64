package io.socketeer.server;

/**
 * The acknowledgement callback of an incoming event: call {@link #send} to answer the client.
 *
 * <p>Only the first call sends; later calls are ignored. When the client asked for no
 * acknowledgement, {@link #isRequested()} is false and {@link #send} does nothing. Safe to call
 * from any thread, at any later time.
 */
public interface Ack {
  /** An ack for events that asked for none. */
  Ack NONE = new Ack() {
    @Override
    public boolean isRequested() {
      return false;
    }

    @Override
    public void send(Object... args) {}
  };

  /** Returns true when the client asked for an acknowledgement. */
  boolean isRequested();

  /** Sends the acknowledgement with these arguments (JSON-mappable values, {@code byte[]} for binary). */
  void send(Object... args);
}
