package io.socketeer.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import io.socketeer.protocol.internal.JsJson;
import java.nio.ByteBuffer;

/** Turns application values into the JSON trees packets carry. */
public final class Values {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private Values() {}

  /**
   * Returns {@code value} as a JSON tree: trees as they are, {@code byte[]} and {@link ByteBuffer}
   * as binary (attachments on the wire), {@code null} as JSON null, anything else mapped by Jackson.
   *
   * @throws IllegalArgumentException if Jackson cannot map the value
   */
  public static JsonNode toNode(Object value) {
    if (value == null) {
      return NullNode.instance;
    }
    if (value instanceof JsonNode) {
      return (JsonNode) value;
    }
    if (value instanceof byte[]) {
      return BinaryNode.valueOf((byte[]) value);
    }
    if (value instanceof ByteBuffer) {
      ByteBuffer buffer = ((ByteBuffer) value).duplicate();
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return BinaryNode.valueOf(bytes);
    }
    if (value instanceof String) {
      return F.textNode((String) value);
    }
    JsonNode node = JsJson.mapper().valueToTree(value);
    return node == null ? NullNode.instance : node;
  }

  /** Returns {@code [first, ...args]} with every argument converted by {@link #toNode(Object)}. */
  public static ArrayNode array(Object first, Object[] args) {
    ArrayNode array = F.arrayNode(args.length + 1);
    if (first != null) {
      array.add(toNode(first));
    }
    for (Object arg : args) {
      array.add(toNode(arg));
    }
    return array;
  }
}
