package io.socketeer.adminui.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socketeer.server.Handshake;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Sockets and dates as the reference dashboard receives them. Stateless. */
final class Serializer {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** JSON.stringify of a JavaScript Date: always milliseconds, always Z. */
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** A JavaScript Date's toString() in UTC, as the reference's handshake.time on a UTC host. */
  private static final DateTimeFormatter JS_DATE =
      DateTimeFormatter.ofPattern("EEE MMM dd yyyy HH:mm:ss 'GMT+0000 (Coordinated Universal Time)'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  /** The key under which socket data carries the dashboard's own fields, as in the reference. */
  static final String ADMIN_KEY = "_admin";

  private Serializer() {}

  static String date(Instant instant) {
    return ISO.format(instant);
  }

  /** The socket as the reference's serialize(socket, nsp). */
  static ObjectNode socket(String id, String nsp, Handshake handshake, Set<String> rooms, JsonNode data) {
    ObjectNode o = F.objectNode();
    o.put("id", id);
    JsonNode admin = data == null ? null : data.get(ADMIN_KEY);
    if (admin != null && admin.hasNonNull("clientId")) {
      o.set("clientId", admin.get("clientId"));
    }
    if (admin != null && admin.hasNonNull("transport")) {
      o.set("transport", admin.get("transport"));
    }
    o.put("nsp", nsp);
    o.set("data", data(data));
    o.set("handshake", handshake(handshake));
    o.set("rooms", F.arrayNode().addAll(rooms.stream().map(F::textNode).toList()));
    return o;
  }

  /** The socket's data without the dashboard's own fields. */
  static ObjectNode data(JsonNode data) {
    ObjectNode copy = F.objectNode();
    if (data != null && data.isObject()) {
      data.fields().forEachRemaining(e -> {
        if (!ADMIN_KEY.equals(e.getKey())) {
          copy.set(e.getKey(), e.getValue().deepCopy());
        }
      });
    }
    return copy;
  }

  private static ObjectNode handshake(Handshake h) {
    ObjectNode o = F.objectNode();
    String address = h.header("cf-connecting-ip");
    if (address == null || address.isEmpty()) {
      address = h.header("x-forwarded-for");
    }
    if (address == null || address.isEmpty()) {
      address = h.address();
    }
    o.put("address", address);
    ObjectNode headers = o.putObject("headers");
    for (Map.Entry<String, List<String>> e : h.headers().entrySet()) {
      headers.put(e.getKey(), String.join(", ", e.getValue()));
    }
    ObjectNode query = o.putObject("query");
    for (Map.Entry<String, List<String>> e : h.query().entrySet()) {
      List<String> values = e.getValue();
      if (values.size() == 1) {
        query.put(e.getKey(), values.get(0));
      } else {
        query.set(e.getKey(), F.arrayNode().addAll(values.stream().map(F::textNode).toList()));
      }
    }
    o.put("issued", h.issued());
    o.put("secure", h.secure());
    o.put("time", JS_DATE.format(h.time()));
    o.put("url", h.url());
    o.put("xdomain", h.xdomain());
    return o;
  }
}
