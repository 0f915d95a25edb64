package io.socketeer.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socketeer.protocol.internal.JsJson;
import java.nio.ByteBuffer;

/** Turns Java values into the JSON trees of Socket.IO packets. */
public final class JsonArgs {
  private JsonArgs() {}

  /**
   * Maps one value: JSON nodes as they are, {@code byte[]}/{@code ByteBuffer} to binary, anything
   * else through Jackson (binary fields of POJOs become binary too).
   *
   * @throws IllegalArgumentException if Jackson cannot map it
   */
  public static JsonNode toNode(Object value) {
    if (value == null) {
      return JsonNodeFactory.instance.nullNode();
    }
    if (value instanceof JsonNode) {
      return (JsonNode) value;
    }
    if (value instanceof byte[]) {
      return JsonNodeFactory.instance.binaryNode((byte[]) value);
    }
    if (value instanceof ByteBuffer) {
      ByteBuffer b = ((ByteBuffer) value).duplicate();
      byte[] bytes = new byte[b.remaining()];
      b.get(bytes);
      return JsonNodeFactory.instance.binaryNode(bytes);
    }
    return JsJson.mapper().valueToTree(value);
  }

  /** Returns {@code [event, ...args]}. */
  public static ArrayNode eventArray(String event, Object[] args, int count) {
    ArrayNode a = JsonNodeFactory.instance.arrayNode(count + 1);
    a.add(event);
    for (int i = 0; i < count; i++) {
      a.add(toNode(args[i]));
    }
    return a;
  }

  /** Returns the arguments as an array. */
  public static ArrayNode array(Object[] args) {
    ArrayNode a = JsonNodeFactory.instance.arrayNode(args.length);
    for (Object o : args) {
      a.add(toNode(o));
    }
    return a;
  }

  /** Maps an auth value to an object, or returns null for none. */
  public static ObjectNode authObject(Object auth) {
    if (auth == null) {
      return null;
    }
    JsonNode n = toNode(auth);
    if (!n.isObject()) {
      throw new IllegalArgumentException("auth must map to a JSON object, not " + n.getNodeType());
    }
    return (ObjectNode) n;
  }
}
