package io.socketeer.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socketeer.server.Handshake;
import io.socketeer.server.spi.ConnectionRequest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Converts handshakes to and from the JSON shape the Node adapter exchanges in fetchSockets. */
final class Handshakes {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final DateTimeFormatter JS_DATE =
      DateTimeFormatter.ofPattern("EEE MMM dd yyyy HH:mm:ss 'GMT+0000 (Coordinated Universal Time)'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private Handshakes() {}

  /** The reference's handshake object: headers, time, address, xdomain, secure, issued, url, query, auth. */
  static ObjectNode toJson(Handshake h) {
    ObjectNode o = F.objectNode();
    ObjectNode headers = o.putObject("headers");
    h.headers().forEach((k, v) -> headers.put(k, String.join(", ", v)));
    o.put("time", JS_DATE.format(Instant.ofEpochMilli(h.issued())));
    o.put("address", h.address()); // already the bare IP, as Node gives it
    o.put("xdomain", h.xdomain());
    o.put("secure", h.secure());
    o.put("issued", h.issued());
    o.put("url", h.url());
    ObjectNode query = o.putObject("query");
    h.query().forEach((k, v) -> query.put(k, v.isEmpty() ? "" : v.get(0)));
    o.set("auth", h.auth());
    return o;
  }

  /** Reads a handshake object sent by another server; missing parts become empty. */
  static Handshake fromJson(JsonNode o) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    o.path("headers").properties().forEach(e -> headers.put(e.getKey().toLowerCase(Locale.ROOT), values(e.getValue())));
    Map<String, List<String>> query = new LinkedHashMap<>();
    o.path("query").properties().forEach(e -> query.put(e.getKey(), values(e.getValue())));
    ConnectionRequest request = new ConnectionRequest(headers, query, o.path("address").asText(""),
        o.path("url").asText(""), o.path("secure").asBoolean(false), o.path("issued").asLong(0));
    JsonNode auth = o.get("auth");
    return new Handshake(request, auth != null && auth.isObject() ? (ObjectNode) auth : F.objectNode());
  }

  private static List<String> values(JsonNode v) {
    List<String> out = new ArrayList<>();
    if (v.isArray()) {
      v.forEach(x -> out.add(x.asText()));
    } else {
      out.add(v.asText());
    }
    return out;
  }
}
