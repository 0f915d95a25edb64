package io.socketeer.protocol.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * JSON as the reference JavaScript implementation reads and writes it.
 *
 * <p>Reading is {@code JSON.parse}: strict JSON, nothing after the value but white space. Writing
 * is {@code JSON.stringify}: no white space, non-ASCII written raw as UTF-8, only {@code "}, {@code
 * \} and control characters escaped (with JavaScript's short forms and lower-case hexadecimal u00xx escapes),
 * lone surrogates escaped, numbers in JavaScript's shortest form. Object members keep their order.
 * Binary values ({@code BinaryNode}) are either replaced by Socket.IO attachment placeholders or,
 * where no attachments can be carried, written as Node.js writes a {@code Buffer}: {@code
 * {"type":"Buffer","data":[...]}}.
 */
public final class JsJson {
  /** Deepest nesting accepted from a peer; deeper input is an invalid payload. */
  public static final int MAX_NESTING_DEPTH = 500;

  private static final JsonMapper MAPPER =
      JsonMapper.builder(
              com.fasterxml.jackson.core.JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private static final byte[] PLACEHOLDER_HEAD =
      "{\"_placeholder\":true,\"num\":".getBytes(StandardCharsets.US_ASCII);

  private JsJson() {}

  /** Returns the shared, strictly configured Jackson mapper. Do not reconfigure it. */
  public static JsonMapper mapper() {
    return MAPPER;
  }

  /**
   * Parses {@code text} as {@code JSON.parse} would.
   *
   * @throws JsonProcessingException if it is not exactly one JSON value
   */
  public static JsonNode parse(String text) throws JsonProcessingException {
    return JsonReader.parse(text, 0);
  }

  /**
   * Parses {@code text} from index {@code from} to its end as {@code JSON.parse} would, without
   * copying the region.
   *
   * @throws JsonProcessingException if the region is not exactly one JSON value
   */
  public static JsonNode parse(String text, int from) throws JsonProcessingException {
    return JsonReader.parse(text, from);
  }

  /** Returns the number of binary values in {@code node}, at any depth. */
  public static int countBinary(JsonNode node) {
    if (node == null) {
      return 0;
    }
    switch (node.getNodeType()) {
      case BINARY:
        return 1;
      case ARRAY:
      case OBJECT:
        int count = 0;
        for (JsonNode child : node) {
          count += countBinary(child);
        }
        return count;
      default:
        return 0;
    }
  }

  /** Returns {@code JSON.stringify(node)} as UTF-8 bytes. */
  public static byte[] toBytes(JsonNode node) {
    ByteSink sink = new ByteSink(64);
    write(node, sink, null);
    return sink.toByteArray();
  }

  /** Returns {@code JSON.stringify(node)}. */
  public static String toString(JsonNode node) {
    return new String(toBytes(node), StandardCharsets.UTF_8);
  }

  /**
   * Writes {@code node} as JSON.
   *
   * @param attachments where binary values go, each replaced in the text by a placeholder counting
   *     from the list's current size; null to write binary values as Node.js writes a Buffer
   */
  public static void write(JsonNode node, ByteSink out, List<byte[]> attachments) {
    JsonNodeType type = node.getNodeType();
    switch (type) {
      case STRING:
        writeString(node.textValue(), out);
        break;
      case NUMBER:
        writeNumber(node, out);
        break;
      case BOOLEAN:
        out.writeAscii(node.booleanValue() ? "true" : "false");
        break;
      case NULL:
      case MISSING:
        out.writeAscii("null");
        break;
      case ARRAY:
        out.write('[');
        boolean firstElement = true;
        for (JsonNode child : node) {
          if (!firstElement) {
            out.write(',');
          }
          firstElement = false;
          write(child, out, attachments);
        }
        out.write(']');
        break;
      case OBJECT:
        out.write('{');
        boolean firstMember = true;
        for (Map.Entry<String, JsonNode> member : node.properties()) {
          if (!firstMember) {
            out.write(',');
          }
          firstMember = false;
          writeString(member.getKey(), out);
          out.write(':');
          write(member.getValue(), out, attachments);
        }
        out.write('}');
        break;
      case BINARY:
        writeBinary(binaryValue(node), out, attachments);
        break;
      case POJO:
      default:
        throw new IllegalArgumentException(
            "cannot write a " + type + " node as JSON; convert it with an ObjectMapper first");
    }
  }

  private static byte[] binaryValue(JsonNode node) {
    try {
      return node.binaryValue();
    } catch (java.io.IOException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private static void writeBinary(byte[] bytes, ByteSink out, List<byte[]> attachments) {
    if (attachments != null) {
      out.write(PLACEHOLDER_HEAD);
      out.writeLong(attachments.size());
      out.write('}');
      attachments.add(bytes);
      return;
    }
    out.writeAscii("{\"type\":\"Buffer\",\"data\":[");
    for (int i = 0; i < bytes.length; i++) {
      if (i > 0) {
        out.write(',');
      }
      out.writeLong(bytes[i] & 0xFF);
    }
    out.writeAscii("]}");
  }

  private static void writeNumber(JsonNode node, ByteSink out) {
    switch (node.numberType()) {
      case INT:
      case LONG:
        out.writeLong(node.longValue());
        break;
      case BIG_INTEGER:
        out.writeAscii(node.bigIntegerValue().toString());
        break;
      case FLOAT:
        JsNumbers.writeFloat(node.floatValue(), out);
        break;
      case BIG_DECIMAL:
        out.writeAscii(node.decimalValue().toString());
        break;
      case DOUBLE:
      default:
        JsNumbers.writeDouble(node.doubleValue(), out);
        break;
    }
  }

  /** Writes {@code s} as a JSON string literal, escaped as {@code JSON.stringify} does. */
  public static void writeString(String s, ByteSink out) {
    out.writeJsonString(s);
  }
}
