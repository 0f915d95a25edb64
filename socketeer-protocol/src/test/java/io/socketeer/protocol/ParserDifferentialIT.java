package io.socketeer.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socketeer.protocol.engineio.EngineCodec;
import io.socketeer.protocol.engineio.EnginePacket;
import io.socketeer.protocol.engineio.EnginePacketType;
import io.socketeer.protocol.engineio.EngineVersion;
import io.socketeer.protocol.internal.JsJson;
import io.socketeer.protocol.socketio.EncodedSocketPacket;
import io.socketeer.protocol.socketio.SocketPacket;
import io.socketeer.protocol.socketio.SocketPacketDecoder;
import io.socketeer.protocol.socketio.SocketPacketEncoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Differential test against the official npm parsers ({@code socket.io-parser},
 * {@code engine.io-parser}, and the v3 parser inside {@code engine.io}), run by Node from {@code
 * interop/}.
 *
 * <p>For every generated packet both sides encode it and the encodings must be byte-identical; each
 * side decodes the other's encoding and must get the original value back.
 */
class ParserDifferentialIT {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final int SOCKET_PACKETS = 10_000;
  private static final int ENGINE_V4_PAYLOADS = 2_000;
  private static final int ENGINE_V3_PAYLOADS = 2_000;
  private static final int JSON_TEXTS = 10_000;
  private static final String JSON_MUTATIONS = "0123456789-+.eE\"\\/[]{},: \t\nutrfalsn\u0000\u001f\u2028";
  private static final Base64.Encoder B64 = Base64.getEncoder();

  private static Path interopDir;

  @BeforeAll
  static void findNodeAndPackages() {
    String dir = System.getProperty("socketeer.interop.dir");
    assertThat(dir).as("system property socketeer.interop.dir (set by the Maven build)").isNotNull();
    interopDir = Path.of(dir);
    assertThat(interopDir.resolve("node_modules/socket.io-parser"))
        .as("official npm packages installed in %s (the build runs npm ci there)", interopDir)
        .isDirectory();
  }

