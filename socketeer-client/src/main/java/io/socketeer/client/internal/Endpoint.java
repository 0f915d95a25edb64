package io.socketeer.client.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.proxy.HttpProxyHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.resolver.NoopAddressResolverGroup;
import io.socketeer.client.ClientOptions;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Where and how one manager connects: host, port, TLS, proxy, path, query, headers and cookies.
 * Builds request URIs and opens Netty channels on the manager's event loop.
 */
public final class Endpoint {
  private static final String ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

  final boolean secure;
  final String host;
  final int port;
  final ClientOptions options;
  final EventLoop loop;
  /** Null unless {@code withCredentials}. */
  final CookieJar cookies;

  private final Random random;
  private long counter;

  public Endpoint(boolean secure, String host, int port, ClientOptions options, EventLoop loop, Random random) {
    this.secure = secure;
    this.host = host;
    this.port = port;
    this.options = options;
    this.loop = loop;
    this.random = random;
    this.cookies = options.withCredentials() ? new CookieJar() : null;
  }

  /** Returns the cookie jar, or null. */
  public CookieJar cookies() {
    return cookies;
  }

  /** Returns the path and query of an Engine.IO request. */
  String requestUri(String transport, String sid, boolean timestamp) {
    Map<String, String> q = new LinkedHashMap<>(options.query());
    q.put("EIO", "4");
    q.put("transport", transport);
    if (sid != null) {
      q.put("sid", sid);
    }
    if (timestamp) {
      q.put(options.timestampParam(), timestamp());
    }
    StringBuilder sb = new StringBuilder(options.path()).append('?');
    boolean first = true;
    for (Map.Entry<String, String> e : q.entrySet()) {
      if (!first) {
        sb.append('&');
      }
      first = false;
      sb.append(encode(e.getKey())).append('=').append(encode(e.getValue()));
    }
    return sb.toString();
  }

  /** A short unique string, like the reference's {@code yeast()} cache buster. */
  private String timestamp() {
    long v = System.currentTimeMillis() * 64 + (counter++ & 63);
    StringBuilder sb = new StringBuilder();
    do {
      sb.append(ALPHABET.charAt((int) (v & 63)));
      v >>>= 6;
    } while (v > 0);
    return sb.reverse().toString();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** The {@code Host} header value. */
  String hostHeader() {
    boolean defaultPort = secure ? port == 443 : port == 80;
    String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return defaultPort ? h : h + ":" + port;
  }

  /** Adds the extra headers and cookies to a request. */
  void addHeaders(HttpHeaders headers) {
    options.extraHeaders().forEach(headers::set);
    if (cookies != null) {
      cookies.apply(headers);
    }
    if (!headers.contains(HttpHeaderNames.USER_AGENT)) {
      headers.set(HttpHeaderNames.USER_AGENT, "socketeer-client");
    }
  }

  /** Connects a channel whose pipeline ends with the handlers {@code tail} supplies. */
  ChannelFuture connect(Supplier<ChannelHandler[]> tail) {
    Bootstrap b =
        new Bootstrap()
            .group(loop)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 20_000)
            .handler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) throws Exception {
                    ChannelPipeline p = ch.pipeline();
                    if (options.proxy() != null) {
                      p.addLast(new HttpProxyHandler(options.proxy()));
                    }
                    if (secure) {
                      p.addLast(new SslHandler(sslEngine()));
                    }
                    p.addLast(tail.get());
                  }
                });
    if (options.proxy() != null) {
      b.resolver(NoopAddressResolverGroup.INSTANCE);
      return b.connect(InetSocketAddress.createUnresolved(host, port));
    }
    return b.connect(host, port);
  }

  private SSLEngine sslEngine() throws NoSuchAlgorithmException {
    SSLContext ctx = options.sslContext() != null ? options.sslContext() : SSLContext.getDefault();
    SSLEngine engine = ctx.createSSLEngine(host, port);
    engine.setUseClientMode(true);
    if (options.hostnameVerification()) {
      SSLParameters params = engine.getSSLParameters();
      params.setEndpointIdentificationAlgorithm("HTTPS");
      engine.setSSLParameters(params);
    }
    return engine;
  }

  /** Returns a random double in [0, 1) for jitter. */
  double nextRandom() {
    return random.nextDouble();
  }
}
