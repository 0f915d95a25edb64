package io.socketeer.client;

/**
 * Receives the events of one name with their first argument mapped to {@code T} by Jackson. Runs
 * on the socket's callback executor.
 */
@FunctionalInterface
public interface TypedListener<T> {
  /**
   * Receives one event.
   *
   * @param value the first argument mapped to {@code T}, or null when the event had none
   * @param ack replies to the sender
   */
  void onEvent(T value, Ack ack);
}