  @Test
  void encodingsAreByteIdenticalAndEachSideDecodesTheOther() throws Exception {
    RandomPackets gen = new RandomPackets(20261122L);
    ObjectNode cases = F.objectNode();

    List<SocketPacket> socketPackets = new ArrayList<>();
    List<EncodedSocketPacket> socketEncoded = new ArrayList<>();
    ArrayNode sio = cases.putArray("sio");
    for (int i = 0; i < SOCKET_PACKETS; i++) {
      SocketPacket p = gen.socketPacket();
      EncodedSocketPacket e = SocketPacketEncoder.encode(p);
      socketPackets.add(p);
      socketEncoded.add(e);
      ObjectNode c = sio.addObject();
      c.set("packet", neutral(p));
      c.set("java", neutral(e));
    }

    List<List<EnginePacket>> v4Payloads = new ArrayList<>();
    ArrayNode eio4 = cases.putArray("eio4");
    for (int i = 0; i < ENGINE_V4_PAYLOADS; i++) {
      List<EnginePacket> packets = gen.enginePackets();
      v4Payloads.add(packets);
      ObjectNode c = eio4.addObject();
      c.set("packets", neutral(packets));
      c.putObject("java").put("payload", new String(EngineCodec.encodePayload(packets), StandardCharsets.UTF_8));
    }

    List<List<EnginePacket>> v3Payloads = new ArrayList<>();
    List<Boolean> v3Binary = new ArrayList<>();
    ArrayNode eio3 = cases.putArray("eio3");
    for (int i = 0; i < ENGINE_V3_PAYLOADS; i++) {
      List<EnginePacket> packets = gen.enginePackets();
      boolean supportsBinary = gen.random().nextBoolean();
      v3Payloads.add(packets);
      v3Binary.add(supportsBinary);
      ObjectNode c = eio3.addObject();
      c.set("packets", neutral(packets));
      c.put("supportsBinary", supportsBinary);
      c.putObject("java").set("payload", v3Payload(packets, supportsBinary));
    }

    List<String> jsonTexts = new ArrayList<>();
    ArrayNode json = cases.putArray("json");
    for (int i = 0; i < JSON_TEXTS; i++) {
      String text = JsJson.toString(gen.value(4, false));
      if (i % 4 != 0) {
        text = mutate(text, gen.random());
      }
      jsonTexts.add(text);
      json.add(text);
    }

    JsonNode results = runNode(cases);

    // JSON: the same texts are accepted, and read to the same value, as JSON.parse.
    ArrayNode jsonResults = (ArrayNode) results.get("json");
    int accepted = 0;
    for (int i = 0; i < JSON_TEXTS; i++) {
      String text = jsonTexts.get(i);
      JsonNode theirs = jsonResults.get(i);
      String ours;
      try {
        ours = JsJson.toString(asJavaScriptReadsIt(JsJson.parse(text)));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        ours = null;
      }
      assertThat(ours != null).as("JSON.parse accepts %s", text).isEqualTo(theirs.get("ok").booleanValue());
      if (ours != null) {
        accepted++;
        assertThat(ours).as("JSON.parse value of %s", text).isEqualTo(theirs.get("value").textValue());
      }
    }
    assertThat(accepted).as("mutated texts that are still JSON").isBetween(JSON_TEXTS / 4, JSON_TEXTS - 100);

    // Socket.IO
    ArrayNode sioResults = (ArrayNode) results.get("sio");
    assertThat(sioResults).hasSize(SOCKET_PACKETS);
    for (int i = 0; i < SOCKET_PACKETS; i++) {
      SocketPacket packet = socketPackets.get(i);
      EncodedSocketPacket ours = socketEncoded.get(i);
      JsonNode theirs = sioResults.get(i);
      String where = "case " + i + " " + packet;

      assertThat(theirs.get("encoded").get("text").textValue()).as(where).isEqualTo(ours.textString());
      assertThat(theirs.get("encoded").get("attachments")).as(where).isEqualTo(neutral(ours).get("attachments"));

      String expected = JsJson.toString(neutral(packet));
      assertThat(JsJson.toString(theirs.get("decoded"))).as("reference decoding our " + where).isEqualTo(expected);

      SocketPacketDecoder decoder = SocketPacketDecoder.create();
      SocketPacket decoded = decoder.decode(theirs.get("encoded").get("text").textValue());
      for (JsonNode attachment : theirs.get("encoded").get("attachments")) {
        decoded = decoder.decodeBinary(Base64.getDecoder().decode(attachment.textValue()));
      }
      assertThat(decoded).as(where).isNotNull();
      assertThat(JsJson.toString(neutral(decoded))).as("our decoding of the reference's " + where).isEqualTo(expected);
    }

    // Engine.IO v4 payloads
    ArrayNode eio4Results = (ArrayNode) results.get("eio4");
    for (int i = 0; i < ENGINE_V4_PAYLOADS; i++) {
      List<EnginePacket> packets = v4Payloads.get(i);
      JsonNode theirs = eio4Results.get(i);
      String where = "v4 payload " + i + " " + packets;
      String ours = new String(EngineCodec.encodePayload(packets), StandardCharsets.UTF_8);
      assertThat(theirs.get("encoded").textValue()).as(where).isEqualTo(ours);
      assertThat(JsJson.toString(normalizeReferencePackets(theirs.get("decoded")))).as(where)
          .isEqualTo(JsJson.toString(neutral(packets)));
      List<EnginePacket> decoded = new ArrayList<>();
      EngineCodec.decodePayload(theirs.get("encoded").textValue().getBytes(StandardCharsets.UTF_8), decoded::add);
      assertThat(decoded).as(where).containsExactlyElementsOf(packets);
    }

    // Engine.IO v3 payloads
    ArrayNode eio3Results = (ArrayNode) results.get("eio3");
    for (int i = 0; i < ENGINE_V3_PAYLOADS; i++) {
      List<EnginePacket> packets = v3Payloads.get(i);
      JsonNode theirs = eio3Results.get(i);
      String where = "v3 payload " + i + " (binary " + v3Binary.get(i) + ") " + packets;
      assertThat(theirs.get("encoded")).as(where).isEqualTo(v3Payload(packets, v3Binary.get(i)));
      assertThat(JsJson.toString(normalizeReferencePackets(theirs.get("decoded")))).as(where)
          .isEqualTo(JsJson.toString(neutral(packets)));
      List<EnginePacket> decoded = new ArrayList<>();
      JsonNode encoded = theirs.get("encoded");
      if (encoded.isTextual()) {
        EngineCodec.decodePayloadV3Text(encoded.textValue(), decoded::add);
      } else {
        EngineCodec.decodePayloadV3Binary(Base64.getDecoder().decode(encoded.get("$bin").textValue()), decoded::add);
      }
      assertThat(decoded).as(where).containsExactlyElementsOf(packets);
    }
  }

