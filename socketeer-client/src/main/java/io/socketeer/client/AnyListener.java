package io.socketeer.client;

/** Receives every event (incoming for {@code onAny}, outgoing for {@code onAnyOutgoing}). */
@FunctionalInterface
public interface AnyListener {
  /** Receives the event name and its arguments (for incoming events: not the ack). */
  void onAny(String event, Arguments args);
}
