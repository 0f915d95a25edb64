package io.socketeer.engine.spi;

import java.util.Map;

/**
 * One plain HTTP request and its response, as the runtime hands it to {@code
 * EngineServer.handleRequest}.
 *
 * <p>Every method is safe to call from any thread; the runtime hops onto its own I/O thread. The
 * engine answers every exchange exactly once with {@link #respond}, possibly much later (a polling
 * GET waits for data).
 */
public interface HttpExchange extends EngineRequest {
  /**
   * Reads the request body, failing with {@link BodyCallback#onTooLarge()} as soon as more than
   * {@code maxBytes} arrive. Call at most once.
   */
  void readBody(int maxBytes, BodyCallback callback);

  /**
   * Sends the response. The runtime adds {@code Content-Length} and keeps or closes the connection
   * as HTTP/1.1 requires; if the request body was not read to its end, it closes the connection.
   * Calls after the first are ignored.
   *
   * @param status the HTTP status
   * @param headers header names and values (no {@code Content-Length})
   * @param body the body, possibly empty, owned by the runtime from now on
   */
  void respond(int status, Map<String, String> headers, byte[] body);

  /**
   * Registers a task that runs (on any thread) when the client closes the connection before the
   * response was sent. Runs at most once; never runs after {@link #respond}.
   */
  void onAbort(Runnable task);
}
