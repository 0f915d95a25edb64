package io.socketeer.client.internal;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.cookie.ClientCookieDecoder;
import io.netty.handler.codec.http.cookie.ClientCookieEncoder;
import io.netty.handler.codec.http.cookie.Cookie;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cookies a server set on one manager's connections, sent back on later requests (sticky
 * sessions behind a load balancer). Keyed by name; a cookie with max-age 0 is removed. Only used
 * on the manager's event loop.
 */
public final class CookieJar {
  private final Map<String, Cookie> cookies = new LinkedHashMap<>();

  /** Stores the {@code Set-Cookie} headers of a response. */
  public void store(HttpHeaders headers) {
    List<String> values = headers.getAll(HttpHeaderNames.SET_COOKIE);
    for (String v : values) {
      Cookie c = ClientCookieDecoder.LAX.decode(v);
      if (c == null) {
        continue;
      }
      if (c.maxAge() == 0) {
        cookies.remove(c.name());
      } else {
        cookies.put(c.name(), c);
      }
    }
  }

  /** Adds a {@code Cookie} header when there are cookies. */
  public void apply(HttpHeaders headers) {
    if (!cookies.isEmpty()) {
      headers.set(HttpHeaderNames.COOKIE, ClientCookieEncoder.LAX.encode(cookies.values()));
    }
  }

  /** Returns the cookies held, name to value (for tests). */
  public Map<String, String> asMap() {
    Map<String, String> m = new LinkedHashMap<>();
    cookies.forEach((k, v) -> m.put(k, v.value()));
    return m;
  }
}
