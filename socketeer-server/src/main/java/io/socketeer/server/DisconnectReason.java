package io.socketeer.server;

/** Why a server-side socket left its namespace, with the reference implementation's reason text. */
public enum DisconnectReason {
  /** The client closed the connection. */
  TRANSPORT_CLOSE("transport close"),
  /** The connection failed. */
  TRANSPORT_ERROR("transport error"),
  /** The client stopped answering heartbeats. */
  PING_TIMEOUT("ping timeout"),
  /** The client sent data that could not be decoded at the Engine.IO level. */
  PARSE_ERROR("parse error"),
  /** The server closed the connection (including after a protocol violation). */
  FORCED_CLOSE("forced close"),
  /** The server closed the connection while the Engine.IO close was still pending. */
  FORCED_SERVER_CLOSE("forced server close"),
  /** The server was closed. */
  SERVER_SHUTTING_DOWN("server shutting down"),
  /** The client left the namespace. */
  CLIENT_NAMESPACE_DISCONNECT("client namespace disconnect"),
  /** The server removed the socket from the namespace. */
  SERVER_NAMESPACE_DISCONNECT("server namespace disconnect");

  private final String text;

  DisconnectReason(String text) {
    this.text = text;
  }

  /**
   * Returns true when connection state recovery keeps the socket's state after this reason: the
   * connection was lost rather than the socket deliberately removed.
   */
  public boolean isRecoverable() {
    switch (this) {
      case TRANSPORT_ERROR:
      case TRANSPORT_CLOSE:
      case FORCED_CLOSE:
      case PING_TIMEOUT:
      case SERVER_SHUTTING_DOWN:
      case FORCED_SERVER_CLOSE:
        return true;
      default:
        return false;
    }
  }

  /** Returns the reason as the reference implementation writes it, e.g. {@code "ping timeout"}. */
  public String text() {
    return text;
  }

  /** Maps an Engine.IO close reason to the socket's reason; unknown reasons map to transport error. */
  public static DisconnectReason fromEngine(String reason) {
    for (DisconnectReason r : values()) {
      if (r.text.equals(reason)) {
        return r;
      }
    }
    return TRANSPORT_ERROR;
  }

  @Override
  public String toString() {
    return text;
  }
}
