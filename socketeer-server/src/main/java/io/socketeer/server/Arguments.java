package io.socketeer.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.socketeer.protocol.internal.JsJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Objects;

/**
 * The arguments of an event or of an acknowledgement: JSON values, binary ones as {@code
 * BinaryNode}. Read them raw ({@link #get(int)}) or mapped to a type ({@link #get(int, Class)}).
 *
 * <p>The values belong to the packet they came in: do not change them. Thread-safe to read.
 */
public final class Arguments implements Iterable<JsonNode> {
  private static final Arguments EMPTY = new Arguments(JsonNodeFactory.instance.arrayNode(), 0);

  private final ArrayNode array;
  private final int offset;

  private Arguments(ArrayNode array, int offset) {
    this.array = array;
    this.offset = offset;
  }

  /** Returns no arguments. */
  public static Arguments empty() {
    return EMPTY;
  }

  /** Wraps {@code array} (not copied), skipping its first {@code offset} elements. */
  public static Arguments of(ArrayNode array, int offset) {
    Objects.requireNonNull(array, "array");
    if (offset < 0 || offset > array.size()) {
      throw new IllegalArgumentException("offset " + offset + " outside 0.." + array.size());
    }
    return new Arguments(array, offset);
  }

  /** Returns how many arguments there are. */
  public int size() {
    return array.size() - offset;
  }

  /** Returns true when there are none. */
  public boolean isEmpty() {
    return size() == 0;
  }

  /** Returns argument {@code i}, or a {@code MissingNode} past the end (never null). */
  public JsonNode get(int i) {
    return array.path(offset + i);
  }

  /** Returns argument {@code i} as text ({@code null} when missing or JSON null). */
  public String text(int i) {
    JsonNode node = get(i);
    return node.isMissingNode() || node.isNull() ? null : node.isTextual() ? node.textValue() : JsJson.toString(node);
  }

  /** Returns argument {@code i} as binary data, or null when it is not binary. */
  public byte[] bytes(int i) {
    JsonNode node = get(i);
    if (!node.isBinary()) {
      return null;
    }
    try {
      return node.binaryValue();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Returns argument {@code i} mapped to {@code type} with Jackson (absent arguments map to null).
   *
   * @throws IllegalArgumentException if the value does not map to the type
   */
  public <T> T get(int i, Class<T> type) {
    JsonNode node = get(i);
    if (node.isMissingNode()) {
      return null;
    }
    try {
      return JsJson.mapper().treeToValue(node, type);
    } catch (IOException e) {
      throw new IllegalArgumentException("argument " + i + " is not a " + type.getName() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Returns the arguments as an array to pass on to an emit or an ack ({@code
   * socket.emit("echo", args.values())}); binary values stay binary.
   */
  public Object[] values() {
    Object[] values = new Object[size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(offset + i);
    }
    return values;
  }

  /** Returns the arguments as a new JSON array. */
  public ArrayNode toArray() {
    ArrayNode copy = JsonNodeFactory.instance.arrayNode(size());
    for (int i = offset; i < array.size(); i++) {
      copy.add(array.get(i));
    }
    return copy;
  }

  @Override
  public Iterator<JsonNode> iterator() {
    return toArray().iterator();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Arguments && toArray().equals(((Arguments) o).toArray());
  }

  @Override
  public int hashCode() {
    return toArray().hashCode();
  }

  /** Returns the arguments as their JSON text, e.g. {@code [1,"a"]}. */
  @Override
  public String toString() {
    return JsJson.toString(toArray());
  }
}