  /**
   * Socketeer keeps integers beyond 2^53 exact, where JavaScript rounds them to a double; this
   * rounds them too, so that the rest of the value can be compared.
   */
  private static JsonNode asJavaScriptReadsIt(JsonNode node) {
    if (node.isIntegralNumber() && Math.abs(node.doubleValue()) > 9007199254740992.0) {
      return F.numberNode(node.doubleValue());
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        ((ArrayNode) node).set(i, asJavaScriptReadsIt(node.get(i)));
      }
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        e.setValue(asJavaScriptReadsIt(e.getValue()));
      }
    }
    return node;
  }

  private static String mutate(String text, java.util.SplittableRandom random) {
    StringBuilder sb = new StringBuilder(text);
    int edits = random.nextInt(1, 3);
    for (int e = 0; e < edits; e++) {
      int at = random.nextInt(sb.length() + 1);
      char c = JSON_MUTATIONS.charAt(random.nextInt(JSON_MUTATIONS.length()));
      switch (random.nextInt(3)) {
        case 0:
          sb.insert(at, c);
          break;
        case 1:
          if (at < sb.length()) {
            sb.deleteCharAt(at);
          }
          break;
        default:
          if (at < sb.length()) {
            sb.setCharAt(at, c);
          }
          break;
      }
    }
    return sb.toString();
  }

  private static JsonNode v3Payload(List<EnginePacket> packets, boolean supportsBinary) {
    if (EngineCodec.needsV3BinaryPayload(packets, supportsBinary)) {
      return F.objectNode().put("$bin", B64.encodeToString(EngineCodec.encodePayloadV3Binary(packets)));
    }
    return F.textNode(new String(EngineCodec.encodePayloadV3Text(packets), StandardCharsets.UTF_8));
  }

  private static JsonNode runNode(ObjectNode cases) throws IOException, InterruptedException {
    Path work = Files.createDirectories(Path.of("target", "differential"));
    Path casesFile = work.resolve("cases.json").toAbsolutePath();
    Path resultsFile = work.resolve("results.json").toAbsolutePath();
    Files.write(casesFile, JsJson.toBytes(cases));
    Files.deleteIfExists(resultsFile);
    Process node = new ProcessBuilder("node", "parser-diff.js", casesFile.toString(), resultsFile.toString())
        .directory(interopDir.toFile())
        .redirectErrorStream(true)
        .start();
    String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(node.waitFor(120, TimeUnit.SECONDS)).as("node finished").isTrue();
    assertThat(node.exitValue()).as("node exit status; output:%n%s", output).isZero();
    return JsJson.parse(Files.readString(resultsFile, StandardCharsets.UTF_8));
  }

  // ---- the neutral JSON form both sides compare: binary as {"$bin": base64}

  private static JsonNode neutral(JsonNode node) {
    if (node.isBinary()) {
      try {
        return F.objectNode().put("$bin", B64.encodeToString(node.binaryValue()));
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }
    if (node.isArray()) {
      ArrayNode out = F.arrayNode();
      node.forEach(child -> out.add(neutral(child)));
      return out;
    }
    if (node.isObject()) {
      ObjectNode out = F.objectNode();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        out.set(e.getKey(), neutral(e.getValue()));
      }
      return out;
    }
    return node;
  }

  private static ObjectNode neutral(SocketPacket p) {
    ObjectNode out = F.objectNode();
    out.put("type", p.type().ordinal());
    out.put("nsp", p.namespace());
    if (p.hasAckId()) {
      out.put("id", p.ackId());
    }
    if (p.data() != null) {
      out.set("data", neutral(p.data()));
    }
    return out;
  }

  private static ObjectNode neutral(EncodedSocketPacket e) {
    ObjectNode out = F.objectNode();
    out.put("text", e.textString());
    ArrayNode attachments = out.putArray("attachments");
    e.attachments().forEach(a -> attachments.add(B64.encodeToString(a)));
    return out;
  }

  private static ArrayNode neutral(List<EnginePacket> packets) {
    ArrayNode out = F.arrayNode();
    for (EnginePacket p : packets) {
      ObjectNode n = out.addObject();
      n.put("type", p.type().name().toLowerCase(Locale.ROOT));
      if (p.isBinary()) {
        n.putObject("data").put("$bin", B64.encodeToString(p.binaryData()));
      } else if (p.text() != null) {
        n.put("data", p.text());
      }
    }
    return out;
  }

  /** The reference reports a message without data as having no data; ours has empty text. */
  private static JsonNode normalizeReferencePackets(JsonNode decoded) {
    assertThat(decoded.isArray()).as("reference decoded without error: %s", decoded).isTrue();
    for (JsonNode p : decoded) {
      if (p.get("type").textValue().equals(EnginePacketType.MESSAGE.name().toLowerCase(Locale.ROOT))
          && !p.has("data")) {
        ((ObjectNode) p).put("data", "");
      }
    }
    return decoded;
  }
}
