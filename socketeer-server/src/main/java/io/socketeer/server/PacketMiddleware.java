package io.socketeer.server;

/**
 * Runs for every incoming event of one socket before its handlers, in registration order. A
 * failure skips the handlers and reaches the socket's error handlers instead.
 */
@FunctionalInterface
public interface PacketMiddleware {
  /** Decides on the event: call {@code next.proceed()} or {@code next.fail(error)}, now or later. */
  void handle(String event, Arguments args, Next next) throws Exception;

  /** How a packet middleware gives its decision; only the first call counts. */
  interface Next {
    /** Lets the event go on. */
    void proceed();

    /** Drops the event and reports {@code error} to the socket's error handlers. */
    void fail(Exception error);
  }
}
