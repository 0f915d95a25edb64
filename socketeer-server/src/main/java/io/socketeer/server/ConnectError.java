package io.socketeer.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.socketeer.protocol.internal.JsJson;
import java.util.Objects;

/**
 * Refusal of a namespace join by a middleware. The client receives {@code connect_error} with this
 * message and, when given, this data: {@code {"message":"not authorized","data":{...}}}.
 */
public final class ConnectError extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient JsonNode data;

  /** Creates a refusal with a message only. */
  public ConnectError(String message) {
    this(message, null);
  }

  /**
   * Creates a refusal with a message and data.
   *
   * @param data any JSON-mappable value, or null for none
   */
  public ConnectError(String message, Object data) {
    super(Objects.requireNonNull(message, "message"), null, false, false);
    this.data = data == null ? null : data instanceof JsonNode ? (JsonNode) data : JsJson.mapper().valueToTree(data);
  }

  /** Returns the data sent with the refusal, or null. */
  public JsonNode data() {
    return data;
  }
}
