package io.socketeer.protocol.socketio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socketeer.protocol.ProtocolException;
import io.socketeer.protocol.ProtocolException.Kind;
import io.socketeer.protocol.internal.JsJson;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Decodes the Socket.IO packets of one connection, reassembling binary packets from their text
 * part and the attachments that follow it.
 *
 * <p>One instance per connection, used by one thread at a time (the connection's event loop). Feed
 * it every Engine.IO message in arrival order: text messages to {@link #decode(String)}, binary
 * ones to {@link #decodeBinary(byte[])}. Each call returns the finished packet, or null while the
 * attachments of a binary packet are still awaited.
 *
 * <p>Validation is as strict as the reference {@code socket.io-parser} 4.2.7, and stricter where
 * the reference accepts nonsense: an empty message, an EVENT without data, white space where an ack
 * id or the data should start, an ack id above 2^53 - 1. Every fault is a {@link
 * ProtocolException} and leaves the decoder ready for the next packet (a connection that sees one
 * is normally closed anyway). Work is linear in the input and nothing is allocated from a
 * peer-supplied count.
 */
public final class SocketPacketDecoder {
  /** Default limit on attachments per packet, as the reference. */
  public static final int DEFAULT_MAX_ATTACHMENTS = 10;

  private final int maxAttachments;
  private final long maxPacketBytes;

  /** Binary packet awaiting attachments, or null. Only touched by the owning thread. */
  private SocketPacket pending;

  private int expectedAttachments;
  private List<byte[]> received;
  private long pendingBytes;

  private SocketPacketDecoder(Builder builder) {
    this.maxAttachments = builder.maxAttachments;
    this.maxPacketBytes = builder.maxPacketBytes;
  }

  /** Returns a decoder with the reference limits: 10 attachments, no limit on total size. */
  public static SocketPacketDecoder create() {
    return builder().build();
  }

  /** Returns a builder for a decoder with other limits. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns true while a binary packet is waiting for attachments. */
  public boolean isReconstructing() {
    return pending != null;
  }

  /** Forgets a partly received binary packet. */
  public void reset() {
    pending = null;
    received = null;
    expectedAttachments = 0;
    pendingBytes = 0;
  }

  /**
   * Decodes the text of one Engine.IO message.
   *
   * @return the packet, or null when it is a binary packet whose attachments are still to come
   * @throws ProtocolException if the text is not a valid packet, or a binary packet was awaiting
   *     attachments
   */
  public SocketPacket decode(String text) throws ProtocolException {
    if (pending != null) {
      reset();
      throw new ProtocolException(Kind.UNEXPECTED_TEXT, "got plaintext data when reconstructing a packet");
    }
    if (text.length() > maxPacketBytes) {
      throw tooLarge();
    }
    Header header = new Header();
    SocketPacket packet = parse(text, header);
    if (header.attachments == 0) {
      return packet;
    }
    pending = packet;
    expectedAttachments = header.attachments;
    received = new ArrayList<>(Math.min(header.attachments, 4));
    pendingBytes = text.length();
    return null;
  }

  /**
   * Decodes one binary Engine.IO message: the next attachment of the pending binary packet. The
   * array is kept by the decoded packet, not copied.
   *
   * @return the finished packet when this was its last attachment, else null
   * @throws ProtocolException if no binary packet is pending, or the finished packet is invalid
   */
  public SocketPacket decodeBinary(byte[] data) throws ProtocolException {
    if (pending == null) {
      throw new ProtocolException(Kind.UNEXPECTED_BINARY, "got binary data when not reconstructing a packet");
    }
    pendingBytes += data.length;
    if (pendingBytes > maxPacketBytes) {
      reset();
      throw tooLarge();
    }
    received.add(data);
    if (received.size() < expectedAttachments) {
      return null;
    }
    SocketPacket packet = pending;
    List<byte[]> buffers = received;
    reset();
    JsonNode data0 = reconstruct(packet.data(), buffers);
    return SocketPacket.trusted(packet.type(), packet.namespace(), data0, packet.ackId());
  }

  private ProtocolException tooLarge() {
    return new ProtocolException(Kind.PACKET_TOO_LARGE, "packet larger than " + maxPacketBytes + " bytes");
  }

  /** Attachment count read from the header. */
  private static final class Header {
    int attachments;
  }

  private SocketPacket parse(String str, Header header) throws ProtocolException {
    int n = str.length();
    if (n == 0) {
      throw new ProtocolException(Kind.EMPTY_PACKET, "empty packet");
    }
    char first = str.charAt(0);
    SocketPacketType wireType = SocketPacketType.fromCode(first);
    if (wireType == null) {
      String read = first >= '0' && first <= '9' ? String.valueOf(first) : "NaN";
      throw new ProtocolException(Kind.UNKNOWN_PACKET_TYPE, "unknown packet type " + read);
    }
    int i = 1;
    if (wireType.isBinary()) {
      int dash = i;
      long count = 0;
      while (dash < n && str.charAt(dash) != '-') {
        char c = str.charAt(dash);
        if (c < '0' || c > '9') {
          throw illegalAttachments();
        }
        if (count <= maxAttachments) {
          count = count * 10 + (c - '0');
        }
        dash++;
      }
      if (dash == n || dash == i) {
        throw illegalAttachments();
      }
      if (count == 0) {
        throw illegalAttachments();
      }
      if (count > maxAttachments) {
        throw new ProtocolException(Kind.TOO_MANY_ATTACHMENTS, "too many attachments");
      }
      header.attachments = (int) count;
      i = dash + 1;
    }

    String namespace = SocketPacket.MAIN_NAMESPACE;
    if (i < n && str.charAt(i) == '/') {
      int comma = str.indexOf(',', i);
      if (comma < 0) {
        namespace = str.substring(i);
        i = n;
      } else {
        namespace = str.substring(i, comma);
        i = comma + 1;
      }
    }

    long ackId = SocketPacket.NO_ACK;
    if (i < n && isDigit(str.charAt(i))) {
      long id = 0;
      while (i < n && isDigit(str.charAt(i))) {
        id = id * 10 + (str.charAt(i) - '0');
        if (id > SocketPacket.MAX_ACK_ID) {
          throw invalidPayload();
        }
        i++;
      }
      ackId = id;
    }

    JsonNode data = null;
    if (i < n) {
      char c = str.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        throw invalidPayload(); // the reference reads a space as an ack id digit; we refuse it
      }
      try {
        data = JsJson.parse(str, i);
      } catch (JsonProcessingException | RuntimeException e) {
        throw invalidPayload();
      }
    }

    SocketPacketType type = wireType;
    if (wireType == SocketPacketType.BINARY_EVENT) {
      type = SocketPacketType.EVENT;
    } else if (wireType == SocketPacketType.BINARY_ACK) {
      type = SocketPacketType.ACK;
    }
    // Absent data is valid only where the protocol allows a packet without it; the reference also
    // lets EVENT through without data, which no handler can receive, so we refuse it.
    if (data == null && wireType.isBinary()) {
      throw invalidPayload();
    }
    if (SocketPacket.shapeProblem(type, data) != null) {
      throw invalidPayload();
    }
    return SocketPacket.trusted(type, namespace, data, ackId);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static ProtocolException invalidPayload() {
    return new ProtocolException(Kind.INVALID_PAYLOAD, "invalid payload");
  }

  private static ProtocolException illegalAttachments() {
    return new ProtocolException(Kind.ILLEGAL_ATTACHMENTS, "Illegal attachments");
  }

  /** Replaces every placeholder object in {@code node} by its attachment; returns the new node. */
  private static JsonNode reconstruct(JsonNode node, List<byte[]> buffers) throws ProtocolException {
    if (node instanceof ArrayNode) {
      ArrayNode array = (ArrayNode) node;
      for (int i = 0; i < array.size(); i++) {
        JsonNode child = array.get(i);
        JsonNode replaced = reconstruct(child, buffers);
        if (replaced != child) {
          array.set(i, replaced);
        }
      }
      return node;
    }
    if (node instanceof ObjectNode) {
      ObjectNode object = (ObjectNode) node;
      JsonNode marker = object.get("_placeholder");
      if (marker != null && marker.isBoolean() && marker.booleanValue()) {
        JsonNode num = object.get("num");
        if (num == null || !num.isNumber()) {
          throw illegalAttachmentReference();
        }
        double index = num.doubleValue();
        if (!(index >= 0 && index < buffers.size()) || index != Math.rint(index)) {
          throw illegalAttachmentReference();
        }
        return BinaryNode.valueOf(buffers.get((int) index));
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = object.properties().iterator(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> member = it.next();
        JsonNode child = member.getValue();
        JsonNode replaced = reconstruct(child, buffers);
        if (replaced != child) {
          member.setValue(replaced);
        }
      }
    }
    return node;
  }

  private static ProtocolException illegalAttachmentReference() {
    return new ProtocolException(Kind.ILLEGAL_ATTACHMENT_REFERENCE, "illegal attachments");
  }

  /** Builds a {@link SocketPacketDecoder}. */
  public static final class Builder {
    private int maxAttachments = DEFAULT_MAX_ATTACHMENTS;
    private long maxPacketBytes = Long.MAX_VALUE;

    private Builder() {}

    /** Most attachments one binary packet may announce; default 10 (the reference's). */
    public Builder maxAttachments(int maxAttachments) {
      if (maxAttachments < 0) {
        throw new IllegalArgumentException("maxAttachments must be >= 0: " + maxAttachments);
      }
      this.maxAttachments = maxAttachments;
      return this;
    }

    /**
     * Most bytes one packet may take, text (counted in chars) and attachments together; default
     * no limit beyond what the transport enforces per message.
     */
    public Builder maxPacketBytes(long maxPacketBytes) {
      if (maxPacketBytes < 1) {
        throw new IllegalArgumentException("maxPacketBytes must be >= 1: " + maxPacketBytes);
      }
      this.maxPacketBytes = maxPacketBytes;
      return this;
    }

    /** Returns the decoder. */
    public SocketPacketDecoder build() {
      return new SocketPacketDecoder(this);
    }
  }
}
