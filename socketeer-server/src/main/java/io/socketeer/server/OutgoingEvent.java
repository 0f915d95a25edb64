package io.socketeer.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.socketeer.protocol.ProtocolException;
import io.socketeer.protocol.socketio.EncodedSocketPacket;
import io.socketeer.protocol.socketio.SocketPacket;
import io.socketeer.protocol.socketio.SocketPacketDecoder;
import io.socketeer.protocol.socketio.SocketPacketType;

/**
 * One broadcast packet as the recipients' {@code onAnyOutgoing} handlers see it: the event name and
 * arguments, decoded from the encoded packet at most once, and only when some recipient has such a
 * handler. Shared by the threads that write the broadcast.
 */
final class OutgoingEvent {
  private final EncodedSocketPacket packet;

  /** The decoded data, set once; guarded by {@code this}. */
  private ArrayNode data;
  private boolean decoded;

  OutgoingEvent(EncodedSocketPacket packet) {
    this.packet = packet;
  }

  /** Returns {@code [event, args...]}, or null when the packet is not an event. */
  synchronized ArrayNode data() {
    if (!decoded) {
      decoded = true;
      data = decode();
    }
    return data;
  }

  private ArrayNode decode() {
    try {
      SocketPacketDecoder decoder = SocketPacketDecoder.create();
      SocketPacket p = decoder.decode(packet.textString());
      for (byte[] attachment : packet.attachments()) {
        p = decoder.decodeBinary(attachment);
      }
      if (p == null || (p.type() != SocketPacketType.EVENT && p.type() != SocketPacketType.BINARY_EVENT)) {
        return null;
      }
      JsonNode d = p.data();
      return d instanceof ArrayNode && d.size() > 0 && d.get(0).isTextual() ? (ArrayNode) d : null;
    } catch (ProtocolException e) {
      return null; // our own encoding: cannot happen, and an observer never breaks a broadcast
    }
  }
}
