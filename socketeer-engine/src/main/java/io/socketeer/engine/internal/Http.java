package io.socketeer.engine.internal;

import io.socketeer.engine.EngineError;
import io.socketeer.engine.spi.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small helpers for the engine's HTTP answers (digest 6.3, 6.4). */
public final class Http {
  private static final byte[] EMPTY = new byte[0];
  private static final byte[] OK = {'o', 'k'};

  private Http() {}

  /** Answers with the JSON error body of {@code error}, or {@code message} instead of its own message. */
  public static void error(HttpExchange exchange, Map<String, String> baseHeaders, EngineError error, String message) {
    Map<String, String> headers = new LinkedHashMap<>(baseHeaders);
    headers.put("Content-Type", "application/json");
    String body = "{\"code\":" + error.code() + ",\"message\":\"" + jsonEscape(message == null ? error.message() : message) + "\"}";
    exchange.respond(error.httpStatus(), headers, body.getBytes(StandardCharsets.UTF_8));
  }

  /** Answers with a status and no body. */
  public static void empty(HttpExchange exchange, Map<String, String> baseHeaders, int status) {
    exchange.respond(status, new LinkedHashMap<>(baseHeaders), EMPTY);
  }

  /** Answers a POST whose packets were all handled: 200 {@code ok}. */
  public static void ok(HttpExchange exchange, Map<String, String> baseHeaders) {
    Map<String, String> headers = new LinkedHashMap<>(baseHeaders);
    headers.put("Content-Type", "text/html");
    headers.put("Cache-Control", "no-store");
    exchange.respond(200, headers, OK.clone());
  }

  /**
   * Compresses a polling answer as the reference's {@code httpCompression} does: gzip, else
   * deflate, when the request accepts one, the body has at least {@code threshold} bytes and the
   * threshold is not negative; sets {@code Content-Encoding}. Returns the body to send.
   */
  public static byte[] compress(byte[] body, String acceptEncoding, int threshold, Map<String, String> headers) {
    if (threshold < 0 || body.length < threshold || acceptEncoding == null) {
      return body;
    }
    String accepted = acceptEncoding.toLowerCase(java.util.Locale.ROOT);
    try {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(body.length / 2 + 64);
      if (accepted.contains("gzip")) {
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
          gz.write(body);
        }
        headers.put("Content-Encoding", "gzip");
      } else if (accepted.contains("deflate")) {
        try (java.util.zip.DeflaterOutputStream df = new java.util.zip.DeflaterOutputStream(out)) {
          df.write(body);
        }
        headers.put("Content-Encoding", "deflate");
      } else {
        return body;
      }
      return out.toByteArray();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e); // in-memory streams do not fail
    }
  }

  /** Escapes a string for a JSON string literal. */
  public static String jsonEscape(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        default:
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    return sb.toString();
  }

  /**
   * Returns true when a header value holds a character Node's {@code checkInvalidHeaderChar} refuses:
   * a control character other than horizontal tab, DEL, or anything above U+00FF.
   */
  public static boolean hasInvalidHeaderChar(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
        return true;
      }
    }
    return false;
  }
}
