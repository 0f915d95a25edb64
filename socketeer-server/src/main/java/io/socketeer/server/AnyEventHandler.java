package io.socketeer.server;

/** Sees every event, incoming or outgoing, with its name. */
@FunctionalInterface
public interface AnyEventHandler {
  /** Called with the event name (a numeric name as its text) and the arguments. */
  void onEvent(String event, Arguments args) throws Exception;
}
