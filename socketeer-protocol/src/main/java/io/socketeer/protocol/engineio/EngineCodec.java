package io.socketeer.protocol.engineio;

import io.socketeer.protocol.ProtocolException;
import io.socketeer.protocol.ProtocolException.Kind;
import io.socketeer.protocol.internal.ByteSink;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Encodes and decodes Engine.IO packets and polling payloads, v4 and v3.
 *
 * <p>Stateless and thread-safe. Decoders take their input as bytes or strings and report malformed
 * input only as {@link ProtocolException}; encoders write straight to UTF-8 bytes.
 *
 * <table>
 *   <caption>Forms</caption>
 *   <tr><th>form</th><th>v4</th><th>v3</th></tr>
 *   <tr><td>text packet</td><td>{@code 4hello}, binary as {@code bAQID}</td>
 *       <td>{@code 4hello}, binary as {@code b4AQID}</td></tr>
 *   <tr><td>WebSocket binary frame</td><td>the raw bytes</td><td>{@code 04} then the bytes</td></tr>
 *   <tr><td>polling payload</td><td>text packets joined by {@code 0x1E}</td>
 *       <td>{@code <len>:<packet>} records (text), or the binary record format</td></tr>
 * </table>
 */
public final class EngineCodec {
  /** The byte that separates packets in a v4 polling payload. */
  public static final byte RECORD_SEPARATOR = 0x1e;

  /** v3 payloads carry lengths of at most this many digits (the reference gives up at 310). */
  private static final int MAX_V3_LENGTH_DIGITS = 10;

  private static final Base64.Encoder BASE64 = Base64.getEncoder();
  private static final Base64.Decoder BASE64_DECODER = Base64.getDecoder();

  private EngineCodec() {}

  // ---------------------------------------------------------------------------------------------
  // Single packets

  /**
   * Returns the text form of {@code packet} as UTF-8: the type digit and the data, or for a binary
   * message {@code b} + base64 (v4) / {@code b4} + base64 (v3). This is the form of a WebSocket text
   * frame and of one record of a polling payload. The v4 form is computed once per packet and the
   * same array returned afterwards: treat it as read-only.
   */
  public static byte[] encodeText(EnginePacket packet, EngineVersion version) {
    if (version == EngineVersion.V4) {
      // A broadcast sends one packet to many sessions: encode it once, share the (read-only) bytes.
      byte[] cached = packet.cachedTextFormV4();
      if (cached != null) {
        return cached;
      }
    }
    ByteSink sink = new ByteSink(textLength(packet, version));
    writeText(packet, version, sink);
    byte[] encoded = sink.toByteArrayTrusted();
    if (version == EngineVersion.V4) {
      packet.cacheTextFormV4(encoded);
    }
    return encoded;
  }

  /** Returns the text form of {@code packet} as a string (see {@link #encodeText}). */
  public static String encodeToString(EnginePacket packet, EngineVersion version) {
    return new String(encodeText(packet, version), StandardCharsets.UTF_8);
  }

  /**
   * Returns the WebSocket binary frame for a binary message: the data itself in v4 (the packet's
   * own array, not a copy), the type byte {@code 0x04} followed by the data in v3.
   *
   * @throws IllegalArgumentException if the packet is not a binary message
   */
  public static byte[] encodeBinaryFrame(EnginePacket packet, EngineVersion version) {
    byte[] data = packet.binaryData();
    if (data == null) {
      throw new IllegalArgumentException("not a binary message: " + packet);
    }
    if (version == EngineVersion.V4) {
      return data;
    }
    byte[] frame = new byte[data.length + 1];
    frame[0] = 4;
    System.arraycopy(data, 0, frame, 1, data.length);
    return frame;
  }

  /** Decodes a text packet (a WebSocket text frame, or a string holding one packet). */
  public static EnginePacket decodeText(String text, EngineVersion version) throws ProtocolException {
    if (text.isEmpty()) {
      throw new ProtocolException(Kind.EMPTY_PACKET, "empty packet");
    }
    char first = text.charAt(0);
    if (first == 'b') {
      byte[] ascii = text.getBytes(StandardCharsets.ISO_8859_1);
      return decodeBase64(ascii, 0, ascii.length, version);
    }
    EnginePacketType type = EnginePacketType.fromCode(first);
    if (type == null) {
      throw unknownType();
    }
    return EnginePacket.decodedText(type, text.substring(1));
  }

  /** Decodes a text packet given as UTF-8 bytes {@code [off, off + len)}. */
  public static EnginePacket decodeText(byte[] utf8, int off, int len, EngineVersion version)
      throws ProtocolException {
    if (len <= 0) {
      throw new ProtocolException(Kind.EMPTY_PACKET, "empty packet");
    }
    int first = utf8[off];
    if (first == 'b') {
      return decodeBase64(utf8, off, len, version);
    }
    EnginePacketType type = EnginePacketType.fromCode(first);
    if (type == null) {
      throw unknownType();
    }
    return EnginePacket.decodedText(type, new String(utf8, off + 1, len - 1, StandardCharsets.UTF_8));
  }

