package io.socketeer.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An error reported by the client: a refused connection ({@code connect_error}), a timeout, a
 * transport failure, or an ack that could not complete. The message is the reference client's
 * ({@code timeout}, {@code operation has timed out}, {@code socket has been disconnected}, {@code
 * xhr poll error}, {@code websocket error}, ...); for a CONNECT_ERROR from a server middleware,
 * {@link #data()} holds the error's {@code data}.
 */
public final class SocketIoException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The {@code data} of a CONNECT_ERROR, or null. */
  private final transient JsonNode data;

  /** Creates an error with a message and no data. */
  public SocketIoException(String message) {
    this(message, null, null);
  }

  /** Creates an error with a message, the server's data (or null) and a cause (or null). */
  public SocketIoException(String message, JsonNode data, Throwable cause) {
    super(message, cause);
    this.data = data;
  }

  /** Returns the {@code data} the server sent with a CONNECT_ERROR, or null. */
  public JsonNode data() {
    return data;
  }
}
