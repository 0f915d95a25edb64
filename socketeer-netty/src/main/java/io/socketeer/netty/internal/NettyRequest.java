package io.socketeer.netty.internal;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.socketeer.engine.spi.EngineRequest;
import io.socketeer.protocol.spi.Scheduler;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The head of a Netty HTTP request as the engine sees it. Immutable after construction. */
class NettyRequest implements EngineRequest {
  final Channel channel;
  final HttpRequest request;
  private final String path;
  private final Map<String, String> query;
  private final Scheduler scheduler;

  NettyRequest(Channel channel, HttpRequest request, QueryStringDecoder decoder) {
    this.channel = channel;
    this.request = request;
    this.path = decoder.rawPath();
    Map<String, String> q = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : decoder.parameters().entrySet()) {
      if (!e.getValue().isEmpty()) {
        q.put(e.getKey(), e.getValue().get(0));
      }
    }
    this.query = Collections.unmodifiableMap(q);
    this.scheduler = new EventLoopScheduler(channel.eventLoop());
  }

  @Override
  public String method() {
    return request.method().name();
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
    return request.headers().get(name);
  }

  @Override
  public Map<String, String> headers() {
    Map<String, String> h = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : request.headers()) {
      h.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
    }
    return h;
  }

  @Override
  public String remoteAddress() {
    java.net.SocketAddress a = channel.remoteAddress();
    if (a instanceof java.net.InetSocketAddress) {
      java.net.InetSocketAddress i = (java.net.InetSocketAddress) a;
      String host = i.getAddress() != null ? i.getAddress().getHostAddress() : i.getHostString();
      return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + i.getPort();
    }
    return String.valueOf(a);
  }

  @Override
  public Scheduler scheduler() {
    return scheduler;
  }
}
