package io.socketeer.protocol.socketio;

import io.socketeer.protocol.internal.ByteSink;
import io.socketeer.protocol.internal.JsJson;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Encodes Socket.IO packets (protocol v5; the same text form serves v4) byte for byte as the
 * reference {@code socket.io-parser} does.
 *
 * <p>Stateless and thread-safe. The text goes straight to UTF-8 bytes; an EVENT or ACK whose data
 * holds binary values anywhere becomes a BINARY_EVENT or BINARY_ACK whose placeholders are numbered
 * in depth-first order (array elements in index order, object members in insertion order).
 */
public final class SocketPacketEncoder {
  /** Scratch buffers larger than this are not kept for reuse. */
  private static final int MAX_RETAINED_SCRATCH = 64 * 1024;

  /** Per-thread scratch buffer, so that encoding grows no array but the exact-size result. */
  private static final ThreadLocal<ByteSink> SCRATCH = ThreadLocal.withInitial(() -> new ByteSink(1024));

  private SocketPacketEncoder() {}

  /** Encodes {@code packet}. */
  public static EncodedSocketPacket encode(SocketPacket packet) {
    SocketPacketType type = packet.type();
    int binaries = 0;
    if (type == SocketPacketType.EVENT || type == SocketPacketType.ACK) {
      binaries = JsJson.countBinary(packet.data());
    }
    ByteSink sink = SCRATCH.get();
    sink.clear();
    List<byte[]> attachments;
    if (binaries > 0) {
      sink.write(type == SocketPacketType.EVENT
          ? SocketPacketType.BINARY_EVENT.code()
          : SocketPacketType.BINARY_ACK.code());
      sink.writeLong(binaries);
      sink.write('-');
      attachments = new ArrayList<>(binaries);
    } else {
      sink.write(type.code());
      attachments = null;
    }
    if (!SocketPacket.MAIN_NAMESPACE.equals(packet.namespace())) {
      sink.writeUtf8(packet.namespace());
      sink.write(',');
    }
    if (packet.hasAckId()) {
      sink.writeLong(packet.ackId());
    }
    if (packet.data() != null) {
      JsJson.write(packet.data(), sink, attachments);
    }
    byte[] text = sink.toByteArray();
    if (sink.capacity() > MAX_RETAINED_SCRATCH) {
      SCRATCH.remove();
    }
    return new EncodedSocketPacket(
        text,
        attachments == null ? Collections.emptyList() : Collections.unmodifiableList(attachments));
  }
}