  /**
   * Decodes a WebSocket binary frame: in v4 every binary frame is a binary message (the array is
   * kept, not copied); in v3 the first byte must be the message type {@code 0x04}.
   */
  public static EnginePacket decodeBinaryFrame(byte[] frame, EngineVersion version)
      throws ProtocolException {
    if (version == EngineVersion.V4) {
      return EnginePacket.binary(frame);
    }
    if (frame.length == 0) {
      throw new ProtocolException(Kind.EMPTY_PACKET, "empty packet");
    }
    if (frame[0] != 4) {
      throw unknownType();
    }
    byte[] data = new byte[frame.length - 1];
    System.arraycopy(frame, 1, data, 0, data.length);
    return EnginePacket.binary(data);
  }

  private static EnginePacket decodeBase64(byte[] ascii, int off, int len, EngineVersion version)
      throws ProtocolException {
    int start = off + 1;
    if (version == EngineVersion.V3) {
      // v3 writes the type digit after the b; only messages carry binary.
      if (len < 2 || ascii[start] != '4') {
        throw unknownType();
      }
      start++;
    }
    try {
      ByteBuffer decoded = BASE64_DECODER.decode(ByteBuffer.wrap(ascii, start, off + len - start));
      byte[] data = new byte[decoded.remaining()];
      decoded.get(data);
      return EnginePacket.binary(data);
    } catch (IllegalArgumentException e) {
      throw new ProtocolException(Kind.INVALID_BASE64, "invalid base64 data");
    }
  }

  private static ProtocolException unknownType() {
    return new ProtocolException(Kind.UNKNOWN_PACKET_TYPE, "unknown packet type");
  }

  private static int base64Length(int n) {
    return ((n + 2) / 3) * 4;
  }

  /** Byte length of the text form. */
  private static int textLength(EnginePacket packet, EngineVersion version) {
    byte[] binary = packet.binaryData();
    if (binary != null) {
      return (version == EngineVersion.V4 ? 1 : 2) + base64Length(binary.length);
    }
    byte[] utf8 = packet.textUtf8();
    return 1 + (utf8 == null ? 0 : utf8.length);
  }

