package io.socketeer.engine.spi;

import io.socketeer.protocol.spi.Scheduler;

/**
 * The head of an HTTP request that reached the engine's path: method, query and headers.
 *
 * <p>A runtime (Netty, later Servlet) implements this; the engine only reads from it. Methods may be
 * called from any thread and must return the same answer every time.
 */
public interface EngineRequest {
  /** Returns the HTTP method in upper case, for example {@code GET}. */
  String method();

  /** Returns the request path without the query, as sent (percent-encoded). */
  String path();

  /** Returns the first value of a query parameter (decoded), or null when absent. */
  String queryParam(String name);

  /** Returns every query parameter (decoded) with its first value, in request order. */
  java.util.Map<String, String> queryParams();

  /** Returns the first value of a header (case-insensitive name), or null when absent. */
  String header(String name);

  /** Returns every header with its first value, names in lower case. */
  java.util.Map<String, String> headers();

  /**
   * Returns the remote address as {@code host:port}, an IPv6 host in brackets, for example
   * {@code 127.0.0.1:51234} or {@code [::1]:51234}; never null.
   */
  String remoteAddress();

  /**
   * Returns the scheduler of the connection that carries this request (its event loop). A session
   * created by a handshake on this request lives on this scheduler for its whole life.
   */
  Scheduler scheduler();
}
