package io.socketeer.client;

/**
 * Replies to an event that asked for an acknowledgement. Handed to {@link EventListener}s with
 * every event; when the sender asked for no acknowledgement, {@link #requested()} is false and
 * {@link #send} does nothing.
 *
 * <p>Safe to call from any thread. Only the first call sends anything, as in the reference client;
 * later calls are ignored.
 */
public interface Ack {
  /** Returns true when the sender waits for this acknowledgement. */
  boolean requested();

  /**
   * Sends the acknowledgement with {@code args} (JSON-mappable values, {@code byte[]} for binary).
   *
   * @return true if this call sent it, false if nothing was requested, it was already sent, or
   *     the socket is disconnected
   */
  boolean send(Object... args);
}
