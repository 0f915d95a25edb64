package io.socketeer.protocol.engineio;

/** The seven Engine.IO packet types, with the digit that names each on the wire. */
public enum EnginePacketType {
  /** {@code 0}: the server's first packet, carrying the handshake JSON. */
  OPEN,
  /** {@code 1}: the transport or session is closing. */
  CLOSE,
  /** {@code 2}: heartbeat request (from the server in v4, from the client in v3), or upgrade probe. */
  PING,
  /** {@code 3}: heartbeat answer, or the answer to an upgrade probe. */
  PONG,
  /** {@code 4}: application data, text or binary. */
  MESSAGE,
  /** {@code 5}: the client switches the session to the transport this packet came on. */
  UPGRADE,
  /** {@code 6}: does nothing; releases a pending polling request. */
  NOOP;

  private static final EnginePacketType[] BY_CODE = values();

  /** Returns the ASCII digit that stands for this type on the wire. */
  public char code() {
    return (char) ('0' + ordinal());
  }

  /** Returns the type named by {@code c}, or null when {@code c} is not {@code '0'..'6'}. */
  public static EnginePacketType fromCode(int c) {
    int i = c - '0';
    return i >= 0 && i < BY_CODE.length ? BY_CODE[i] : null;
  }
}
