package io.socketeer.protocol.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.socketeer.protocol.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Coverage-guided fuzz tests of the Socket.IO decoder: single text packets, and sequences of
 * Engine.IO messages that exercise the reassembly of binary packets.
 *
 * <p>The property: every call returns a packet, or null while attachments are awaited, or throws
 * {@link ProtocolException}, never anything else; and every finished packet encodes to a text and
 * attachments that a fresh decoder turns back into a packet with the same encoding.
 */
class SocketPacketDecoderFuzzTest {
  /** Separates the messages of a {@link #reassembly} input; never part of valid UTF-8. */
  private static final byte MESSAGE_SEPARATOR = (byte) 0xFF;

  /** Marks a message of a {@link #reassembly} input as text; other messages are binary. */
  private static final byte TEXT_MARK = (byte) 0xFE;

  @FuzzTest
  void textPacket(byte[] input) {
    SocketPacketDecoder decoder = SocketPacketDecoder.create();
    SocketPacket packet;
    try {
      packet = decoder.decode(new String(input, StandardCharsets.UTF_8));
    } catch (ProtocolException e) {
      assertThat(decoder.isReconstructing()).isFalse();
      return;
    }
    if (packet == null) {
      assertThat(decoder.isReconstructing()).isTrue();
      return;
    }
    checkReencodes(packet);
  }

  /**
   * The input is a list of Engine.IO messages separated by 0xFF: the first is text, later ones
   * are text when they start with 0xFE and binary otherwise. Two decoders with different limits
   * read the same messages.
   */
  @FuzzTest
  void reassembly(byte[] input) {
    List<byte[]> messages = split(input);
    feed(SocketPacketDecoder.create(), messages);
    feed(SocketPacketDecoder.builder().maxAttachments(2).maxPacketBytes(64).build(), messages);
  }

  private static void feed(SocketPacketDecoder decoder, List<byte[]> messages) {
    for (int i = 0; i < messages.size(); i++) {
      byte[] m = messages.get(i);
      boolean text = i == 0 || (m.length > 0 && m[0] == TEXT_MARK);
      SocketPacket packet;
      try {
        packet = text
            ? decoder.decode(new String(m, i == 0 ? 0 : 1, m.length - (i == 0 ? 0 : 1), StandardCharsets.UTF_8))
            : decoder.decodeBinary(m);
      } catch (ProtocolException e) {
        // A fault leaves the decoder ready for the next packet.
        assertThat(decoder.isReconstructing()).isFalse();
        continue;
      }
      if (packet == null) {
        assertThat(decoder.isReconstructing()).isTrue();
      } else {
        assertThat(decoder.isReconstructing()).isFalse();
        checkReencodes(packet);
      }
    }
  }

  /**
   * Encodes, decodes with a fresh decoder, encodes again: the two encodings are the same. Except
   * for data holding a fraction or exponent too large for a double ({@code 1e999}; integers past
   * the long range stay exact): it decodes to a non-finite
   * number, which encodes as {@code null} as JavaScript's {@code JSON.stringify} writes it, so the
   * encoding need not decode again (an event named {@code 1e999} is accepted, as by the reference
   * parser, and encodes with a {@code null} name that no parser accepts).
   */
  private static void checkReencodes(SocketPacket packet) {
    EncodedSocketPacket encoded = SocketPacketEncoder.encode(packet);
    if (hasNonFiniteNumber(packet.data())) {
      assertThat(encoded.textString()).contains("null");
      return;
    }
    SocketPacketDecoder fresh = SocketPacketDecoder.create();
    SocketPacket again;
    try {
      again = fresh.decode(encoded.textString());
      for (byte[] attachment : encoded.attachments()) {
        assertThat(again).as("packet finished before its last attachment").isNull();
        again = fresh.decodeBinary(attachment);
      }
    } catch (ProtocolException e) {
      throw new AssertionError("re-encoded packet does not decode: " + e.getMessage() + ": " + packet, e);
    }
    assertThat(again).as("re-encoded packet of %s", packet).isNotNull();
    assertThat(again.type()).isEqualTo(packet.type());
    assertThat(again.namespace()).isEqualTo(packet.namespace());
    assertThat(again.ackId()).isEqualTo(packet.ackId());
    EncodedSocketPacket reencoded = SocketPacketEncoder.encode(again);
    assertThat(reencoded.textString()).isEqualTo(encoded.textString());
    assertThat(reencoded.attachments()).hasSameSizeAs(encoded.attachments());
    for (int i = 0; i < encoded.attachments().size(); i++) {
      assertThat(reencoded.attachments().get(i)).isEqualTo(encoded.attachments().get(i));
    }
  }

  private static boolean hasNonFiniteNumber(JsonNode node) {
    if (node == null) {
      return false;
    }
    if (node.isNumber()) {
      return (node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue());
    }
    for (JsonNode child : node) {
      if (hasNonFiniteNumber(child)) {
        return true;
      }
    }
    return false;
  }

  private static List<byte[]> split(byte[] input) {
    List<byte[]> parts = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= input.length; i++) {
      if (i == input.length || input[i] == MESSAGE_SEPARATOR) {
        parts.add(Arrays.copyOfRange(input, start, i));
        start = i + 1;
      }
    }
    return parts;
  }
}
