package io.socketeer.protocol.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socketeer.protocol.internal.JsJson;
import java.util.Objects;
import java.util.Set;

/**
 * One Socket.IO packet: type, namespace, optional JSON data and optional acknowledgement id.
 *
 * <p>Data is a Jackson tree; binary values anywhere in it are {@code BinaryNode}s, which the
 * encoder turns into attachments. A packet does not copy its data and is meant to be treated as
 * immutable once made: do not change a tree after handing it to a packet, and do not change the
 * tree of a decoded packet while it may still be read elsewhere.
 *
 * <p>The factories check the shape rules of the protocol (an EVENT's data is a non-empty array
 * whose first element is a string or a number, a CONNECT's data is an object, ...), so that every
 * packet that can be made can also be encoded and decoded back.
 */
public final class SocketPacket {
  /** The main namespace, never written on the wire. */
  public static final String MAIN_NAMESPACE = "/";

  /** Event names the protocol keeps for itself; an EVENT may not use them. */
  public static final Set<String> RESERVED_EVENTS =
      Set.of("connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener");

  /** Largest ack id: JavaScript's largest exact integer, 2^53 - 1. */
  public static final long MAX_ACK_ID = (1L << 53) - 1;

  /** Marks a packet without an ack id. */
  public static final long NO_ACK = -1;

  private final SocketPacketType type;
  private final String namespace;
  private final JsonNode data;
  private final long ackId;

  private SocketPacket(SocketPacketType type, String namespace, JsonNode data, long ackId) {
    this.type = type;
    this.namespace = namespace;
    this.data = data;
    this.ackId = ackId;
  }

  /**
   * Returns a packet after checking that it can be encoded.
   *
   * @param type the packet type; BINARY_EVENT and BINARY_ACK are accepted and mean EVENT and ACK
   *     (whether a packet goes out as binary depends only on its data)
   * @param namespace starts with {@code /}, contains no comma
   * @param data the data, or null for none
   * @param ackId {@link #NO_ACK}, or 0 to {@link #MAX_ACK_ID}
   * @throws IllegalArgumentException if the data has the wrong shape for the type
   */
  public static SocketPacket of(SocketPacketType type, String namespace, JsonNode data, long ackId) {
    Objects.requireNonNull(type, "type");
    checkNamespace(namespace);
    if (ackId < NO_ACK || ackId > MAX_ACK_ID) {
      throw new IllegalArgumentException("ack id out of range: " + ackId);
    }
    if (type == SocketPacketType.BINARY_EVENT) {
      type = SocketPacketType.EVENT;
    } else if (type == SocketPacketType.BINARY_ACK) {
      type = SocketPacketType.ACK;
    }
    String problem = shapeProblem(type, data);
    if (problem != null) {
      throw new IllegalArgumentException(type + " " + problem);
    }
    return new SocketPacket(type, namespace, data, ackId);
  }

  /** Packet made by the decoder, which has checked everything already. */
  static SocketPacket trusted(SocketPacketType type, String namespace, JsonNode data, long ackId) {
    return new SocketPacket(type, namespace, data, ackId);
  }

  /** Returns a CONNECT for {@code namespace}, with the auth (client) or sid (server) object, or none. */
  public static SocketPacket connect(String namespace, ObjectNode data) {
    return of(SocketPacketType.CONNECT, namespace, data, NO_ACK);
  }

  /** Returns a DISCONNECT for {@code namespace}. */
  public static SocketPacket disconnect(String namespace) {
    return of(SocketPacketType.DISCONNECT, namespace, null, NO_ACK);
  }

  /** Returns an EVENT: {@code data} is {@code [name, ...args]}. */
  public static SocketPacket event(String namespace, ArrayNode data) {
    return of(SocketPacketType.EVENT, namespace, data, NO_ACK);
  }

  /** Returns an EVENT that asks for an acknowledgement with id {@code ackId}. */
  public static SocketPacket event(String namespace, ArrayNode data, long ackId) {
    return of(SocketPacketType.EVENT, namespace, data, ackId);
  }

  /** Returns the ACK for id {@code ackId}: {@code data} holds the reply arguments (maybe none). */
  public static SocketPacket ack(String namespace, ArrayNode data, long ackId) {
    return of(SocketPacketType.ACK, namespace, data, ackId);
  }

  /** Returns a CONNECT_ERROR: {@code data} is {@code {"message":...,"data":...}} or a string. */
  public static SocketPacket connectError(String namespace, JsonNode data) {
    return of(SocketPacketType.CONNECT_ERROR, namespace, data, NO_ACK);
  }

  private static void checkNamespace(String namespace) {
    Objects.requireNonNull(namespace, "namespace");
    if (namespace.isEmpty() || namespace.charAt(0) != '/' || namespace.indexOf(',') >= 0) {
      throw new IllegalArgumentException(
          "a namespace starts with '/' and contains no ',': " + namespace);
    }
  }

  /**
   * Returns why {@code data} cannot be the data of a {@code type} packet, or null when it can. The
   * rules are the reference parser's {@code isPayloadValid}, with absent data only allowed where the
   * protocol allows it.
   */
  static String shapeProblem(SocketPacketType type, JsonNode data) {
    switch (type) {
      case CONNECT:
        return data == null || data.isObject() ? null : "data must be an object";
      case DISCONNECT:
        return data == null ? null : "has no data";
      case EVENT:
      case BINARY_EVENT:
        if (data == null || !data.isArray() || data.isEmpty()) {
          return "data must be a non-empty array";
        }
        JsonNode name = data.get(0);
        if (name.isNumber()) {
          return null;
        }
        if (name.isTextual() && !RESERVED_EVENTS.contains(name.textValue())) {
          return null;
        }
        return "name must be a number or a non-reserved string";
      case ACK:
      case BINARY_ACK:
        return data == null || data.isArray() ? null : "data must be an array";
      case CONNECT_ERROR:
        return data != null && (data.isObject() || data.isTextual())
            ? null
            : "data must be an object or a string";
      default:
        return "unknown type";
    }
  }

  /** Returns the type: never BINARY_EVENT or BINARY_ACK (those are wire encodings of EVENT and ACK). */
  public SocketPacketType type() {
    return type;
  }

  /** Returns the namespace, {@code "/"} for the main one. */
  public String namespace() {
    return namespace;
  }

  /** Returns the data, or null when the packet has none. */
  public JsonNode data() {
    return data;
  }

  /** Returns the acknowledgement id, or {@link #NO_ACK}. */
  public long ackId() {
    return ackId;
  }

  /** Returns true when the packet carries an acknowledgement id. */
  public boolean hasAckId() {
    return ackId != NO_ACK;
  }

  /**
   * Returns the event name of an EVENT (a numeric name as its JSON text), or null for other types.
   */
  public String eventName() {
    if (type != SocketPacketType.EVENT) {
      return null;
    }
    JsonNode name = data.get(0);
    return name.isTextual() ? name.textValue() : JsJson.toString(name);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof SocketPacket)) {
      return false;
    }
    SocketPacket other = (SocketPacket) o;
    return type == other.type
        && ackId == other.ackId
        && namespace.equals(other.namespace)
        && Objects.equals(data, other.data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, namespace, data, ackId);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder().append(type).append('{').append(namespace);
    if (hasAckId()) {
      sb.append(" ack=").append(ackId);
    }
    if (data != null) {
      String json = JsJson.toString(data);
      sb.append(' ').append(json.length() > 96 ? json.substring(0, 96) + "..." : json);
    }
    return sb.append('}').toString();
  }
}
