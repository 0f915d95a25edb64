package io.socketeer.protocol.socketio;

/** The seven Socket.IO packet types, with the digit that names each on the wire. */
public enum SocketPacketType {
  /** {@code 0}: join a namespace (client), or the join was accepted (server). */
  CONNECT,
  /** {@code 1}: leave a namespace. */
  DISCONNECT,
  /** {@code 2}: an event: {@code [name, ...args]}. */
  EVENT,
  /** {@code 3}: the reply to an event that asked for an acknowledgement. */
  ACK,
  /** {@code 4}: the server refused a join. */
  CONNECT_ERROR,
  /** {@code 5}: an event with binary attachments. Decoders report the finished packet as EVENT. */
  BINARY_EVENT,
  /** {@code 6}: an ack with binary attachments. Decoders report the finished packet as ACK. */
  BINARY_ACK;

  private static final SocketPacketType[] BY_CODE = values();

  /** Returns the ASCII digit that stands for this type on the wire. */
  public char code() {
    return (char) ('0' + ordinal());
  }

  /** Returns true for BINARY_EVENT and BINARY_ACK. */
  public boolean isBinary() {
    return this == BINARY_EVENT || this == BINARY_ACK;
  }

  /** Returns the type named by {@code c}, or null when {@code c} is not {@code '0'..'6'}. */
  public static SocketPacketType fromCode(int c) {
    int i = c - '0';
    return i >= 0 && i < BY_CODE.length ? BY_CODE[i] : null;
  }
}
