package io.socketeer.protocol.engineio;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.socketeer.protocol.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Coverage-guided fuzz tests of every Engine.IO decoder: single packets (v4, v3), v3 binary
 * WebSocket frames, and polling payloads (v4, v3 text, v3 binary).
 *
 * <p>The property: a decoder returns packets or throws {@link ProtocolException}, never anything
 * else; and what it decodes encodes to a form that decodes to the same packets, whose encoding is
 * then stable (the first encoding normalises, for example base64 padding). In a normal build these
 * replay the corpus under {@code src/test/resources/.../EngineCodecFuzzTestInputs/}; with {@code
 * -Pfuzz} one of them is fuzzed (see the README).
 */
class EngineCodecFuzzTest {
  @FuzzTest
  void textPacketV4(byte[] input) {
    textPacket(input, EngineVersion.V4);
  }

  @FuzzTest
  void textPacketV3(byte[] input) {
    textPacket(input, EngineVersion.V3);
  }

  private static void textPacket(byte[] input, EngineVersion version) {
    EnginePacket fromBytes;
    try {
      fromBytes = EngineCodec.decodeText(input, 0, input.length, version);
    } catch (ProtocolException e) {
      fromBytes = null;
    }
    String text = new String(input, StandardCharsets.UTF_8);
    EnginePacket fromString;
    try {
      fromString = EngineCodec.decodeText(text, version);
    } catch (ProtocolException e) {
      fromString = null;
    }
    if (fromBytes != null && isValidUtf8(input)) {
      // Valid UTF-8: the byte and the string decoders see the same packet.
      assertThat(fromString).isEqualTo(fromBytes);
    }
    for (EnginePacket packet : new EnginePacket[] {fromBytes, fromString}) {
      if (packet != null) {
        byte[] encoded = EngineCodec.encodeText(packet, version);
        EnginePacket again = decodeTextOrFail(encoded, version);
        assertThat(again).isEqualTo(packet);
        assertThat(EngineCodec.encodeText(again, version)).isEqualTo(encoded);
        if (packet.isBinary()) {
          byte[] frame = EngineCodec.encodeBinaryFrame(packet, version);
          assertThat(decodeBinaryFrameOrFail(frame, version)).isEqualTo(packet);
        }
      }
    }
  }

  @FuzzTest
  void binaryFrameV3(byte[] input) {
    EnginePacket packet;
    try {
      packet = EngineCodec.decodeBinaryFrame(input, EngineVersion.V3);
    } catch (ProtocolException e) {
      return;
    }
    assertThat(packet.isBinary()).isTrue();
    // The v3 frame is the type byte and the data: encoding gives the input back exactly.
    assertThat(EngineCodec.encodeBinaryFrame(packet, EngineVersion.V3)).isEqualTo(input);
  }

  @FuzzTest
  void payloadV4(byte[] input) {
    List<EnginePacket> packets = new ArrayList<>();
    try {
      EngineCodec.decodePayload(input, packets::add);
    } catch (ProtocolException e) {
      return;
    }
    assertThat(packets).isNotEmpty();
    byte[] encoded = EngineCodec.encodePayload(packets);
    List<EnginePacket> again = new ArrayList<>();
    try {
      EngineCodec.decodePayload(encoded, again::add);
    } catch (ProtocolException e) {
      throw new AssertionError("re-encoded payload does not decode: " + e.getMessage(), e);
    }
    assertThat(again).isEqualTo(packets);
    assertThat(EngineCodec.encodePayload(again)).isEqualTo(encoded);
  }

  @FuzzTest
  void payloadV3Text(byte[] input) {
    String body = new String(input, StandardCharsets.UTF_8);
    List<EnginePacket> packets = new ArrayList<>();
    try {
      EngineCodec.decodePayloadV3Text(body, packets::add);
    } catch (ProtocolException e) {
      return;
    }
    byte[] encoded = EngineCodec.encodePayloadV3Text(packets);
    List<EnginePacket> again = new ArrayList<>();
    try {
      EngineCodec.decodePayloadV3Text(new String(encoded, StandardCharsets.UTF_8), again::add);
    } catch (ProtocolException e) {
      throw new AssertionError("re-encoded payload does not decode: " + e.getMessage(), e);
    }
    assertThat(again).isEqualTo(packets);
    assertThat(EngineCodec.encodePayloadV3Text(again)).isEqualTo(encoded);
  }

  @FuzzTest
  void payloadV3Binary(byte[] input) {
    List<EnginePacket> packets = new ArrayList<>();
    try {
      EngineCodec.decodePayloadV3Binary(input, packets::add);
    } catch (ProtocolException e) {
      return;
    }
    assertThat(packets).isNotEmpty();
    byte[] encoded = EngineCodec.encodePayloadV3Binary(packets);
    List<EnginePacket> again = new ArrayList<>();
    try {
      EngineCodec.decodePayloadV3Binary(encoded, again::add);
    } catch (ProtocolException e) {
      throw new AssertionError("re-encoded payload does not decode: " + e.getMessage(), e);
    }
    assertThat(again).isEqualTo(packets);
    assertThat(EngineCodec.encodePayloadV3Binary(again)).isEqualTo(encoded);
  }

  private static EnginePacket decodeTextOrFail(byte[] encoded, EngineVersion version) {
    try {
      return EngineCodec.decodeText(encoded, 0, encoded.length, version);
    } catch (ProtocolException e) {
      throw new AssertionError("re-encoded packet does not decode: " + e.getMessage(), e);
    }
  }

  private static EnginePacket decodeBinaryFrameOrFail(byte[] frame, EngineVersion version) {
    try {
      return EngineCodec.decodeBinaryFrame(frame, version);
    } catch (ProtocolException e) {
      throw new AssertionError("binary frame does not decode: " + e.getMessage(), e);
    }
  }

  private static boolean isValidUtf8(byte[] input) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(input));
      return true;
    } catch (java.nio.charset.CharacterCodingException e) {
      return false;
    }
  }
}
