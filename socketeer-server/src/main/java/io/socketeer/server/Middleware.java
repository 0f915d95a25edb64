package io.socketeer.server;

/**
 * Runs before a socket joins a namespace, in registration order; the first one that fails stops
 * the join and the client receives {@code connect_error} with the {@link ConnectError}'s message
 * and data.
 */
@FunctionalInterface
public interface Middleware {
  /**
   * Decides on {@code socket}: call {@link Next#proceed()} or {@link Next#fail(ConnectError)},
   * now or later from any thread, or throw a {@link ConnectError} at once.
   */
  void handle(Socket socket, Next next) throws ConnectError;

  /** How a middleware gives its decision; only the first call counts. */
  interface Next {
    /** Lets the join go on to the next middleware. */
    void proceed();

    /** Refuses the join. */
    void fail(ConnectError error);
  }
}
