package io.socketeer.bench.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import io.socketeer.protocol.engineio.EnginePacket;
import io.socketeer.protocol.internal.JsJson;
import io.socketeer.protocol.socketio.SocketPacket;
import io.socketeer.protocol.socketio.SocketPacketEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The inputs of the codec benchmarks, read from {@code codec-fixtures.json}, the same file the
 * JavaScript side of the comparison reads, so that both encode and decode identical packets.
 */
final class CodecFixtures {
  final SocketPacket smallEvent;
  final SocketPacket kilobyteEvent;
  final SocketPacket binaryEvent;
  final List<EnginePacket> payloadPackets;

  CodecFixtures() {
    JsonNode fixtures = read();
    smallEvent = SocketPacket.event("/", (ArrayNode) fixtures.get("smallEvent"));
    kilobyteEvent = SocketPacket.event("/", (ArrayNode) fixtures.get("kilobyteEvent"));
    JsonNode binary = fixtures.get("binaryEvent");
    ArrayNode binaryArgs = ((ArrayNode) binary.get("args")).deepCopy();
    binaryArgs.add(BinaryNode.valueOf(attachment(binary.get("attachmentBytes").intValue())));
    binaryEvent = SocketPacket.event("/", binaryArgs);
    JsonNode payload = fixtures.get("payload");
    byte[] eventText = SocketPacketEncoder.encode(
        SocketPacket.event("/", (ArrayNode) payload.get("event"))).text();
    payloadPackets = new ArrayList<>();
    for (int i = 0; i < payload.get("packets").intValue(); i++) {
      payloadPackets.add(EnginePacket.messageUtf8(eventText));
    }
  }

  /** Attachment bytes: {@code i % 251} for each index, as the JavaScript side makes them. */
  static byte[] attachment(int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) (i % 251);
    }
    return bytes;
  }

  private static JsonNode read() {
    try (InputStream in = CodecFixtures.class.getResourceAsStream("/codec-fixtures.json")) {
      return JsJson.mapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