  private static void writeText(EnginePacket packet, EngineVersion version, ByteSink sink) {
    byte[] binary = packet.binaryData();
    if (binary != null) {
      sink.write('b');
      if (version == EngineVersion.V3) {
        sink.write('4');
      }
      sink.write(BASE64.encode(binary));
      return;
    }
    sink.write(packet.type().code());
    byte[] utf8 = packet.textUtf8();
    if (utf8 != null) {
      sink.write(utf8);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // v4 payloads

  /**
   * Encodes packets as one v4 polling body: their text forms joined by {@code 0x1E}, binary as
   * {@code b} + base64. An empty list gives an empty body (a server never sends one).
   */
  public static byte[] encodePayload(List<EnginePacket> packets) {
    int size = Math.max(0, packets.size() - 1);
    for (EnginePacket p : packets) {
      size += textLength(p, EngineVersion.V4);
    }
    ByteSink sink = new ByteSink(size);
    for (int i = 0; i < packets.size(); i++) {
      if (i > 0) {
        sink.write(RECORD_SEPARATOR);
      }
      writeText(packets.get(i), EngineVersion.V4, sink);
    }
    return sink.toByteArrayTrusted();
  }

  /**
   * Decodes a v4 polling body, handing each packet to {@code handler} in order. As in the
   * reference, the packets before a malformed piece are delivered and then the error is thrown;
   * an empty body, an empty piece (two separators in a row, or a trailing one) are malformed.
   */
  public static void decodePayload(byte[] body, int off, int len, PacketHandler handler)
      throws ProtocolException {
    int end = off + len;
    int start = off;
    while (true) {
      int sep = start;
      while (sep < end && body[sep] != RECORD_SEPARATOR) {
        sep++;
      }
      if (sep == start) {
        throw new ProtocolException(Kind.INVALID_PAYLOAD_FRAMING, "empty packet in payload");
      }
      EnginePacket packet = decodeText(body, start, sep - start, EngineVersion.V4);
      if (!handler.onPacket(packet) || sep == end) {
        return;
      }
      start = sep + 1;
    }
  }

  /** Decodes a whole v4 polling body (see {@link #decodePayload(byte[], int, int, PacketHandler)}). */
  public static void decodePayload(byte[] body, PacketHandler handler) throws ProtocolException {
    decodePayload(body, 0, body.length, handler);
  }

  // ---------------------------------------------------------------------------------------------
  // v3 payloads

  /**
   * Returns true when a v3 batch must go out in the binary payload format: the client can take
   * binary (no {@code b64} parameter) and at least one packet is binary.
   */
  public static boolean needsV3BinaryPayload(List<EnginePacket> packets, boolean supportsBinary) {
    if (!supportsBinary) {
      return false;
    }
    for (EnginePacket p : packets) {
      if (p.isBinary()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Encodes packets as a v3 text payload: {@code <length>:<packet>} records, the length counted in
   * UTF-16 code units as JavaScript does, binary as {@code b4} + base64. An empty list gives
   * {@code 0:}.
   */
  public static byte[] encodePayloadV3Text(List<EnginePacket> packets) {
    if (packets.isEmpty()) {
      return new byte[] {'0', ':'};
    }
    ByteSink sink = new ByteSink(64);
    for (EnginePacket p : packets) {
      byte[] binary = p.binaryData();
      int units;
      if (binary != null) {
        units = 2 + base64Length(binary.length);
      } else {
        byte[] utf8 = p.textUtf8();
        units = 1 + (utf8 == null ? 0 : utf16Length(utf8));
      }
      sink.writeLong(units);
      sink.write(':');
      writeText(p, EngineVersion.V3, sink);
    }
    return sink.toByteArrayTrusted();
  }

  /**
   * Encodes packets in the v3 binary payload format ({@code application/octet-stream}): per packet
   * a kind byte (0 text, 1 binary), the length as one byte per decimal digit, {@code 0xFF}, then
   * the UTF-8 text form or the type byte {@code 0x04} and the raw data.
   */
  public static byte[] encodePayloadV3Binary(List<EnginePacket> packets) {
    ByteSink sink = new ByteSink(64);
    for (EnginePacket p : packets) {
      byte[] binary = p.binaryData();
      if (binary != null) {
        sink.write(1);
        writeDigitBytes(binary.length + 1, sink);
        sink.write(0xFF);
        sink.write(4);
        sink.write(binary);
      } else {
        byte[] text = encodeText(p, EngineVersion.V3);
        sink.write(0);
        writeDigitBytes(text.length, sink);
        sink.write(0xFF);
        sink.write(text);
      }
    }
    return sink.toByteArrayTrusted();
  }

  private static void writeDigitBytes(int n, ByteSink sink) {
    String digits = Integer.toString(n);
    for (int i = 0; i < digits.length(); i++) {
      sink.write(digits.charAt(i) - '0');
    }
  }

  /** Number of UTF-16 code units the UTF-8 text decodes to (JavaScript's string length). */
  static int utf16Length(byte[] utf8) {
    int units = 0;
    for (byte b : utf8) {
      if ((b & 0xC0) != 0x80) {
        units += (b & 0xF8) == 0xF0 ? 2 : 1;
      }
    }
    return units;
  }

  /**
   * Decodes a v3 text payload. Records before a malformed one are delivered, then the error is
   * thrown. A {@code 0:} record carries no packet and is skipped. Lengths are validated against the
   * remaining text before anything is allocated for them.
   */
  public static void decodePayloadV3Text(String body, PacketHandler handler) throws ProtocolException {
    if (body.isEmpty()) {
      throw framing("empty payload");
    }
    int n = body.length();
    int i = 0;
    while (i < n) {
      int colon = i;
      long length = 0;
      while (colon < n && body.charAt(colon) != ':') {
        char c = body.charAt(colon);
        if (c < '0' || c > '9' || colon - i >= MAX_V3_LENGTH_DIGITS) {
          throw framing("invalid length in payload");
        }
        length = length * 10 + (c - '0');
        colon++;
      }
      if (colon == n || colon == i) {
        throw framing("invalid length in payload");
      }
      int start = colon + 1;
      if (length > n - start) {
        throw framing("length exceeds payload");
      }
      int stop = start + (int) length;
      if (length > 0) {
        EnginePacket packet = decodeText(body.substring(start, stop), EngineVersion.V3);
        if (!handler.onPacket(packet)) {
          return;
        }
      }
      i = stop;
    }
  }

  /**
   * Decodes a v3 binary payload. Records before a malformed one are delivered, then the error is
   * thrown.
   */
  public static void decodePayloadV3Binary(byte[] body, PacketHandler handler) throws ProtocolException {
    if (body.length == 0) {
      throw framing("empty payload");
    }
    int i = 0;
    while (i < body.length) {
      int kind = body[i++];
      if (kind != 0 && kind != 1) {
        throw framing("invalid record kind in payload");
      }
      long length = 0;
      int digits = 0;
      while (true) {
        if (i >= body.length) {
          throw framing("invalid length in payload");
        }
        int b = body[i++] & 0xFF;
        if (b == 0xFF) {
          break;
        }
        if (b > 9 || ++digits > MAX_V3_LENGTH_DIGITS) {
          throw framing("invalid length in payload");
        }
        length = length * 10 + b;
      }
      if (digits == 0 || length == 0 || length > body.length - i) {
        throw framing("invalid length in payload");
      }
      int len = (int) length;
      EnginePacket packet;
      if (kind == 0) {
        packet = decodeText(body, i, len, EngineVersion.V3);
      } else {
        if (body[i] != 4) {
          throw unknownType();
        }
        byte[] data = new byte[len - 1];
        System.arraycopy(body, i + 1, data, 0, data.length);
        packet = EnginePacket.binary(data);
      }
      i += len;
      if (!handler.onPacket(packet)) {
        return;
      }
    }
  }

  private static ProtocolException framing(String message) {
    return new ProtocolException(Kind.INVALID_PAYLOAD_FRAMING, message);
  }
}
