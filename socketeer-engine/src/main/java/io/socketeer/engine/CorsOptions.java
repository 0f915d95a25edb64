package io.socketeer.engine;

import java.util.List;
import java.util.Objects;

/**
 * Cross-origin settings, behaving as the npm {@code cors} middleware that the reference server
 * runs. CORS is off unless an instance is given to {@link EngineOptions.Builder#cors}.
 *
 * <p>Immutable. Create with {@link #anyOrigin()}, {@link #reflectOrigin()} or {@link
 * #origins(String...)}; {@link #withCredentials()} adds {@code Access-Control-Allow-Credentials}.
 */
public final class CorsOptions {
  private static final String METHODS = "GET,HEAD,PUT,PATCH,POST,DELETE";

  /** null means "*", an empty list means "reflect the request's Origin". */
  private final List<String> origins;

  private final boolean credentials;

  private CorsOptions(List<String> origins, boolean credentials) {
    this.origins = origins;
    this.credentials = credentials;
  }

  /** Every origin: {@code Access-Control-Allow-Origin: *}. */
  public static CorsOptions anyOrigin() {
    return new CorsOptions(null, false);
  }

  /** Echoes the request's {@code Origin} (the {@code origin: true} setting), with {@code Vary: Origin}. */
  public static CorsOptions reflectOrigin() {
    return new CorsOptions(List.of(), false);
  }

  /** Only these exact origins (for example {@code https://example.com}). */
  public static CorsOptions origins(String... origins) {
    if (origins.length == 0) {
      throw new IllegalArgumentException("at least one origin");
    }
    return new CorsOptions(List.of(origins), false);
  }

  /**
   * Returns a copy that also sends {@code Access-Control-Allow-Credentials: true}.
   *
   * @throws IllegalStateException on {@link #reflectOrigin()}: echoing any origin with credentials
   *     would let every site act with the user's cookies; name the origins instead
   */
  public CorsOptions withCredentials() {
    if (origins != null && origins.isEmpty()) {
      throw new IllegalStateException("credentials need a list of origins, not reflectOrigin()");
    }
    return new CorsOptions(origins, true);
  }

  /** Returns true when {@code Access-Control-Allow-Credentials: true} is sent. */
  public boolean credentials() {
    return credentials;
  }

  /**
   * Adds the headers for a request with the given {@code Origin} (null when absent) to {@code
   * headers}.
   */
  void apply(String origin, java.util.Map<String, String> headers) {
    if (origins == null) {
      headers.put("Access-Control-Allow-Origin", "*");
    } else if (origins.isEmpty()) {
      if (origin != null) {
        headers.put("Access-Control-Allow-Origin", origin);
      }
      headers.put("Vary", "Origin");
    } else {
      if (origin != null && origins.contains(origin)) {
        headers.put("Access-Control-Allow-Origin", origin);
      }
      headers.put("Vary", "Origin");
    }
    if (credentials) {
      headers.put("Access-Control-Allow-Credentials", "true");
    }
  }

  /** Adds the preflight headers (the answer is 204 without a body). */
  void applyPreflight(String origin, String requestHeaders, java.util.Map<String, String> headers) {
    apply(origin, headers);
    headers.put("Access-Control-Allow-Methods", METHODS);
    if (requestHeaders != null) {
      headers.put("Access-Control-Allow-Headers", requestHeaders);
      String vary = headers.get("Vary");
      headers.put("Vary", vary == null ? "Access-Control-Request-Headers" : vary + ", Access-Control-Request-Headers");
    } else {
      String vary = headers.get("Vary");
      headers.put("Vary", vary == null ? "Access-Control-Request-Headers" : vary + ", Access-Control-Request-Headers");
    }
  }

  /** Returns true when a WebSocket upgrade from {@code origin} may proceed. */
  boolean allowsOrigin(String origin) {
    return origins == null || origins.isEmpty() || origin == null || origins.contains(origin);
  }

  @Override
  public String toString() {
    return "CorsOptions{origins=" + (origins == null ? "*" : origins.isEmpty() ? "reflect" : origins)
        + ", credentials=" + credentials + "}";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CorsOptions
        && Objects.equals(origins, ((CorsOptions) o).origins)
        && credentials == ((CorsOptions) o).credentials;
  }

  @Override
  public int hashCode() {
    return Objects.hash(origins, credentials);
  }
}
