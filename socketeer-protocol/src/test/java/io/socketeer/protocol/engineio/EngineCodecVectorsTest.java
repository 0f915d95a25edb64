package io.socketeer.protocol.engineio;

import static io.socketeer.protocol.Bytes.hex;
import static io.socketeer.protocol.Bytes.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socketeer.protocol.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The Engine.IO test vectors of the protocol digest (section 14), one row per case. */
class EngineCodecVectorsTest {
  private static final EngineVersion V3 = EngineVersion.V3;
  private static final EngineVersion V4 = EngineVersion.V4;

  private static EnginePacket text(EnginePacketType type, String data) {
    return EnginePacket.of(type, data);
  }

  static Stream<Arguments> validSinglePackets() {
    return Stream.of(
        Arguments.of("E1", "0{\"sid\":\"abc\"}", text(EnginePacketType.OPEN, "{\"sid\":\"abc\"}")),
        Arguments.of("E2", "1", EnginePacket.CLOSE),
        Arguments.of("E3", "2", EnginePacket.PING),
        Arguments.of("E4", "3", EnginePacket.PONG),
        Arguments.of("E5", "2probe", EnginePacket.PING_PROBE),
        Arguments.of("E6", "3probe", EnginePacket.PONG_PROBE),
        Arguments.of("E7", "4", EnginePacket.message("")),
        Arguments.of("E8", "4hello", EnginePacket.message("hello")),
        Arguments.of("E9", "4€", EnginePacket.message("€")),
        Arguments.of("E10", "5", EnginePacket.UPGRADE),
        Arguments.of("E11", "6", EnginePacket.NOOP),
        Arguments.of("E12", "bAQIDBA==", EnginePacket.binary(hex("01 02 03 04"))),
        Arguments.of("E13", "b", EnginePacket.binary(new byte[0])),
        Arguments.of("E15", "40{}", EnginePacket.message("0{}")));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("validSinglePackets")
  void decodesAndEncodesSinglePackets(String id, String wire, EnginePacket packet) throws Exception {
    assertThat(EngineCodec.decodeText(wire, V4)).isEqualTo(packet);
    assertThat(EngineCodec.decodeText(utf8(wire), 0, utf8(wire).length, V4)).isEqualTo(packet);
    assertThat(EngineCodec.encodeToString(packet, V4)).isEqualTo(wire);
  }

  @Test
  void e9MessageIsUtf8OnTheWire() {
    assertThat(EngineCodec.encodeText(EnginePacket.message("€"), V4)).isEqualTo(hex("34 e2 82 ac"));
  }

  @Test
  void e14AndE24BinaryFrameIsTheRawBytesInV4() throws Exception {
    byte[] frame = hex("01 02 03");
    assertThat(EngineCodec.decodeBinaryFrame(frame, V4)).isEqualTo(EnginePacket.binary(hex("01 02 03")));
    assertThat(EngineCodec.encodeBinaryFrame(EnginePacket.binary(hex("01 02 03 04")), V4))
        .isEqualTo(hex("01 02 03 04"));
  }

  @ParameterizedTest(name = "E16-E19: \"{0}\" is invalid")
  @ValueSource(strings = {"7", "a", "", "x4", "9hello"})
  void rejectsInvalidSinglePackets(String wire) {
    assertThatThrownBy(() -> EngineCodec.decodeText(wire, V4)).isInstanceOf(ProtocolException.class);
    assertThatThrownBy(() -> EngineCodec.decodeText(utf8(wire), 0, utf8(wire).length, V4))
        .isInstanceOf(ProtocolException.class);
  }

  @Test
  void encodingDirectionE20ToE25() {
    assertThat(EngineCodec.encodeToString(EnginePacket.message("hello"), V4)).isEqualTo("4hello");
    assertThat(EngineCodec.encodeToString(EnginePacket.message(""), V4)).isEqualTo("4");
    assertThat(EngineCodec.encodeToString(EnginePacket.PING, V4)).isEqualTo("2");
    assertThat(EngineCodec.encodeToString(EnginePacket.PONG_PROBE, V4)).isEqualTo("3probe");
    assertThat(EngineCodec.encodePayload(List.of(EnginePacket.binary(hex("01 02 03 04")))))
        .isEqualTo(utf8("bAQIDBA=="));
  }

  private static List<EnginePacket> decodeAll(byte[] body) throws ProtocolException {
    List<EnginePacket> out = new ArrayList<>();
    EngineCodec.decodePayload(body, p -> out.add(p));
    return out;
  }

  @Test
  void e26ToE30ValidV4Payloads() throws Exception {
    assertThat(decodeAll(utf8("4hello\u001e2\u001e4world")))
        .containsExactly(EnginePacket.message("hello"), EnginePacket.PING, EnginePacket.message("world"));
    assertThat(decodeAll(utf8("4hello\u001ebAQIDBA==")))
        .containsExactly(EnginePacket.message("hello"), EnginePacket.binary(hex("01 02 03 04")));
    assertThat(decodeAll(utf8("4test1\u001e4test2\u001e4test3"))).hasSize(3);
    assertThat(EngineCodec.encodePayload(
            List.of(EnginePacket.message("hello"), EnginePacket.binary(hex("01 02 03 04")), EnginePacket.PING)))
        .isEqualTo(utf8("4hello\u001ebAQIDBA==\u001e2"));
    byte[] e30 = hex("34 e2 82 ac 1e 34 1e 62");
    List<EnginePacket> packets = List.of(
        EnginePacket.message("€"), EnginePacket.message(""), EnginePacket.binary(new byte[0]));
    assertThat(decodeAll(e30)).containsExactlyElementsOf(packets);
    assertThat(EngineCodec.encodePayload(packets)).isEqualTo(e30);
  }

  static Stream<Arguments> invalidV4Payloads() {
    return Stream.of(
        Arguments.of("E31", "4a\u001e\u001e4b", List.of(EnginePacket.message("a"))),
        Arguments.of("E32", "4a\u001e", List.of(EnginePacket.message("a"))),
        Arguments.of("E33", "", List.of()),
        Arguments.of("E34", "abc", List.of()),
        Arguments.of("C-16 b!!!", "b!!!", List.of()),
        Arguments.of("C-16 two separators", "\u001e\u001e", List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidV4Payloads")
  void invalidV4PayloadsDeliverThePacketsBeforeTheFault(String id, String body, List<EnginePacket> before) {
    List<EnginePacket> out = new ArrayList<>();
    assertThatThrownBy(() -> EngineCodec.decodePayload(utf8(body), p -> out.add(p)))
        .isInstanceOf(ProtocolException.class);
    assertThat(out).containsExactlyElementsOf(before);
  }

  @Test
  void payloadDecodingStopsWhenTheHandlerSaysSo() throws Exception {
    List<EnginePacket> out = new ArrayList<>();
    EngineCodec.decodePayload(utf8("4a\u001e1\u001e4b"), p -> {
      out.add(p);
      return p.type() != EnginePacketType.CLOSE;
    });
    assertThat(out).containsExactly(EnginePacket.message("a"), EnginePacket.CLOSE);
  }

  @Test
  void textContainingTheRecordSeparatorIsRefused() {
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> EnginePacket.message("a\u001eb"));
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> EnginePacket.messageUtf8(new byte[] {'a', 0x1e}));
  }

  // ---- v3

  private static List<EnginePacket> decodeV3(String body) throws ProtocolException {
    List<EnginePacket> out = new ArrayList<>();
    EngineCodec.decodePayloadV3Text(body, p -> out.add(p));
    return out;
  }

  private static List<EnginePacket> decodeV3Binary(byte[] body) throws ProtocolException {
    List<EnginePacket> out = new ArrayList<>();
    EngineCodec.decodePayloadV3Binary(body, p -> out.add(p));
    return out;
  }

  @Test
  void e35ToE41ValidV3TextPayloads() throws Exception {
    assertThat(decodeV3("6:4hello")).containsExactly(EnginePacket.message("hello"));
    assertThat(decodeV3("2:4€")).containsExactly(EnginePacket.message("€"));
    assertThat(decodeV3("3:4😀")).containsExactly(EnginePacket.message("😀"));
    assertThat(decodeV3("6:b4AQID")).containsExactly(EnginePacket.binary(hex("01 02 03")));
    assertThat(decodeV3("1:2")).containsExactly(EnginePacket.PING);
    assertThat(decodeV3("6:4hello1:2")).containsExactly(EnginePacket.message("hello"), EnginePacket.PING);
    assertThat(decodeV3("0:")).isEmpty();

    assertThat(EngineCodec.encodePayloadV3Text(List.of(EnginePacket.PONG))).isEqualTo(utf8("1:3"));
    assertThat(EngineCodec.encodePayloadV3Text(List.of(EnginePacket.message("€")))).isEqualTo(utf8("2:4€"));
    assertThat(EngineCodec.encodePayloadV3Text(List.of(EnginePacket.message("😀")))).isEqualTo(utf8("3:4😀"));
    assertThat(EngineCodec.encodePayloadV3Text(List.of())).isEqualTo(utf8("0:"));
  }

  @Test
  void e42LeftoverAfterARecordIsAnErrorAfterDeliveringTheRecord() {
    List<EnginePacket> out = new ArrayList<>();
    assertThatThrownBy(() -> EngineCodec.decodePayloadV3Text("5:4hello", p -> out.add(p)))
        .isInstanceOf(ProtocolException.class);
    assertThat(out).containsExactly(EnginePacket.message("hell"));
  }

  @ParameterizedTest(name = "E43/E44/C-14: \"{0}\" is invalid")
  @ValueSource(strings = {"x:4", "1:7", "", "99999999:4hi", "12345678901:4", ":4", "4hello", "2:4"})
  void rejectsInvalidV3TextPayloads(String body) {
    assertThatThrownBy(() -> decodeV3(body)).isInstanceOf(ProtocolException.class);
  }

  @Test
  void e45ToE49V3BinaryPayloads() throws Exception {
    assertThat(decodeV3Binary(hex("00 06 ff 34 68 65 6c 6c 6f 01 04 ff 04 01 02 03")))
        .containsExactly(EnginePacket.message("hello"), EnginePacket.binary(hex("01 02 03")));

    List<EnginePacket> hiBinary = List.of(EnginePacket.message("hi"), EnginePacket.binary(hex("01 02 03")));
    assertThat(EngineCodec.needsV3BinaryPayload(hiBinary, true)).isTrue();
    assertThat(EngineCodec.needsV3BinaryPayload(hiBinary, false)).isFalse();
    assertThat(EngineCodec.needsV3BinaryPayload(List.of(EnginePacket.message("hi")), true)).isFalse();
    assertThat(EngineCodec.encodePayloadV3Binary(hiBinary))
        .isEqualTo(hex("00 03 ff 34 68 69 01 04 ff 04 01 02 03"));
    assertThat(EngineCodec.encodePayloadV3Text(hiBinary)).isEqualTo(utf8("3:4hi6:b4AQID"));
    assertThat(EngineCodec.encodePayloadV3Binary(List.of(EnginePacket.message("é"), EnginePacket.binary(hex("01")))))
        .isEqualTo(hex("00 03 ff 34 c3 a9 01 02 ff 04 01"));
    assertThat(EngineCodec.encodePayloadV3Binary(List.of(EnginePacket.message("😀"), EnginePacket.binary(hex("01")))))
        .isEqualTo(hex("00 05 ff 34 f0 9f 98 80 01 02 ff 04 01"));
    assertThat(decodeV3Binary(hex("00 05 ff 34 f0 9f 98 80 01 02 ff 04 01")))
        .containsExactly(EnginePacket.message("😀"), EnginePacket.binary(hex("01")));
  }

  @ParameterizedTest(name = "v3 binary payload {0} is invalid")
  @ValueSource(strings = {"", "02 01 ff 34", "00 01", "00 ff 34", "00 09 ff 34", "00 0a ff 34",
      "00 01 02 03 04 05 06 07 08 09 00 01 ff 34", "01 02 ff 05 01", "00 01 ff 37"})
  void rejectsInvalidV3BinaryPayloads(String body) {
    assertThatThrownBy(() -> decodeV3Binary(hex(body))).isInstanceOf(ProtocolException.class);
  }

  @Test
  void e50V3BinaryFramesStartWithTheTypeByte() throws Exception {
    assertThat(EngineCodec.decodeBinaryFrame(hex("04 01 02 03"), V3)).isEqualTo(EnginePacket.binary(hex("01 02 03")));
    assertThat(EngineCodec.encodeBinaryFrame(EnginePacket.binary(hex("01 02 03")), V3)).isEqualTo(hex("04 01 02 03"));
    assertThatThrownBy(() -> EngineCodec.decodeBinaryFrame(new byte[0], V3)).isInstanceOf(ProtocolException.class);
    assertThatThrownBy(() -> EngineCodec.decodeBinaryFrame(hex("02 01"), V3)).isInstanceOf(ProtocolException.class);
    assertThat(EngineCodec.decodeText("b4AQID", V3)).isEqualTo(EnginePacket.binary(hex("01 02 03")));
    assertThat(EngineCodec.encodeToString(EnginePacket.binary(hex("01 02 03")), V3)).isEqualTo("b4AQID");
  }

  @Test
  void e51V3OpenPacketLengthPrefixCountsTheWholePacketText() {
    String open = "{\"sid\":\"lv_VI97HAXpY6yYWAAAC\",\"upgrades\":[\"websocket\"],"
        + "\"pingInterval\":25000,\"pingTimeout\":20000,\"maxPayload\":1000000}";
    byte[] body = EngineCodec.encodePayloadV3Text(List.of(EnginePacket.of(EnginePacketType.OPEN, open)));
    assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("118:0" + open);
  }

  @Test
  void versionFromQueryTreatsEverythingButFourAsThree() {
    assertThat(EngineVersion.fromQuery("4")).isEqualTo(V4);
    assertThat(EngineVersion.fromQuery("3")).isEqualTo(V3);
    assertThat(EngineVersion.fromQuery(null)).isEqualTo(V3);
    assertThat(EngineVersion.fromQuery("abc")).isEqualTo(V3);
  }

  @Test
  void loneSurrogatesBecomeTheReplacementCharacterAsInJavaScript() {
    assertThat(EngineCodec.encodeText(EnginePacket.message("a\ud800b"), V4)).isEqualTo(hex("34 61 ef bf bd 62"));
  }
}
