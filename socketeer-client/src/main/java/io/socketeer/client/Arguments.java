package io.socketeer.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.socketeer.protocol.internal.JsJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The arguments of an event or an acknowledgement, as JSON trees (binary parts are {@code
 * BinaryNode}s). Immutable by contract: do not change the nodes it returns.
 *
 * <p>With connection state recovery on the server, events carry one more trailing string (the
 * offset), exactly as the reference client sees them.
 */
public final class Arguments {
  private static final Arguments EMPTY = new Arguments(List.of());

  /** The argument nodes; never null. */
  private final List<JsonNode> values;

  private Arguments(List<JsonNode> values) {
    this.values = values;
  }

  /** Returns arguments holding the elements of {@code array} from index {@code from} on. */
  public static Arguments of(ArrayNode array, int from) {
    if (array == null || array.size() <= from) {
      return EMPTY;
    }
    List<JsonNode> list = new ArrayList<>(array.size() - from);
    for (int i = from; i < array.size(); i++) {
      list.add(array.get(i));
    }
    return new Arguments(Collections.unmodifiableList(list));
  }

  /** Returns arguments holding {@code nodes}. */
  public static Arguments of(List<JsonNode> nodes) {
    return nodes.isEmpty() ? EMPTY : new Arguments(List.copyOf(nodes));
  }

  /** Returns how many arguments there are. */
  public int size() {
    return values.size();
  }

  /** Returns true when there is none. */
  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** Returns argument {@code index}, or null when there are fewer. */
  public JsonNode get(int index) {
    return index < values.size() ? values.get(index) : null;
  }

  /**
   * Returns argument {@code index} mapped by Jackson to {@code type} ({@code byte[]} for binary),
   * or null when there are fewer arguments.
   *
   * @throws IllegalArgumentException if it cannot be mapped
   */
  public <T> T get(int index, Class<T> type) {
    Objects.requireNonNull(type, "type");
    JsonNode node = get(index);
    if (node == null) {
      return null;
    }
    try {
      if (type == byte[].class && node.isBinary()) {
        return type.cast(node.binaryValue());
      }
      return JsJson.mapper().treeToValue(node, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("argument " + index + " is not a " + type.getName(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Returns argument {@code index} as text when it is a JSON string, else null. */
  public String string(int index) {
    JsonNode node = get(index);
    return node != null && node.isTextual() ? node.textValue() : null;
  }

  /** Returns argument {@code index} as bytes when it is binary, else null. */
  public byte[] bytes(int index) {
    JsonNode node = get(index);
    return node != null && node.isBinary() ? get(index, byte[].class) : null;
  }

  /** Returns the arguments as an unmodifiable list. */
  public List<JsonNode> asList() {
    return values;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Arguments && ((Arguments) o).values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
