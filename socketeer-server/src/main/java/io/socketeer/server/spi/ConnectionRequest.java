package io.socketeer.server.spi;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What the Engine.IO handshake request carried: headers, query, peer address, URL. Immutable.
 *
 * <p>Header names are lower case. Maps preserve the order of the request.
 */
public final class ConnectionRequest {
  private final Map<String, List<String>> headers;
  private final Map<String, List<String>> query;
  private final String remoteAddress;
  private final String url;
  private final boolean secure;
  private final long issuedAtMillis;

  /**
   * Creates a request description.
   *
   * @param headers header values by lower-case name
   * @param query query parameter values by name, in request order
   * @param remoteAddress the peer's address, e.g. {@code 127.0.0.1}
   * @param url the request target (path and query) of the handshake
   * @param secure whether the request came over TLS
   * @param issuedAtMillis when the handshake was received, in milliseconds since the epoch
   */
  public ConnectionRequest(
      Map<String, List<String>> headers,
      Map<String, List<String>> query,
      String remoteAddress,
      String url,
      boolean secure,
      long issuedAtMillis) {
    this.headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
    this.query = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(query));
    this.remoteAddress = Objects.requireNonNull(remoteAddress, "remoteAddress");
    this.url = Objects.requireNonNull(url, "url");
    this.secure = secure;
    this.issuedAtMillis = issuedAtMillis;
  }

  /** Returns all header values by lower-case name. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** Returns the first value of a header, or null. The name is matched case-insensitively. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** Returns all query parameter values by name. */
  public Map<String, List<String>> query() {
    return query;
  }

  /** Returns the first value of a query parameter, or null. */
  public String queryParam(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** Returns the peer's address. */
  public String remoteAddress() {
    return remoteAddress;
  }

  /** Returns the handshake's request target. */
  public String url() {
    return url;
  }

  /** Returns whether the request came over TLS. */
  public boolean isSecure() {
    return secure;
  }

  /** Returns when the handshake was received, in milliseconds since the epoch. */
  public long issuedAtMillis() {
    return issuedAtMillis;
  }
}
