package io.socketeer.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socketeer.server.spi.ConnectionRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a socket's client sent when it connected: the Engine.IO handshake request (headers, query,
 * address, URL) and the Socket.IO {@code auth} object of its CONNECT packet. Immutable, except
 * that {@link #auth()} is a JSON object that must not be changed.
 */
public final class Handshake {
  private final ConnectionRequest request;
  private final ObjectNode auth;

  /** Creates a handshake from the engine request and the CONNECT packet's auth object. */
  public Handshake(ConnectionRequest request, ObjectNode auth) {
    this.request = request;
    this.auth = auth;
  }

  /** Returns header values by lower-case name. */
  public Map<String, List<String>> headers() {
    return request.headers();
  }

  /** Returns the first value of a header, or null (case-insensitive name). */
  public String header(String name) {
    return request.header(name);
  }

  /** Returns the query parameters of the handshake request. */
  public Map<String, List<String>> query() {
    return request.query();
  }

  /** Returns the first value of a query parameter, or null. */
  public String queryParam(String name) {
    return request.queryParam(name);
  }

  /** Returns the CONNECT packet's auth object ({@code {}} when the client sent none). */
  public ObjectNode auth() {
    return auth;
  }

  /** Returns the client's IP address without port, as the reference's {@code handshake.address}. */
  public String address() {
    return hostOf(request.remoteAddress());
  }

  /** {@code host:port} or {@code [v6]:port} to the host alone; anything else as it is. */
  static String hostOf(String address) {
    String a = address.startsWith("/") ? address.substring(1) : address;
    if (a.startsWith("[")) {
      int end = a.indexOf(']');
      return end > 0 ? a.substring(1, end) : a;
    }
    int colon = a.lastIndexOf(':');
    return colon > 0 && a.indexOf(':') == colon ? a.substring(0, colon) : a;
  }

  /** Returns when the Engine.IO handshake arrived. */
  public Instant time() {
    return Instant.ofEpochMilli(request.issuedAtMillis());
  }

  /** Returns when the Engine.IO handshake arrived, in milliseconds since the epoch. */
  public long issued() {
    return request.issuedAtMillis();
  }

  /** Returns the handshake request's target (path and query). */
  public String url() {
    return request.url();
  }

  /** Returns whether the connection uses TLS. */
  public boolean secure() {
    return request.isSecure();
  }

  /** Returns true when the request carried an {@code Origin} header (a cross-domain browser page). */
  public boolean xdomain() {
    return request.header("origin") != null;
  }

  /** Returns the engine request this handshake was made from. */
  public ConnectionRequest request() {
    return request;
  }
}
