package io.socketeer.netty.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.socketeer.engine.spi.BodyCallback;
import io.socketeer.engine.spi.HttpExchange;
import java.util.Arrays;
import java.util.Map;

/**
 * One HTTP exchange on a Netty channel. The body is collected as it arrives, up to the limit and
 * never beyond it. Every field is only touched on the channel's event loop; the public methods hop
 * onto it.
 */
final class NettyHttpExchange extends NettyRequest implements HttpExchange {
  private final HttpHandler owner;
  private final int maxBody;

  private byte[] body = new byte[0];
  private int bodyLength;
  private boolean bodyComplete;
  private boolean tooLarge;
  private boolean aborted;
  private BodyCallback bodyCallback;
  private boolean responded;
  private Runnable abortTask;

  NettyHttpExchange(Channel channel, HttpRequest request, QueryStringDecoder decoder, HttpHandler owner, int maxBody) {
    super(channel, request, decoder);
    this.owner = owner;
    this.maxBody = maxBody;
    if (HttpUtil.isContentLengthSet(request) && HttpUtil.getContentLength(request, 0L) > maxBody) {
      // Known to be too large before a byte of it is read (C-15).
      tooLarge = true;
    }
  }

  /** True when the request carries no body at all, so it is complete with its head. */
  static boolean hasNoBody(HttpRequest request) {
    return !HttpUtil.isTransferEncodingChunked(request) && HttpUtil.getContentLength(request, 0L) == 0L;
  }

  /** A chunk of the body arrived (event loop). The buffer is released by the caller. */
  void onContent(ByteBuf content, boolean last) {
    if (!tooLarge) {
      int n = content.readableBytes();
      if ((long) bodyLength + n > maxBody) {
        tooLarge = true;
        body = null;
        if (bodyCallback != null) {
          bodyCallback.onTooLarge();
        }
      } else if (n > 0) {
        if (bodyLength + n > body.length) {
          body = Arrays.copyOf(body, Math.max(bodyLength + n, Math.min(maxBody, Math.max(256, body.length * 2))));
        }
        content.readBytes(body, bodyLength, n);
        bodyLength += n;
      }
    }
    if (last) {
      bodyComplete = true;
      if (!tooLarge && bodyCallback != null) {
        bodyCallback.onBody(takeBody());
      }
    }
  }

  boolean isBodyComplete() {
    return bodyComplete;
  }

  boolean isResponded() {
    return responded;
  }

  void markBodyComplete() {
    bodyComplete = true;
  }

  private byte[] takeBody() {
    byte[] b = bodyLength == body.length ? body : Arrays.copyOf(body, bodyLength);
    body = null;
    return b;
  }

  /** The connection closed (event loop). */
  void onChannelClosed() {
    if (responded) {
      return;
    }
    aborted = true;
    if (!bodyComplete && !tooLarge && bodyCallback != null) {
      bodyCallback.onAborted();
    }
    Runnable task = abortTask;
    abortTask = null;
    if (task != null) {
      task.run();
    }
  }

  @Override
  public void readBody(int maxBytes, BodyCallback callback) {
    runOnLoop(() -> {
      if (bodyCallback != null) {
        throw new IllegalStateException("readBody called twice");
      }
      bodyCallback = callback;
      if (tooLarge || bodyLength > maxBytes) {
        tooLarge = true;
        callback.onTooLarge();
      } else if (bodyComplete) {
        callback.onBody(takeBody());
      } else if (aborted) {
        callback.onAborted();
      }
    });
  }

  @Override
  public void respond(int status, Map<String, String> headers, byte[] responseBody) {
    runOnLoop(() -> {
      if (responded) {
        return;
      }
      responded = true;
      abortTask = null;
      FullHttpResponse response = new DefaultFullHttpResponse(
          HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(responseBody));
      for (Map.Entry<String, String> e : headers.entrySet()) {
        response.headers().set(e.getKey(), e.getValue());
      }
      response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, responseBody.length);
      boolean close = !HttpUtil.isKeepAlive(request) || !bodyComplete || aborted;
      if (close) {
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      }
      owner.writeResponse(this, response, close);
    });
  }

  @Override
  public void onAbort(Runnable task) {
    runOnLoop(() -> {
      if (responded) {
        return;
      }
      if (aborted) {
        task.run();
      } else {
        abortTask = task;
      }
    });
  }

  private void runOnLoop(Runnable task) {
    if (channel.eventLoop().inEventLoop()) {
      task.run();
    } else {
      channel.eventLoop().execute(task);
    }
  }
}
