package io.socketeer.client;

/**
 * Receives the events of one name, with their raw arguments. Runs on the socket's callback
 * executor, one event at a time, in arrival order.
 */
@FunctionalInterface
public interface EventListener {
  /**
   * Receives one event.
   *
   * @param args the arguments after the event name (never null)
   * @param ack replies to the sender; {@link Ack#requested()} tells whether one is awaited
   */
  void onEvent(Arguments args, Ack ack);
}
