package io.socketeer.engine;

/** Why an Engine.IO session ended; {@link #wireName()} is the reference server's reason string. */
public enum CloseReason {
  /** The client closed: {@code 1} over polling or WebSocket, or the WebSocket closed by the peer. */
  TRANSPORT_CLOSE("transport close"),
  /** A transport fault: overlapping requests, aborted request, WebSocket error, wrong heartbeat. */
  TRANSPORT_ERROR("transport error"),
  /** No pong in time (v4) or no ping in time (v3). */
  PING_TIMEOUT("ping timeout"),
  /** A packet or payload from the client failed to decode. */
  PARSE_ERROR("parse error"),
  /** The server closed the session, or the whole engine was closed. */
  FORCED_CLOSE("forced close");

  private final String wireName;

  CloseReason(String wireName) {
    this.wireName = wireName;
  }

  /** Returns the reason as the reference JavaScript server names it, for example {@code ping timeout}. */
  public String wireName() {
    return wireName;
  }

  @Override
  public String toString() {
    return wireName;
  }
}
