package io.socketeer.server;

/** Handles one named event: its arguments and the acknowledgement callback (see {@link Ack}). */
@FunctionalInterface
public interface EventHandler {
  /** Called on the socket's connection thread, in arrival order. */
  void onEvent(Arguments args, Ack ack) throws Exception;
}
