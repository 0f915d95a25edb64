package io.socketeer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socketeer.client.Arguments;
import io.socketeer.protocol.internal.JsJson;
import java.io.PrintStream;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes the client's lines: one line per thing that happened, {@code KIND REST}, flushed at once.
 * Safe from any thread (lines never interleave).
 */
final class Output {
  /** Binary values longer than this are shown by their first bytes only. */
  private static final int BINARY_PREVIEW = 16;

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** Where lines go; guarded by {@code this}. */
  private final PrintStream out;

  Output(PrintStream out) {
    this.out = out;
  }

  /** Writes {@code kind} and {@code text} as one line. */
  synchronized void line(String kind, String text) {
    out.println(text == null || text.isEmpty() ? kind : kind + " " + text);
    out.flush();
  }

  /** Returns the arguments as a JSON array on one line, binary values replaced by a short note. */
  static String json(Arguments args) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    for (JsonNode node : args.asList()) {
      array.add(printable(node));
    }
    return JsJson.toString(array);
  }

  /** Returns {@code node} as JSON on one line, binary values replaced by a short note. */
  static String json(JsonNode node) {
    return JsJson.toString(printable(node));
  }

  /**
   * Returns a copy of {@code node} where each binary value is the string {@code <binary N bytes:
   * HEX>} (the first 16 bytes, then an ellipsis).
   */
  static JsonNode printable(JsonNode node) {
    if (node == null) {
      return JsonNodeFactory.instance.nullNode();
    }
    if (node.isBinary()) {
      return JsonNodeFactory.instance.textNode(binaryNote(bytes(node)));
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode(node.size());
      node.forEach(child -> copy.add(printable(child)));
      return copy;
    }
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        copy.set(e.getKey(), printable(e.getValue()));
      }
      return copy;
    }
    return node;
  }

  private static byte[] bytes(JsonNode binary) {
    try {
      return binary.binaryValue();
    } catch (java.io.IOException e) {
      return new byte[0];
    }
  }

  /** Returns {@code <binary N bytes: HEX>} for {@code data}. */
  static String binaryNote(byte[] data) {
    StringBuilder sb = new StringBuilder("<binary ").append(data.length).append(" bytes");
    if (data.length > 0) {
      sb.append(": ");
      int n = Math.min(data.length, BINARY_PREVIEW);
      for (int i = 0; i < n; i++) {
        sb.append(HEX[(data[i] >> 4) & 0xf]).append(HEX[data[i] & 0xf]);
      }
      if (data.length > n) {
        sb.append("...");
      }
    }
    return sb.append('>').toString();
  }
}
