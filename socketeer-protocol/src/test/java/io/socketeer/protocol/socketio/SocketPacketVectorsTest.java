package io.socketeer.protocol.socketio;

import static io.socketeer.protocol.Bytes.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socketeer.protocol.ProtocolException;
import io.socketeer.protocol.ProtocolException.Kind;
import io.socketeer.protocol.engineio.EnginePacket;
import io.socketeer.protocol.internal.JsJson;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Socket.IO test vectors of the protocol digest (section 15), one row per case. */
class SocketPacketVectorsTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String P0 = "{\"_placeholder\":true,\"num\":0}";
  private static final String P1 = "{\"_placeholder\":true,\"num\":1}";
  private static final String P2 = "{\"_placeholder\":true,\"num\":2}";

  private static JsonNode json(String text) {
    try {
      return JsJson.parse(text);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static ArrayNode array(Object... items) {
    ArrayNode a = F.arrayNode();
    for (Object item : items) {
      a.add(node(item));
    }
    return a;
  }

  private static JsonNode node(Object item) {
    if (item instanceof JsonNode) {
      return (JsonNode) item;
    }
    if (item instanceof byte[]) {
      return BinaryNode.valueOf((byte[]) item);
    }
    if (item instanceof String) {
      return F.textNode((String) item);
    }
    if (item instanceof Integer) {
      return F.numberNode((Integer) item);
    }
    if (item instanceof Double) {
      return F.numberNode((Double) item);
    }
    if (item instanceof Boolean) {
      return F.booleanNode((Boolean) item);
    }
    if (item == null) {
      return F.nullNode();
    }
    throw new IllegalArgumentException(String.valueOf(item));
  }

  private static ObjectNode object(Object... keysAndValues) {
    ObjectNode o = F.objectNode();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      o.set((String) keysAndValues[i], node(keysAndValues[i + 1]));
    }
    return o;
  }

  static Stream<Arguments> encodings() {
    return Stream.of(
        Arguments.of("S1", SocketPacket.connect("/", null), "0", List.of()),
        Arguments.of("S2", SocketPacket.connect("/", object("token", "123")), "0{\"token\":\"123\"}", List.of()),
        Arguments.of("S3", SocketPacket.connect("/admin", object("token", "123")), "0/admin,{\"token\":\"123\"}", List.of()),
        Arguments.of("S4", SocketPacket.connect("/", object("sid", "abc")), "0{\"sid\":\"abc\"}", List.of()),
        Arguments.of("S5", SocketPacket.connect("/admin", object("sid", "abc", "pid", "xyz")),
            "0/admin,{\"sid\":\"abc\",\"pid\":\"xyz\"}", List.of()),
        Arguments.of("S6", SocketPacket.disconnect("/"), "1", List.of()),
        Arguments.of("S7", SocketPacket.disconnect("/admin"), "1/admin,", List.of()),
        Arguments.of("S8", SocketPacket.event("/", array("foo")), "2[\"foo\"]", List.of()),
        Arguments.of("S9", SocketPacket.event("/admin", array("bar", 1, object("a", null))),
            "2/admin,[\"bar\",1,{\"a\":null}]", List.of()),
        Arguments.of("S10", SocketPacket.event("/", array("foo"), 12), "212[\"foo\"]", List.of()),
        Arguments.of("S11", SocketPacket.event("/admin", array("foo"), 12), "2/admin,12[\"foo\"]", List.of()),
        Arguments.of("S12", SocketPacket.ack("/", array(), 12), "312[]", List.of()),
        Arguments.of("S13", SocketPacket.ack("/admin", array("bar"), 13), "3/admin,13[\"bar\"]", List.of()),
        Arguments.of("S14", SocketPacket.connectError("/", object("message", "Not authorized")),
            "4{\"message\":\"Not authorized\"}", List.of()),
        Arguments.of("S15", SocketPacket.connectError("/admin", object("message", "err", "data", object("code", 1))),
            "4/admin,{\"message\":\"err\",\"data\":{\"code\":1}}", List.of()),
        Arguments.of("S16", SocketPacket.event("/", array("baz", hex("01 02 03 04"))),
            "51-[\"baz\"," + P0 + "]", List.of("01 02 03 04")),
        Arguments.of("S17", SocketPacket.event("/admin", array("baz", hex("01 02"), hex("03 04"))),
            "52-/admin,[\"baz\"," + P0 + "," + P1 + "]", List.of("01 02", "03 04")),
        Arguments.of("S18", SocketPacket.ack("/", array("bar", hex("01 02 03 04")), 15),
            "61-15[\"bar\"," + P0 + "]", List.of("01 02 03 04")),
        Arguments.of("S19", SocketPacket.ack("/admin", array(hex("ff")), 1),
            "61-/admin,1[" + P0 + "]", List.of("ff")),
        Arguments.of("S20", SocketPacket.event("/", array("x", object("deep", array(hex("09"))))),
            "51-[\"x\",{\"deep\":[" + P0 + "]}]", List.of("09")),
        Arguments.of("S21", SocketPacket.event("/", array("x", object("b", hex("02"), "a", hex("01")), hex("03"))),
            "53-[\"x\",{\"b\":" + P0 + ",\"a\":" + P1 + "}," + P2 + "]", List.of("02", "01", "03")),
        Arguments.of("S22", SocketPacket.event("/", array("unicode", "é€😀")), "2[\"unicode\",\"é€😀\"]", List.of()),
        Arguments.of("S23", SocketPacket.event("/", array("n", 1.0, 1.5, -0.0, 1e21, 1e-7, null, true, "a/b")),
            "2[\"n\",1,1.5,0,1e+21,1e-7,null,true,\"a/b\"]", List.of()));
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("encodings")
  void encodesAsTheReference(String id, SocketPacket packet, String text, List<String> attachments) {
    EncodedSocketPacket encoded = SocketPacketEncoder.encode(packet);
    assertThat(encoded.textString()).isEqualTo(text);
    assertThat(encoded.attachments()).hasSize(attachments.size());
    for (int i = 0; i < attachments.size(); i++) {
      assertThat(encoded.attachments().get(i)).isEqualTo(hex(attachments.get(i)));
    }
  }

  @ParameterizedTest(name = "{0}: decode(encode(p)) == p")
  @MethodSource("encodings")
  void decodesWhatItEncodes(String id, SocketPacket packet, String text, List<String> attachments)
      throws Exception {
    SocketPacketDecoder decoder = SocketPacketDecoder.create();
    SocketPacket decoded = decoder.decode(text);
    for (int i = 0; i < attachments.size(); i++) {
      assertThat(decoded).as("packet complete before its last attachment").isNull();
      decoded = decoder.decodeBinary(hex(attachments.get(i)));
    }
    assertThat(decoded).isNotNull();
    assertThat(SocketPacketEncoder.encode(decoded).textString()).isEqualTo(text);
    assertThat(decoded.type()).isEqualTo(packet.type());
    assertThat(decoded.namespace()).isEqualTo(packet.namespace());
    assertThat(decoded.ackId()).isEqualTo(packet.ackId());
    assertThat(decoder.isReconstructing()).isFalse();
  }

  private static SocketPacket decodeComplete(String text, String... attachments) throws ProtocolException {
    SocketPacketDecoder decoder = SocketPacketDecoder.create();
    SocketPacket p = decoder.decode(text);
    for (String a : attachments) {
      p = decoder.decodeBinary(hex(a));
    }
    return p;
  }

  @Test
  void s24ToS30ValidInput() throws Exception {
    SocketPacket s24 = decodeComplete("0");
    assertThat(s24.type()).isEqualTo(SocketPacketType.CONNECT);
    assertThat(s24.namespace()).isEqualTo("/");
    assertThat(s24.data()).isNull();

    SocketPacket s25 = decodeComplete("0/admin");
    assertThat(s25.namespace()).isEqualTo("/admin");
    assertThat(s25.data()).isNull();

    SocketPacket s26 = decodeComplete("0/admin,{\"sid\":\"x\"}");
    assertThat(s26.namespace()).isEqualTo("/admin");
    assertThat(s26.data()).isEqualTo(json("{\"sid\":\"x\"}"));

    assertThat(decodeComplete("0/admin?token=1,").namespace()).isEqualTo("/admin?token=1");

    SocketPacket s28 = decodeComplete("2[1]");
    assertThat(s28.type()).isEqualTo(SocketPacketType.EVENT);
    assertThat(s28.eventName()).isEqualTo("1");

    SocketPacket s29 = decodeComplete("201[\"a\"]");
    assertThat(s29.ackId()).isEqualTo(1);
    assertThat(s29.eventName()).isEqualTo("a");

    SocketPacket s30 = decodeComplete("4\"plain string\"");
    assertThat(s30.type()).isEqualTo(SocketPacketType.CONNECT_ERROR);
    assertThat(s30.data().textValue()).isEqualTo("plain string");
  }

  @Test
  void s31ToS34BinaryReassembly() throws Exception {
    SocketPacket s31 = decodeComplete("51-[\"baz\"," + P0 + "]", "01 02 03 04");
    assertThat(s31.type()).isEqualTo(SocketPacketType.EVENT);
    assertThat(s31.data().get(1).binaryValue()).isEqualTo(hex("01 02 03 04"));

    SocketPacket s32 = decodeComplete("62-/admin,15[" + P1 + "," + P0 + "]", "01", "02");
    assertThat(s32.type()).isEqualTo(SocketPacketType.ACK);
    assertThat(s32.namespace()).isEqualTo("/admin");
    assertThat(s32.ackId()).isEqualTo(15);
    assertThat(s32.data().get(0).binaryValue()).isEqualTo(hex("02"));
    assertThat(s32.data().get(1).binaryValue()).isEqualTo(hex("01"));

    SocketPacket s33 = decodeComplete("51-[\"a\"]", "01");
    assertThat(s33.data()).isEqualTo(json("[\"a\"]"));

    SocketPacketDecoder decoder = SocketPacketDecoder.create();
    assertThat(decoder.decode("510-[\"a\"]")).isNull();
    for (int i = 0; i < 9; i++) {
      assertThat(decoder.decodeBinary(new byte[] {(byte) i})).isNull();
    }
    assertThat(decoder.decodeBinary(new byte[] {9})).isNotNull();
  }

  @Test
  void s35EventWithoutDataIsRefusedAndS36AckWithoutDataAccepted() throws Exception {
    assertThatThrownBy(() -> decodeComplete("2"))
        .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID_PAYLOAD));
    SocketPacket s36 = decodeComplete("3");
    assertThat(s36.type()).isEqualTo(SocketPacketType.ACK);
    assertThat(s36.hasAckId()).isFalse();
  }

  static Stream<Arguments> invalidInput() {
    return Stream.of(
        Arguments.of("S37", "0[]", Kind.INVALID_PAYLOAD, "invalid payload"),
        Arguments.of("S38", "0null", Kind.INVALID_PAYLOAD, "invalid payload"),
        Arguments.of("S39", "0\"str\"", Kind.INVALID_PAYLOAD, "invalid payload"),
        Arguments.of("S40", "1{}", Kind.INVALID_PAYLOAD, "invalid payload"),
        Arguments.of("S41", "2[]", Kind.INVALID_PAYLOAD, "invalid payload"),
        Arguments.of("S42", "2{}", Kind.INVALID_PAYLOAD, "invalid payload"),
        Arguments.of("S43", "2[null]", Kind.INVALID_PAYLOAD, "invalid payload"),
        Arguments.of("S44 connect", "2[\"connect\"]", Kind.INVALID_PAYLOAD, "invalid payload"),
        Arguments.of("S44 connect_error", "2[\"connect_error\"]", Kind.INVALID_PAYLOAD, "invalid payload"),
        Arguments.of("S44 disconnect", "2[\"disconnect\",\"123\"]", Kind.INVALID_PAYLOAD, "invalid payload"),
        Arguments.of("S44 disconnecting", "2[\"disconnecting\"]", Kind.INVALID_PAYLOAD, "invalid payload"),
        Arguments.of("S44 newListener", "2[\"newListener\"]", Kind.INVALID_PAYLOAD, "invalid payload"),
        Arguments.of("S44 removeListener", "2[\"removeListener\"]", Kind.INVALID_PAYLOAD, "invalid payload"),
        Arguments.of("S45", "2[\"a\"]x", Kind.INVALID_PAYLOAD, "invalid payload"),
        Arguments.of("S46", "2abc[\"message-with-ack\",1]", Kind.INVALID_PAYLOAD, "invalid payload"),
        Arguments.of("S47", "2admin,[\"a\"]", Kind.INVALID_PAYLOAD, "invalid payload"),
        Arguments.of("S48", "4[]", Kind.INVALID_PAYLOAD, "invalid payload"),
        Arguments.of("S49", "50-[\"a\"]", Kind.ILLEGAL_ATTACHMENTS, "Illegal attachments"),
        Arguments.of("S50", "5-[\"a\"]", Kind.ILLEGAL_ATTACHMENTS, "Illegal attachments"),
        Arguments.of("S51", "51[\"a\"]", Kind.ILLEGAL_ATTACHMENTS, "Illegal attachments"),
        Arguments.of("S52", "5a-[\"a\"]", Kind.ILLEGAL_ATTACHMENTS, "Illegal attachments"),
        Arguments.of("S53", "511-[\"a\"]", Kind.TOO_MANY_ATTACHMENTS, "too many attachments"),
        Arguments.of("C-35", "51000000000-[\"x\"]", Kind.TOO_MANY_ATTACHMENTS, "too many attachments"),
        Arguments.of("C-38 51.23-", "51.23-[\"x\"]", Kind.ILLEGAL_ATTACHMENTS, "Illegal attachments"),
        Arguments.of("C-38 5", "5", Kind.ILLEGAL_ATTACHMENTS, "Illegal attachments"),
        Arguments.of("C-38 51", "51", Kind.ILLEGAL_ATTACHMENTS, "Illegal attachments"),
        Arguments.of("C-38 51- without data", "51-", Kind.INVALID_PAYLOAD, "invalid payload"),
        Arguments.of("S54 7", "7", Kind.UNKNOWN_PACKET_TYPE, "unknown packet type 7"),
        Arguments.of("S54 9", "9", Kind.UNKNOWN_PACKET_TYPE, "unknown packet type 9"),
        Arguments.of("S55", "abc", Kind.UNKNOWN_PACKET_TYPE, "unknown packet type NaN"),
        Arguments.of("S60", "2 [\"a\"]", Kind.INVALID_PAYLOAD, "invalid payload"),
        Arguments.of("empty message", "", Kind.EMPTY_PACKET, "empty packet"),
        Arguments.of("ack id above 2^53-1", "29007199254740992[\"a\"]", Kind.INVALID_PAYLOAD, "invalid payload"),
        Arguments.of("C-31 2[true,\"foo\"]", "2[true,\"foo\"]", Kind.INVALID_PAYLOAD, "invalid payload"),
        Arguments.of("C-31 2[{\"toString\":\"foo\"}]", "2[{\"toString\":\"foo\"}]", Kind.INVALID_PAYLOAD, "invalid payload"),
        Arguments.of("C-31 2/nsp without data", "2/nsp", Kind.INVALID_PAYLOAD, "invalid payload"),
        Arguments.of("C-52b 0/admin,\"str\"", "0/admin,\"str\"", Kind.INVALID_PAYLOAD, "invalid payload"),
        Arguments.of("C-52b 1/admin,{}", "1/admin,{}", Kind.INVALID_PAYLOAD, "invalid payload"),
        Arguments.of("nesting deeper than the limit", "2[\"a\"," + "[".repeat(600) + "]".repeat(600) + "]",
            Kind.INVALID_PAYLOAD, "invalid payload"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidInput")
  void rejectsInvalidInputWithTheReferenceMessage(String id, String text, Kind kind, String message) {
    SocketPacketDecoder decoder = SocketPacketDecoder.create();
    assertThatThrownBy(() -> decoder.decode(text))
        .isInstanceOfSatisfying(ProtocolException.class, e -> {
          assertThat(e.kind()).isEqualTo(kind);
          assertThat(e.getMessage()).isEqualTo(message);
        });
    assertThat(decoder.isReconstructing()).isFalse();
  }

  @Test
  void numbersOfAThousandCharactersDecodeAndLongerOnesAreRefusedInLinearTime() throws Exception {
    String thousand = "1".repeat(1000);
    assertThat(decodeComplete("2[\"n\"," + thousand + "]").data().get(1).bigIntegerValue())
        .hasToString(thousand);
    // Found while fuzzing: BigInteger parsing is quadratic, a 1 MB integer held the thread for 26 s.
    long start = System.nanoTime();
    assertThatThrownBy(() -> decodeComplete("2[\"n\"," + "1".repeat(1_000_000) + "]"))
        .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID_PAYLOAD));
    assertThatThrownBy(() -> decodeComplete("2[\"n\",0." + "1".repeat(1000) + "]"))
        .isInstanceOf(ProtocolException.class);
    assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
  }

  @Test
  void s56BinaryWithoutPendingPacket() {
    assertThatThrownBy(() -> SocketPacketDecoder.create().decodeBinary(hex("01")))
        .isInstanceOfSatisfying(ProtocolException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.UNEXPECTED_BINARY);
          assertThat(e.getMessage()).isEqualTo("got binary data when not reconstructing a packet");
        });
  }

  @Test
  void s57TextWhileReconstructingResetsTheDecoder() throws Exception {
    SocketPacketDecoder decoder = SocketPacketDecoder.create();
    assertThat(decoder.decode("51-[\"a\"," + P0 + "]")).isNull();
    assertThatThrownBy(() -> decoder.decode("2[\"b\"]"))
        .isInstanceOfSatisfying(ProtocolException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.UNEXPECTED_TEXT);
          assertThat(e.getMessage()).isEqualTo("got plaintext data when reconstructing a packet");
        });
    assertThat(decoder.isReconstructing()).isFalse();
    assertThat(decoder.decode("2[\"b\"]").eventName()).isEqualTo("b");
  }

  @Test
  void s58AndS59BadPlaceholderNumbers() {
    for (String bad : new String[] {
        "{\"_placeholder\":true,\"num\":1}", "{\"_placeholder\":true,\"num\":\"0\"}",
        "{\"_placeholder\":true,\"num\":-1}", "{\"_placeholder\":true,\"num\":0.5}",
        "{\"_placeholder\":true}"}) {
      assertThatThrownBy(() -> decodeComplete("51-[\"a\"," + bad + "]", "01"))
          .as(bad)
          .isInstanceOfSatisfying(ProtocolException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.ILLEGAL_ATTACHMENT_REFERENCE);
            assertThat(e.getMessage()).isEqualTo("illegal attachments");
          });
    }
  }

  @Test
  void placeholdersOnlyCountInBinaryPackets() throws Exception {
    SocketPacket plain = decodeComplete("2[\"a\"," + P0 + "]");
    assertThat(plain.data().get(1).isObject()).isTrue();
    SocketPacket notTrue = decodeComplete("51-[\"a\",{\"_placeholder\":\"true\",\"num\":0}]", "01");
    assertThat(notTrue.data().get(1).isObject()).isTrue();
  }

  @Test
  void c33OrdinaryEventsWithUnusualNames() throws Exception {
    for (String name : new String[] {"error", "__proto__", "constructor"}) {
      assertThat(decodeComplete("2[\"" + name + "\"]").eventName()).isEqualTo(name);
    }
    assertThat(decodeComplete("2[1,\"a\"]").eventName()).isEqualTo("1");
  }

  @Test
  void packetSizeLimitCoversTextAndAttachments() throws Exception {
    SocketPacketDecoder decoder = SocketPacketDecoder.builder().maxPacketBytes(40).build();
    assertThat(decoder.decode("51-[\"a\"," + P0 + "]")).isNull();
    assertThatThrownBy(() -> decoder.decodeBinary(new byte[20]))
        .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.kind()).isEqualTo(Kind.PACKET_TOO_LARGE));
    assertThat(decoder.isReconstructing()).isFalse();
    assertThatThrownBy(() -> decoder.decode("2[\"" + "x".repeat(40) + "\"]"))
        .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.kind()).isEqualTo(Kind.PACKET_TOO_LARGE));
  }

  @Test
  void factoriesRefuseShapesTheDecoderWouldRefuse() {
    assertThatIllegalArgumentException().isThrownBy(() -> SocketPacket.event("/", array()));
    assertThatIllegalArgumentException().isThrownBy(() -> SocketPacket.event("/", array("connect")));
    assertThatIllegalArgumentException().isThrownBy(() -> SocketPacket.event("admin", array("a")));
    assertThatIllegalArgumentException().isThrownBy(() -> SocketPacket.event("/a,b", array("a")));
    assertThatIllegalArgumentException().isThrownBy(() -> SocketPacket.event("/", array("a"), -2));
    assertThatIllegalArgumentException().isThrownBy(() -> SocketPacket.connectError("/", array()));
  }

  @Test
  void binaryOutsideEventsAndAcksIsWrittenAsANodeBuffer() {
    SocketPacket connect = SocketPacket.connect("/", object("key", hex("01 ff")));
    assertThat(SocketPacketEncoder.encode(connect).textString())
        .isEqualTo("0{\"key\":{\"type\":\"Buffer\",\"data\":[1,255]}}");
  }

  @Test
  void w9EnginePacketsCarryTextThenEachAttachmentInOrder() {
    EncodedSocketPacket encoded = SocketPacketEncoder.encode(
        SocketPacket.event("/", array("message-back", hex("01 02 03"), hex("04 05 06"))));
    List<EnginePacket> packets = new ArrayList<>(encoded.enginePackets());
    assertThat(packets).containsExactly(
        EnginePacket.message("52-[\"message-back\"," + P0 + "," + P1 + "]"),
        EnginePacket.binary(hex("01 02 03")),
        EnginePacket.binary(hex("04 05 06")));
    assertThat(encoded.enginePackets()).isSameAs(encoded.enginePackets());
  }

  @Test
  void stringsAreEscapedAsJsonStringifyDoes() {
    SocketPacket p = SocketPacket.event("/", array("s", "q\"b\\s/\b\f\n\r\t\u0000\u001e\u007f\u2028\ud800x😀"));
    assertThat(SocketPacketEncoder.encode(p).textString())
        .isEqualTo("2[\"s\",\"q\\\"b\\\\s/\\b\\f\\n\\r\\t\\u0000\\u001e\u007f\u2028\\ud800x😀\"]");
  }
}
