package io.socketeer.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.socketeer.protocol.engineio.EngineCodec;
import io.socketeer.protocol.engineio.EnginePacket;
import io.socketeer.protocol.engineio.EngineVersion;
import io.socketeer.protocol.socketio.EncodedSocketPacket;
import io.socketeer.protocol.socketio.SocketPacket;
import io.socketeer.protocol.socketio.SocketPacketDecoder;
import io.socketeer.protocol.socketio.SocketPacketEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded property tests: encoding then decoding is the identity for generated packets, and random
 * or mutated input only ever yields a packet or a {@link ProtocolException}.
 */
class CodecPropertyTest {
  private static final int PACKETS_PER_SEED = 3_000;

  /** Characters that matter to the parsers, for mutations that get further than random bytes. */
  private static final String MUTATION_ALPHABET = "0123456789-/,[]{}\":_ b\u001e";

  /** Runs {@code decoding} and fails if it throws anything but a ProtocolException. */
  private interface Decoding {
    void run() throws ProtocolException;
  }

  private static void onlyTypedErrors(Decoding decoding, Object input) {
    try {
      decoding.run();
    } catch (ProtocolException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    } catch (Throwable t) {
      fail("decoding " + input + " threw " + t, t);
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {11, 12, 13, 14})
  void socketPacketsRoundTrip(long seed) throws Exception {
    RandomPackets gen = new RandomPackets(seed);
    SocketPacketDecoder decoder = SocketPacketDecoder.create();
    for (int i = 0; i < PACKETS_PER_SEED; i++) {
      SocketPacket packet = gen.socketPacket();
      EncodedSocketPacket encoded = SocketPacketEncoder.encode(packet);
      SocketPacket decoded = decoder.decode(encoded.textString());
      for (byte[] attachment : encoded.attachments()) {
        assertThat(decoded).isNull();
        decoded = decoder.decodeBinary(attachment);
      }
      assertThat(decoded).as("%s", packet).isNotNull();
      assertThat(decoded.type()).isEqualTo(packet.type());
      assertThat(decoded.namespace()).isEqualTo(packet.namespace());
      assertThat(decoded.ackId()).isEqualTo(packet.ackId());
      EncodedSocketPacket again = SocketPacketEncoder.encode(decoded);
      assertThat(again.textString()).isEqualTo(encoded.textString());
      assertThat(again.attachments()).hasSameSizeAs(encoded.attachments());
      for (int a = 0; a < encoded.attachments().size(); a++) {
        assertThat(again.attachments().get(a)).isEqualTo(encoded.attachments().get(a));
      }
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {21, 22, 23})
  void enginePacketsAndPayloadsRoundTrip(long seed) throws Exception {
    RandomPackets gen = new RandomPackets(seed);
    for (int i = 0; i < PACKETS_PER_SEED; i++) {
      List<EnginePacket> packets = gen.enginePackets();

      List<EnginePacket> v4 = new ArrayList<>();
      EngineCodec.decodePayload(EngineCodec.encodePayload(packets), v4::add);
      assertThat(v4).containsExactlyElementsOf(packets);

      List<EnginePacket> v3 = new ArrayList<>();
      String v3Text = new String(EngineCodec.encodePayloadV3Text(packets), StandardCharsets.UTF_8);
      EngineCodec.decodePayloadV3Text(v3Text, v3::add);
      assertThat(v3).containsExactlyElementsOf(packets);

      List<EnginePacket> v3Binary = new ArrayList<>();
      EngineCodec.decodePayloadV3Binary(EngineCodec.encodePayloadV3Binary(packets), v3Binary::add);
      assertThat(v3Binary).containsExactlyElementsOf(packets);

      for (EnginePacket p : packets) {
        for (EngineVersion version : EngineVersion.values()) {
          assertThat(EngineCodec.decodeText(EngineCodec.encodeToString(p, version), version)).isEqualTo(p);
          if (p.isBinary()) {
            assertThat(EngineCodec.decodeBinaryFrame(EngineCodec.encodeBinaryFrame(p, version), version))
                .isEqualTo(p);
          }
        }
      }
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {31, 32, 33})
  void randomBytesOnlyEverGiveTypedErrors(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < 20_000; i++) {
      byte[] bytes = new byte[random.nextInt(0, 48)];
      random.nextBytes(bytes);
      if (random.nextBoolean() && bytes.length > 0) {
        // Start with a plausible type byte half of the time, so decoding gets past the first check.
        bytes[0] = (byte) "0123456b".charAt(random.nextInt(8));
      }
      feedEverywhere(bytes, random);
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {41, 42, 43})
  void mutatedValidInputOnlyEverGivesTypedErrors(long seed) {
    RandomPackets gen = new RandomPackets(seed);
    SplittableRandom random = gen.random();
    for (int i = 0; i < 5_000; i++) {
      byte[] valid = random.nextBoolean()
          ? SocketPacketEncoder.encode(gen.socketPacket()).text()
          : EngineCodec.encodePayload(gen.enginePackets());
      feedEverywhere(mutate(valid, random), random);
    }
  }

  private static byte[] mutate(byte[] input, SplittableRandom random) {
    byte[] out = input.clone();
    int edits = random.nextInt(1, 4);
    for (int e = 0; e < edits && out.length > 0; e++) {
      int at = random.nextInt(out.length);
      switch (random.nextInt(4)) {
        case 0:
          out[at] = (byte) random.nextInt(256);
          break;
        case 1:
          out[at] = (byte) MUTATION_ALPHABET.charAt(random.nextInt(MUTATION_ALPHABET.length()));
          break;
        case 2: {
          byte[] shorter = new byte[out.length - 1];
          System.arraycopy(out, 0, shorter, 0, at);
          System.arraycopy(out, at + 1, shorter, at, out.length - at - 1);
          out = shorter;
          break;
        }
        default: {
          byte[] longer = new byte[out.length + 1];
          System.arraycopy(out, 0, longer, 0, at);
          longer[at] = (byte) random.nextInt(256);
          System.arraycopy(out, at, longer, at + 1, out.length - at);
          out = longer;
          break;
        }
      }
    }
    return out;
  }

  private static void feedEverywhere(byte[] bytes, SplittableRandom random) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    onlyTypedErrors(() -> EngineCodec.decodePayload(bytes, p -> true), text);
    onlyTypedErrors(() -> EngineCodec.decodePayloadV3Text(text, p -> true), text);
    onlyTypedErrors(() -> EngineCodec.decodePayloadV3Binary(bytes, p -> true), text);
    onlyTypedErrors(() -> EngineCodec.decodeText(text, EngineVersion.V4), text);
    onlyTypedErrors(() -> EngineCodec.decodeText(text, EngineVersion.V3), text);
    onlyTypedErrors(() -> EngineCodec.decodeBinaryFrame(bytes, EngineVersion.V3), text);
    SocketPacketDecoder decoder = SocketPacketDecoder.create();
    onlyTypedErrors(() -> {
      SocketPacket p = decoder.decode(text);
      // Feed a few attachments (the right number or not) to exercise reassembly too.
      int extra = random.nextInt(0, 3);
      for (int i = 0; i < extra && decoder.isReconstructing(); i++) {
        p = decoder.decodeBinary(new byte[] {(byte) i});
      }
      if (p != null) {
        SocketPacketEncoder.encode(p); // whatever decodes can be encoded again
      }
    }, text);
  }
}
