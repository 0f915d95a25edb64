package io.socketeer.servlet.internal;

import io.socketeer.engine.spi.EngineRequest;
import io.socketeer.protocol.spi.Scheduler;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A copy of a servlet request's head (method, context-relative path, query, headers, peer),
 * taken on the container thread: the engine reads it later from its own threads, when the
 * container may already have recycled the request object. Immutable.
 */
class RequestHead implements EngineRequest {
  private final String method;
  private final String path;
  private final Map<String, String> query;
  private final Map<String, String> headers;
  private final String remoteAddress;
  private final Scheduler scheduler;

  /**
   * Copies {@code request}.
   *
   * @throws IllegalArgumentException if the query string is not valid percent-encoding
   */
  RequestHead(HttpServletRequest request, Scheduler scheduler) {
    this.method = request.getMethod().toUpperCase(Locale.ROOT);
    this.path = contextPath(request);
    this.query = parseQuery(request.getQueryString());
    Map<String, String> h = new LinkedHashMap<>();
    Enumeration<String> names = request.getHeaderNames();
    while (names != null && names.hasMoreElements()) {
      String name = names.nextElement();
      h.putIfAbsent(name.toLowerCase(Locale.ROOT), request.getHeader(name));
    }
    this.headers = Collections.unmodifiableMap(h);
    String host = request.getRemoteAddr();
    this.remoteAddress = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + request.getRemotePort();
    this.scheduler = scheduler;
  }

  /** Returns the request path relative to the context, still percent-encoded. */
  static String contextPath(HttpServletRequest request) {
    String uri = request.getRequestURI();
    String context = request.getContextPath();
    return context.isEmpty() || !uri.startsWith(context) ? uri : uri.substring(context.length());
  }

  /**
   * Parses the query string itself: {@code getParameter} would also read a form-encoded body,
   * which belongs to the engine.
   */
  static Map<String, String> parseQuery(String raw) {
    if (raw == null || raw.isEmpty()) {
      return Collections.emptyMap();
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.putIfAbsent(name, value);
    }
    return Collections.unmodifiableMap(params);
  }

  @Override
  public String method() {
    return method;
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public String queryParam(String name) {
    return query.get(name);
  }

  @Override
  public Map<String, String> queryParams() {
    return query;
  }

  @Override
  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  @Override
  public Map<String, String> headers() {
    return headers;
  }

  @Override
  public String remoteAddress() {
    return remoteAddress;
  }

  @Override
  public Scheduler scheduler() {
    return scheduler;
  }
}
