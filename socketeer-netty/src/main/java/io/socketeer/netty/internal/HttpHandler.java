package io.socketeer.netty.internal;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionFilterProvider;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionUtil;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtension;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;
import io.netty.util.ReferenceCountUtil;
import io.socketeer.engine.EngineServer;
import io.socketeer.engine.spi.UpgradeDecision;
import io.socketeer.engine.spi.WebSocketHandler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-connection HTTP handler: hands engine requests to the {@link EngineServer} one at a time,
 * collects bodies within the limit, and turns WebSocket upgrades into a {@link WebSocketChannelHandler}.
 * Only used on the channel's event loop.
 */
public final class HttpHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(HttpHandler.class);
  /** Most HTTP messages held back while a previous request on the connection awaits its answer. */
  private static final int MAX_QUEUED = 64;

  private final EngineServer engine;
  /** Files answered before the engine sees the request (client bundle, pages), or null. */
  private final StaticFiles staticFiles;
  /** The exchange whose body is still arriving, or null. */
  private NettyHttpExchange reading;
  /** True while the rest of a request (not for the engine, or already answered) is ignored. */
  private boolean discarding;
  /** Close the connection once the body being discarded has ended. */
  private boolean closeAfterBody;
  /** The exchange awaiting its answer, or null. */
  private NettyHttpExchange responding;
  /** Messages of pipelined requests, replayed once the current one is answered. */
  private final ArrayDeque<Object> queued = new ArrayDeque<>();
  private ChannelHandlerContext ctx;

  /** Creates the handler of one connection. */
  public HttpHandler(EngineServer engine) {
    this(engine, null);
  }

  /** Creates the handler of one connection that also serves {@code staticFiles} (may be null). */
  public HttpHandler(EngineServer engine, StaticFiles staticFiles) {
    this.engine = engine;
    this.staticFiles = staticFiles;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (closeAfterBody) {
      if (msg instanceof LastHttpContent) {
        ctx.close();
      }
      ReferenceCountUtil.release(msg);
      return;
    }
    if (!queued.isEmpty() || (responding != null && msg instanceof HttpRequest)) {
      if (queued.size() >= MAX_QUEUED) {
        ReferenceCountUtil.release(msg);
        ctx.close();
        return;
      }
      queued.add(msg);
      return;
    }
    dispatch(ctx, msg);
  }

  private void dispatch(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest) {
      onRequest(ctx, (HttpRequest) msg);
    }
    if (msg instanceof HttpContent) {
      HttpContent content = (HttpContent) msg;
      try {
        if (content.decoderResult().isFailure()) {
          // A malformed body (bad chunk size, ...): the framing is lost, so is the connection (C-19).
          log.debug("malformed body from {}: {}", ctx.channel().remoteAddress(), content.decoderResult().cause().toString());
          if (responding == null || responding.isResponded()) {
            writeBare(ctx, HttpResponseStatus.BAD_REQUEST, "", "text/plain");
          } else {
            ctx.close();
          }
          return;
        }
        boolean last = content instanceof LastHttpContent;
        if (reading != null) {
          NettyHttpExchange exchange = reading;
          if (last) {
            reading = null;
          }
          exchange.onContent(content.content(), last);
        } else if (last) {
          discarding = false;
          if (closeAfterBody) {
            ctx.close();
          }
        }
      } finally {
        content.release();
      }
    }
  }

  private void onRequest(ChannelHandlerContext ctx, HttpRequest request) {
    if (request.decoderResult().isFailure()) {
      Throwable cause = request.decoderResult().cause();
      HttpResponseStatus status = cause instanceof TooLongHttpLineException ? HttpResponseStatus.REQUEST_URI_TOO_LONG
          : cause instanceof TooLongHttpHeaderException ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
          : HttpResponseStatus.BAD_REQUEST;
      log.debug("malformed request from {}: {}", ctx.channel().remoteAddress(), cause.toString());
      writeBare(ctx, status, "", "text/plain");
      return;
    }
    if (request.headers().contains(HttpHeaderNames.TRANSFER_ENCODING)
        && request.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
      // Both framings at once is the classic smuggling shape (C-19): refuse rather than pick one.
      writeBare(ctx, HttpResponseStatus.BAD_REQUEST, "", "text/plain");
      return;
    }
    QueryStringDecoder decoder;
    try {
      decoder = new QueryStringDecoder(request.uri());
      decoder.parameters();
    } catch (IllegalArgumentException e) {
      writeBare(ctx, HttpResponseStatus.BAD_REQUEST, "", "text/plain");
      return;
    }
    if (staticFiles != null && staticFiles.has(decoder.path())) {
      discarding = true;
      staticFiles.serve(ctx, request, decoder.path());
      return;
    }
    if (!engine.handles(decoder.rawPath())) {
      discarding = true;
      writeBare(ctx, HttpResponseStatus.NOT_FOUND, "Not Found", "text/plain");
      return;
    }
    if (isWebSocketUpgrade(request)) {
      upgrade(ctx, request, decoder);
      return;
    }
    NettyHttpExchange exchange =
        new NettyHttpExchange(ctx.channel(), request, decoder, this, engine.options().maxHttpBufferSize());
    responding = exchange;
    if (NettyHttpExchange.hasNoBody(request) && !(request instanceof HttpContent)) {
      exchange.markBodyComplete();
      discarding = true; // the empty LastHttpContent that follows
    } else {
      reading = exchange;
    }
    engine.handleRequest(exchange);
  }

  private static boolean isWebSocketUpgrade(HttpRequest request) {
    String upgrade = request.headers().get(HttpHeaderNames.UPGRADE);
    return upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains("websocket");
  }

  private void upgrade(ChannelHandlerContext ctx, HttpRequest request, QueryStringDecoder decoder) {
    discarding = true;
    NettyRequest engineRequest = new NettyRequest(ctx.channel(), request, decoder);
    UpgradeDecision decision = request.method().equals(HttpMethod.GET)
        ? engine.handleUpgrade(engineRequest)
        : UpgradeDecision.reject("Bad request");
    if (!decision.isAccepted()) {
      // The reference writes a raw 400 with the bare message and destroys the socket (digest 6.3).
      log.debug("refused WebSocket from {}: {}", ctx.channel().remoteAddress(), decision.rejection());
      writeBare(ctx, HttpResponseStatus.BAD_REQUEST, decision.rejection(), "text/html");
      return;
    }
    if (!"13".equals(request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_VERSION))) {
      // Only RFC 6455; the older drafts Netty still knows are too lax (C-24).
      WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel())
          .addListener(ChannelFutureListener.CLOSE);
      return;
    }
    int max = engine.options().maxHttpBufferSize();
    int deflateThreshold = engine.options().perMessageDeflateThreshold();
    WebSocketServerExtension deflate = deflateThreshold >= 0 ? negotiateDeflate(request, max) : null;
    WebSocketServerHandshakerFactory factory = new WebSocketServerHandshakerFactory(
        "ws://" + request.headers().get(HttpHeaderNames.HOST, "localhost") + decoder.rawPath(), null,
        WebSocketDecoderConfig.newBuilder().maxFramePayloadLength(max).allowExtensions(deflate != null)
            .closeOnProtocolViolation(false).build());
    WebSocketServerHandshaker handshaker = factory.newHandshaker(request);
    if (handshaker == null) {
      WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel())
          .addListener(ChannelFutureListener.CLOSE);
      return;
    }
    DefaultFullHttpRequest full = new DefaultFullHttpRequest(request.protocolVersion(), request.method(),
        request.uri(), Unpooled.EMPTY_BUFFER, request.headers(), io.netty.handler.codec.http.EmptyHttpHeaders.INSTANCE);
    WebSocketChannelHandler wsHandler = new WebSocketChannelHandler(handshaker, deflate != null ? deflateThreshold : -1);
    HttpHeaders responseHeaders = null;
    // The frame handlers go in before the handshake: bytes that came in the same read as the
    // upgrade request are handed on when the handshaker removes the HTTP codec, possibly before
    // handshake() returns; they must reach the WebSocket decoder, not be lost (C-26).
    ctx.pipeline().addBefore(ctx.name(), "ws-leftover", new LeftoverBytesHandler());
    if (deflate != null) {
      // Inflates before the aggregator (which bounds the whole message), compresses what the
      // connection writes as frame objects; pre-framed buffers pass it untouched.
      ctx.pipeline().addBefore(ctx.name(), "ws-inflate", deflate.newExtensionDecoder());
      ctx.pipeline().addBefore(ctx.name(), "ws-deflate", deflate.newExtensionEncoder());
      WebSocketExtensionData accepted = deflate.newReponseData();
      StringBuilder header = new StringBuilder(accepted.name());
      accepted.parameters().forEach((k, v) -> header.append("; ").append(k).append(v == null ? "" : "=" + v));
      responseHeaders = new DefaultHttpHeaders();
      responseHeaders.set(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS, header.toString());
    }
    // RFC 6455 8.1: a text message that is not UTF-8 fails the connection with 1007; Netty's frame
    // decoder leaves that check to this handler, which sees inflated messages.
    ctx.pipeline().addBefore(ctx.name(), "ws-utf8", new Utf8FrameValidator(false));
    ctx.pipeline().addBefore(ctx.name(), "ws-aggregator", new WebSocketFrameAggregator(max));
    ctx.pipeline().addBefore(ctx.name(), "ws-engine", wsHandler);
    ctx.pipeline().remove(this);
    if (ctx.pipeline().get("idle") != null) {
      ctx.pipeline().remove("idle"); // WebSocket liveness is the heartbeat's business
    }
    try {
      handshaker.handshake(ctx.channel(), full, responseHeaders, ctx.channel().newPromise())
          .addListener((ChannelFutureListener) f -> {
        if (!f.isSuccess()) {
          log.debug("WebSocket handshake with {} failed: {}", f.channel().remoteAddress(), f.cause().toString());
          f.channel().close();
        } else {
          if (f.channel().pipeline().get("ws-leftover") != null) {
            // The HTTP codec is gone and has handed on what it held: every later frame skips this hop.
            f.channel().pipeline().remove("ws-leftover");
          }
          // From now on, frames written while this connection reads go out with one flush when the
          // read is done, and frames written from elsewhere (a broadcast) are flushed once per
          // event-loop turn: a recipient with several queued gets them in one system call. Not
          // before: the handshake answer must leave at once, the HTTP codec goes when it has.
          f.channel().pipeline().addFirst("ws-flush", new io.netty.handler.flush.FlushConsolidationHandler(
              io.netty.handler.flush.FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
        }
      });
    } catch (RuntimeException e) {
      log.debug("WebSocket handshake with {} refused: {}", ctx.channel().remoteAddress(), e.toString());
      writeBare(ctx, HttpResponseStatus.BAD_REQUEST, "Bad request", "text/html");
      return;
    }
    wsHandler.bind(decision.open(wsHandler));
  }

  /**
   * Accepts the first {@code permessage-deflate} offer the request makes that the JDK's zlib can
   * serve (no reduced server window), or returns null. Inflation of one frame stops at
   * {@code max} bytes: the decompression-bomb bound.
   */
  private static WebSocketServerExtension negotiateDeflate(HttpRequest request, int max) {
    String offers = request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS);
    if (offers == null) {
      return null;
    }
    PerMessageDeflateServerExtensionHandshaker handshaker = new PerMessageDeflateServerExtensionHandshaker(
        6, false, PerMessageDeflateServerExtensionHandshaker.MAX_WINDOW_SIZE, true, false,
        WebSocketExtensionFilterProvider.DEFAULT, max);
    try {
      for (WebSocketExtensionData offer : WebSocketExtensionUtil.extractExtensions(offers)) {
        WebSocketServerExtension accepted = handshaker.handshakeExtension(offer);
        if (accepted != null) {
          return accepted;
        }
      }
    } catch (RuntimeException e) {
      // A malformed offer (a window size that is no number): declined, the connection stays plain.
      log.debug("declined WebSocket extensions {}: {}", offers, e.toString());
    }
    return null;
  }

  /**
   * Sends raw bytes that the HTTP decoder still held when it was removed back through the
   * WebSocket decoder, which sits in front of it.
   */
  private static final class LeftoverBytesHandler extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ChannelHandlerContext decoder = ctx.pipeline().context("wsdecoder");
      if (msg instanceof io.netty.buffer.ByteBuf && decoder != null) {
        try {
          ((io.netty.channel.ChannelInboundHandler) decoder.handler()).channelRead(decoder, msg);
        } catch (Exception e) {
          ctx.fireExceptionCaught(e);
        }
      } else {
        ctx.fireChannelRead(msg);
      }
    }
  }

  /** Writes a complete answer and closes the connection. */
  private static void writeBare(ChannelHandlerContext ctx, HttpResponseStatus status, String body, String type) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    FullHttpResponse response =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
    response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }

  /** Writes the answer of {@code exchange} (event loop), then serves queued pipelined requests. */
  void writeResponse(NettyHttpExchange exchange, FullHttpResponse response, boolean close) {
    if (!ctx.channel().isActive()) {
      response.release();
      return;
    }
    if (close) {
      if (reading == exchange && ctx.channel().isActive()) {
        // Answered before the body ended (413, refused POST): stop answering, but keep draining
        // (and dropping) the rest for a moment so that the client reads the answer instead of a
        // reset. Nothing more is buffered.
        reading = null;
        discarding = true;
        closeAfterBody = true;
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        ctx.executor().schedule(() -> ctx.close(), 2, java.util.concurrent.TimeUnit.SECONDS);
        return;
      }
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    if (responding == exchange) {
      responding = null;
    }
    while (responding == null && !queued.isEmpty() && ctx.channel().isActive()) {
      dispatch(ctx, queued.poll());
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof io.netty.handler.timeout.IdleStateEvent) {
      // Silent while we wait for it to send: a slow or abandoned client (C-27). A long poll that
      // waits for our answer is not the client's silence.
      if (responding == null || reading != null) {
        log.debug("closing idle connection {}", ctx.channel().remoteAddress());
        ctx.close();
      }
      return;
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    Object m;
    while ((m = queued.poll()) != null) {
      ReferenceCountUtil.release(m);
    }
    NettyHttpExchange r = responding;
    responding = null;
    reading = null;
    if (r != null) {
      r.onChannelClosed();
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // Peer faults (resets, malformed input) are routine: no stack traces.
    if (cause instanceof TooLongFrameException || cause instanceof java.io.IOException) {
      log.debug("connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
    } else {
      log.warn("connection {} failed", ctx.channel().remoteAddress(), cause);
    }
    ctx.close();
  }
}
