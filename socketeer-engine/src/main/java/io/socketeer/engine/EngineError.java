package io.socketeer.engine;

/**
 * The errors with which the engine refuses a request, with the reference server's code, message and
 * HTTP status.
 */
public enum EngineError {
  /** Code 0: the {@code transport} parameter is missing or names no enabled transport. */
  UNKNOWN_TRANSPORT(0, "Transport unknown", 400),
  /** Code 1: the {@code sid} parameter names no live session. */
  UNKNOWN_SID(1, "Session ID unknown", 400),
  /** Code 2: a handshake with another method than GET. */
  BAD_HANDSHAKE_METHOD(2, "Bad handshake method", 400),
  /** Code 3: the request does not fit the session (transport or revision mismatch, bad header). */
  BAD_REQUEST(3, "Bad request", 400),
  /** Code 4: the application's {@code allowRequest} hook refused the handshake. */
  FORBIDDEN(4, "Forbidden", 403),
  /** Code 5: the {@code EIO} revision is not supported (v3 while {@code allowEIO3} is off). */
  UNSUPPORTED_PROTOCOL_VERSION(5, "Unsupported protocol version", 400);

  private final int code;
  private final String message;
  private final int httpStatus;

  EngineError(int code, String message, int httpStatus) {
    this.code = code;
    this.message = message;
    this.httpStatus = httpStatus;
  }

  /** Returns the numeric code of the JSON body. */
  public int code() {
    return code;
  }

  /** Returns the exact message of the JSON body (and of a refused WebSocket upgrade). */
  public String message() {
    return message;
  }

  /** Returns the HTTP status of a refused plain HTTP request. */
  public int httpStatus() {
    return httpStatus;
  }
}
