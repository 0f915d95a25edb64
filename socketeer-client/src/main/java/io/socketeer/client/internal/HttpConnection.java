package io.socketeer.client.internal;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;

/**
 * One keep-alive HTTP/1.1 connection that carries one request at a time (a polling transport has
 * one for its GETs and one for its POSTs, as a browser would). Reconnects when the server closed
 * it. Confined to the endpoint's event loop.
 */
final class HttpConnection {
  /** Receives the outcome of one request, on the event loop. */
  interface Callback {
    void onResponse(int status, HttpHeaders headers, byte[] body);

    void onFailure(Throwable cause);
  }

  private static final int MAX_RESPONSE_BYTES = 256 * 1024 * 1024;

  private final Endpoint endpoint;

  /** The connected (or connecting) channel, or null. */
  private Channel channel;

  /** The request in flight's callback, or null. */
  private Callback pending;

  private boolean closed;

  HttpConnection(Endpoint endpoint) {
    this.endpoint = endpoint;
  }

  /** Sends a request; {@code body} is null for a GET. At most one request at a time. */
  void request(HttpMethod method, String uri, byte[] body, Callback callback) {
    if (closed) {
      callback.onFailure(new IOException("connection closed"));
      return;
    }
    if (pending != null) {
      throw new IllegalStateException("a request is in flight");
    }
    pending = callback;
    FullHttpRequest req =
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1,
            method,
            uri,
            body == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
    HttpHeaders h = req.headers();
    h.set(HttpHeaderNames.HOST, endpoint.hostHeader());
    h.set(HttpHeaderNames.ACCEPT, "*/*");
    if (body != null) {
      h.set(HttpHeaderNames.CONTENT_TYPE, "text/plain;charset=UTF-8");
      h.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    }
    endpoint.addHeaders(h);
    Channel ch = channel;
    if (ch != null && ch.isActive()) {
      ch.writeAndFlush(req).addListener(f -> writeDone(ch, f.cause()));
      return;
    }
    if (ch != null) {
      ch.close();
    }
    ChannelFuture cf = endpoint.connect(() -> new ChannelHandler[] {
      new HttpClientCodec(), new HttpObjectAggregator(MAX_RESPONSE_BYTES), new Handler()
    });
    Channel created = cf.channel();
    channel = created;
    cf.addListener(
        f -> {
          if (!f.isSuccess()) {
            req.release();
            fail(created, f.cause());
          } else if (closed || channel != created) {
            req.release();
            created.close();
          } else {
            created.writeAndFlush(req).addListener(w -> writeDone(created, w.cause()));
          }
        });
  }

  private void writeDone(Channel ch, Throwable cause) {
    if (cause != null) {
      fail(ch, cause);
    }
  }

  private void fail(Channel ch, Throwable cause) {
    if (ch != channel) {
      return;
    }
    ch.close();
    channel = null;
    Callback cb = pending;
    pending = null;
    if (cb != null) {
      cb.onFailure(cause);
    }
  }

  /** Closes the connection; a request in flight is dropped without a callback. */
  void close() {
    closed = true;
    pending = null;
    Channel ch = channel;
    channel = null;
    if (ch != null) {
      ch.close();
    }
  }

  private final class Handler extends SimpleChannelInboundHandler<FullHttpResponse> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse res) {
      Channel ch = ctx.channel();
      if (ch != channel) {
        return;
      }
      byte[] body = ByteBufUtil.getBytes(res.content());
      if (!HttpUtil.isKeepAlive(res)) {
        ch.close();
        channel = null;
      }
      if (endpoint.cookies != null) {
        endpoint.cookies.store(res.headers());
      }
      Callback cb = pending;
      pending = null;
      if (cb != null) {
        cb.onResponse(res.status().code(), res.headers(), body);
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      fail(ctx.channel(), new IOException("connection closed by the server"));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      fail(ctx.channel(), cause);
    }
  }
}
