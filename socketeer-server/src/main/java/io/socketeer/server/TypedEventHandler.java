package io.socketeer.server;

/** Handles one named event whose first argument is mapped to {@code T} by Jackson. */
@FunctionalInterface
public interface TypedEventHandler<T> {
  /** Called on the socket's connection thread, in arrival order. */
  void onEvent(T value, Ack ack) throws Exception;
}
