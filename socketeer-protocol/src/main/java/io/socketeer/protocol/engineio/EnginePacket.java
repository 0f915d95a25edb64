package io.socketeer.protocol.engineio;

import io.socketeer.protocol.internal.ByteSink;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * One Engine.IO packet: a type and optional data, either text or (for messages only) binary.
 *
 * <p>Packets are immutable values and safe to share between threads and sessions; a broadcast sends
 * the same instance to every recipient. Text data is held as a {@link String}, as UTF-8 bytes, or
 * both: whichever form the packet was made from, the other is computed once on first use. Binary
 * data is held by reference and never copied: do not change an array after handing it to a packet
 * or receiving it from one.
 *
 * <p>For a {@link EnginePacketType#MESSAGE message}, "no data" and empty text are the same thing
 * (both encode as {@code 4}); {@link #text()} returns {@code ""} for both. For the other types,
 * {@link #text()} is null when there is no data.
 */
public final class EnginePacket {
  /** {@code 1}. */
  public static final EnginePacket CLOSE = new EnginePacket(EnginePacketType.CLOSE, null, null, null);
  /** {@code 2}: a heartbeat ping. */
  public static final EnginePacket PING = new EnginePacket(EnginePacketType.PING, null, null, null);
  /** {@code 3}: a heartbeat pong. */
  public static final EnginePacket PONG = new EnginePacket(EnginePacketType.PONG, null, null, null);
  /** {@code 2probe}: the client's upgrade probe. */
  public static final EnginePacket PING_PROBE = new EnginePacket(EnginePacketType.PING, "probe", null, null);
  /** {@code 3probe}: the server's answer to an upgrade probe. */
  public static final EnginePacket PONG_PROBE = new EnginePacket(EnginePacketType.PONG, "probe", null, null);
  /** {@code 5}. */
  public static final EnginePacket UPGRADE = new EnginePacket(EnginePacketType.UPGRADE, null, null, null);
  /** {@code 6}. */
  public static final EnginePacket NOOP = new EnginePacket(EnginePacketType.NOOP, null, null, null);

  private static final byte[] EMPTY = new byte[0];

  /** Packet type; never null. */
  private final EnginePacketType type;

  /** Binary message data, or null for a text packet. */
  private final byte[] binary;

  /** Text data as a string; null when absent or not yet decoded from {@link #utf8}. Benign race. */
  private String text;

  /** Text data as UTF-8; null when absent or not yet encoded from {@link #text}. Benign race. */
  private byte[] utf8;

  /** The v4 text form, made once for all the sessions a broadcast reaches. Benign race. */
  private byte[] textFormV4;

  private EnginePacket(EnginePacketType type, String text, byte[] utf8, byte[] binary) {
    this.type = type;
    this.text = text;
    this.utf8 = utf8;
    this.binary = binary;
  }

  /**
   * Returns a text message.
   *
   * @param text the data, not null; may be empty
   * @throws IllegalArgumentException if the text contains U+001E, which the v4 polling payload
   *     format cannot carry (the reference server silently splits such a message in two)
   */
  public static EnginePacket message(String text) {
    Objects.requireNonNull(text, "text");
    if (text.indexOf('\u001e') >= 0) {
      throw new IllegalArgumentException(
          "an Engine.IO text message cannot contain U+001E (the polling record separator)");
    }
    return new EnginePacket(EnginePacketType.MESSAGE, text, null, null);
  }

  /**
   * Returns a text message from its UTF-8 bytes, taking ownership of the array (no copy).
   *
   * @throws IllegalArgumentException if the bytes contain 0x1E (see {@link #message(String)})
   */
  public static EnginePacket messageUtf8(byte[] utf8) {
    Objects.requireNonNull(utf8, "utf8");
    for (byte b : utf8) {
      if (b == 0x1e) {
        throw new IllegalArgumentException(
            "an Engine.IO text message cannot contain U+001E (the polling record separator)");
      }
    }
    return new EnginePacket(EnginePacketType.MESSAGE, null, utf8, null);
  }

  /** Returns a binary message holding {@code data} by reference (no copy). */
  public static EnginePacket binary(byte[] data) {
    return new EnginePacket(EnginePacketType.MESSAGE, null, null, Objects.requireNonNull(data, "data"));
  }

  /** Returns a packet of the given type without data (a message without data is an empty message). */
  public static EnginePacket of(EnginePacketType type) {
    Objects.requireNonNull(type, "type");
    return type == EnginePacketType.MESSAGE ? message("") : new EnginePacket(type, null, null, null);
  }

  /**
   * Returns a packet of the given type with text data.
   *
   * @param data the text, or null for none
   */
  public static EnginePacket of(EnginePacketType type, String data) {
    Objects.requireNonNull(type, "type");
    if (type == EnginePacketType.MESSAGE) {
      return message(data == null ? "" : data);
    }
    return new EnginePacket(type, data == null || data.isEmpty() ? null : data, null, null);
  }

  /** Packet made by a decoder: text already checked, no copy. */
  static EnginePacket decodedText(EnginePacketType type, String data) {
    if (type == EnginePacketType.MESSAGE) {
      return new EnginePacket(type, data, null, null);
    }
    return new EnginePacket(type, data.isEmpty() ? null : data, null, null);
  }

  /** Returns the packet type; never null. */
  public EnginePacketType type() {
    return type;
  }

  /** Returns true for a binary message. */
  public boolean isBinary() {
    return binary != null;
  }

  /**
   * Returns the text data: {@code ""} for a message without data, null for a binary message or for
   * another type without data.
   */
  public String text() {
    String t = text;
    if (t == null && binary == null) {
      byte[] u = utf8;
      if (u != null) {
        t = new String(u, StandardCharsets.UTF_8);
        text = t;
      }
    }
    return t;
  }

  /**
   * Returns the text data as UTF-8, shared (do not modify): empty for a message without data, null
   * for a binary message or for another type without data.
   */
  public byte[] textUtf8() {
    byte[] u = utf8;
    if (u == null && binary == null) {
      String t = text;
      if (t != null) {
        u = t.isEmpty() ? EMPTY : ByteSink.utf8(t);
        utf8 = u;
      }
    }
    return u;
  }

  /** Returns the cached v4 text form, or null before the first encoding. */
  byte[] cachedTextFormV4() {
    return textFormV4;
  }

  void cacheTextFormV4(byte[] encoded) {
    textFormV4 = encoded;
  }

  /** Returns the binary data (shared, do not modify), or null for a text packet. */
  public byte[] binaryData() {
    return binary;
  }

  /** Returns true when the packet carries data (text of any length for messages). */
  public boolean hasData() {
    return binary != null || text != null || utf8 != null;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof EnginePacket)) {
      return false;
    }
    EnginePacket other = (EnginePacket) o;
    return type == other.type
        && Arrays.equals(binary, other.binary)
        && Objects.equals(text(), other.text());
  }

  @Override
  public int hashCode() {
    return 31 * (31 * type.hashCode() + Arrays.hashCode(binary)) + Objects.hashCode(text());
  }

  /** Returns a short description, with long data abbreviated. */
  @Override
  public String toString() {
    String data;
    if (binary != null) {
      String b64 = Base64.getEncoder().encodeToString(binary.length > 48 ? Arrays.copyOf(binary, 48) : binary);
      data = "binary[" + binary.length + "]:" + b64;
    } else {
      String t = text();
      data = t == null ? "" : t.length() > 64 ? t.substring(0, 64) + "..." : t;
    }
    return type + "(" + data + ")";
  }
}
