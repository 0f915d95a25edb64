package io.socketeer.netty.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.util.ReferenceCountUtil;
import io.socketeer.engine.spi.WebSocketConnection;
import io.socketeer.engine.spi.WebSocketHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One upgraded connection: delivers whole messages to the engine's {@link WebSocketHandler} and
 * writes the engine's frames. Fields are only touched on the channel's event loop, except that
 * {@link #sendText}, {@link #sendBinary} and {@link #close} may be called from any thread.
 */
final class WebSocketChannelHandler extends ChannelInboundHandlerAdapter implements WebSocketConnection {
  private static final Logger log = LoggerFactory.getLogger(WebSocketChannelHandler.class);

  private final WebSocketServerHandshaker handshaker;
  /**
   * Smallest message sent compressed, or -1 when {@code permessage-deflate} was not negotiated
   * (then every frame takes the pre-framed path).
   */
  private final int deflateThreshold;
  private volatile Channel channel;
  private WebSocketHandler handler;
  /** A close frame was written (by us or by the decoder on a protocol violation). */
  private boolean closeSent;
  /** Description of a fault, or null. */
  private String error;
  private boolean closedReported;

  WebSocketChannelHandler(WebSocketServerHandshaker handshaker, int deflateThreshold) {
    this.handshaker = handshaker;
    this.deflateThreshold = deflateThreshold;
  }

  /** Frames that arrived before {@link #bind}; delivered by it. */
  private java.util.ArrayDeque<Object> early;
  private ChannelHandlerContext ctx;

  /** Connects the engine's handler (on the event loop) and delivers frames that came first. */
  void bind(WebSocketHandler handler) {
    this.handler = handler;
    if (early != null) {
      Object m;
      while ((m = early.poll()) != null) {
        channelRead(ctx, m);
      }
      early = null;
    }
    if (!ctx.channel().isActive()) {
      reportClosed();
    }
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.channel = ctx.channel();
    this.ctx = ctx;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (handler == null) {
      if (early == null) {
        early = new java.util.ArrayDeque<>();
      }
      early.add(msg);
      return;
    }
    if (closeSent && !(msg instanceof CloseWebSocketFrame)) {
      // RFC 6455 5.5.1: nothing is answered after our close frame; the peer's close is awaited.
      ReferenceCountUtil.release(msg);
      return;
    }
    try {
      if (deflateThreshold >= 0 && msg instanceof WebSocketFrame && ((WebSocketFrame) msg).rsv() != 0) {
        // The decoder lets reserved bits through once an extension is negotiated; permessage-deflate
        // clears RSV1 of what it inflated, so anything left is a violation (RFC 6455 5.2).
        protocolError(ctx, WebSocketCloseStatus.PROTOCOL_ERROR, "reserved bits set without an extension for them");
        return;
      }
      if (msg instanceof TextWebSocketFrame) {
        // Valid UTF-8: the pipeline's Utf8FrameValidator fails anything else with 1007 (C-30)
        // before it gets here.
        handler.onText(((TextWebSocketFrame) msg).text());
      } else if (msg instanceof BinaryWebSocketFrame) {
        handler.onBinary(ByteBufUtil.getBytes(((BinaryWebSocketFrame) msg).content()));
      } else if (msg instanceof PingWebSocketFrame) {
        // A peer that pings without reading gets no pong queue: while the channel is not writable
        // pongs are skipped (RFC 6455 5.5.3 lets a pong answer only the latest ping).
        if (ctx.channel().isWritable()) {
          ctx.writeAndFlush(new PongWebSocketFrame(((PingWebSocketFrame) msg).content().retain()));
        }
      } else if (msg instanceof CloseWebSocketFrame) {
        if (!closeSent) {
          closeSent = true;
          CloseWebSocketFrame frame = (CloseWebSocketFrame) msg;
          int status = frame.statusCode();
          CloseWebSocketFrame echo = status < 0 ? new CloseWebSocketFrame() : new CloseWebSocketFrame(status, null);
          ctx.writeAndFlush(echo).addListener(ChannelFutureListener.CLOSE);
        } else {
          ctx.close();
        }
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (early != null) {
      early.forEach(ReferenceCountUtil::release);
      early = null;
    }
    reportClosed();
    ctx.fireChannelInactive();
  }

  private void reportClosed() {
    if (!closedReported && handler != null) {
      closedReported = true;
      if (handler != null) {
        handler.onClose(error);
      }
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    WebSocketCloseStatus status;
    DecompressionException inflation = decompressionFailure(cause);
    if (inflation != null) {
      // As the reference's ws: an inflated message past the limit is 1009, corrupt data 1007. The
      // inflater stops at the limit, so a small compressed bomb never grows into a large buffer.
      boolean tooBig = String.valueOf(inflation.getMessage()).contains("maximum size");
      protocolError(ctx, tooBig ? WebSocketCloseStatus.MESSAGE_TOO_BIG : WebSocketCloseStatus.INVALID_PAYLOAD_DATA,
          tooBig ? "message too big" : "invalid compressed data");
      return;
    }
    if (cause instanceof CorruptedWebSocketFrameException) {
      // The decoder now discards everything; we answer with the status it chose (1002, 1007, 1009).
      status = ((CorruptedWebSocketFrameException) cause).closeStatus();
      error = cause.getMessage();
    } else if (cause instanceof TooLongFrameException) {
      status = WebSocketCloseStatus.MESSAGE_TOO_BIG;
      error = "message too big";
    } else {
      status = null;
      error = cause.toString();
    }
    // A peer that resets during the handshake leaves the HTTP encoder in place when the first frame
    // is written to the dead channel: nothing to report either (C-25).
    if (cause instanceof java.io.IOException || cause instanceof io.netty.handler.codec.DecoderException
        || !ctx.channel().isActive()) {
      log.debug("WebSocket {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
    } else {
      log.warn("WebSocket {} failed", ctx.channel().remoteAddress(), cause);
    }
    if (status != null && !closeSent && ctx.channel().isActive()) {
      closeWith(ctx, status);
      return;
    }
    ctx.close();
  }

  private static DecompressionException decompressionFailure(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof DecompressionException) {
        return (DecompressionException) t;
      }
    }
    return null;
  }

  /** Answers a violation with a close frame of {@code status} and reports {@code description}. */
  private void protocolError(ChannelHandlerContext ctx, WebSocketCloseStatus status, String description) {
    log.debug("WebSocket {} failed: {}", ctx.channel().remoteAddress(), description);
    if (error == null) {
      error = description;
    }
    if (closeSent || !ctx.channel().isActive()) {
      ctx.close();
      return;
    }
    closeWith(ctx, status);
  }

  /**
   * Close frame first, then only our side of the TCP connection is shut (a FIN), so that the
   * peer sees the server close first (RFC 6455 7.1.1) without us waiting for its close frame,
   * which a corrupted decoder would not read anyway. The connection itself is closed when the
   * peer closes it or a second later, not at once: the peer may still be sending the rest of an
   * oversized message, and closing with unread data would reset the connection before it reads
   * our close frame.
   */
  private void closeWith(ChannelHandlerContext ctx, WebSocketCloseStatus status) {
    closeSent = true;
    ctx.writeAndFlush(new CloseWebSocketFrame(status)).addListener((ChannelFutureListener) f -> {
      if (!f.isSuccess()) {
        f.channel().close();
      } else if (f.channel() instanceof DuplexChannel) {
        ((DuplexChannel) f.channel()).shutdownOutput();
      }
    });
    ctx.executor().schedule(() -> ctx.close(), 1, java.util.concurrent.TimeUnit.SECONDS);
  }

  @Override
  public void sendText(byte[] head, byte[] tail) {
    writeFrame(OPCODE_TEXT, head, tail, true);
  }

  @Override
  public void sendBinary(byte[] data) {
    writeFrame(OPCODE_BINARY, EMPTY, data, true);
  }

  @Override
  public void sendText(byte[] head, byte[] tail, boolean compress) {
    writeFrame(OPCODE_TEXT, head, tail, compress);
  }

  @Override
  public void sendBinary(byte[] data, boolean compress) {
    writeFrame(OPCODE_BINARY, EMPTY, data, compress);
  }

  private static final byte[] EMPTY = new byte[0];
  private static final int OPCODE_TEXT = 0x1;
  private static final int OPCODE_BINARY = 0x2;

  /**
   * Writes one whole, unfragmented, unmasked frame as raw bytes: the header and the shared arrays
   * copied into one pooled buffer. This is the hot path of broadcasts (one frame per recipient):
   * it skips the frame object, the composite buffer and the frame encoder, which let raw buffers
   * through, and so does the permessage-deflate encoder: only a message that is to be compressed
   * goes out as a frame object, which that encoder compresses.
   */
  private void writeFrame(int opcode, byte[] head, byte[] tail, boolean compress) {
    Channel c = channel;
    int length = head.length + tail.length;
    if (compress && deflateThreshold >= 0 && length >= deflateThreshold) {
      ByteBuf content = Unpooled.wrappedBuffer(head, tail);
      WebSocketFrame frame = opcode == OPCODE_TEXT ? new TextWebSocketFrame(content) : new BinaryWebSocketFrame(content);
      c.writeAndFlush(frame, c.voidPromise());
      return;
    }
    int headerLength = length <= 125 ? 2 : length <= 0xFFFF ? 4 : 10;
    ByteBuf frame = c.alloc().directBuffer(headerLength + length);
    frame.writeByte(0x80 | opcode);
    if (length <= 125) {
      frame.writeByte(length);
    } else if (length <= 0xFFFF) {
      frame.writeByte(126);
      frame.writeShort(length);
    } else {
      frame.writeByte(127);
      frame.writeLong(length);
    }
    frame.writeBytes(head).writeBytes(tail);
    c.writeAndFlush(frame, c.voidPromise());
  }

  @Override
  public boolean isWritable() {
    return channel.isWritable();
  }

  @Override
  public long bufferedBytes() {
    io.netty.channel.ChannelOutboundBuffer out = channel.unsafe().outboundBuffer();
    return out == null ? 0 : out.totalPendingWriteBytes();
  }

  @Override
  public long bufferedMessages() {
    io.netty.channel.ChannelOutboundBuffer out = channel.unsafe().outboundBuffer();
    return out == null ? 0 : out.size();
  }

  @Override
  public void abort() {
    Channel c = channel;
    // Pending writes are failed and their buffers released by the close itself.
    c.close();
  }

  @Override
  public void close() {
    Channel c = channel;
    if (c.eventLoop().inEventLoop()) {
      closeNow(c);
    } else {
      c.eventLoop().execute(() -> closeNow(c));
    }
  }

  private void closeNow(Channel c) {
    if (closeSent || !c.isActive()) {
      c.close();
      return;
    }
    closeSent = true;
    // A close frame without status code, as the reference (digest 7.2).
    c.writeAndFlush(new CloseWebSocketFrame()).addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public String toString() {
    return "WebSocket{" + channel + ", " + handshaker.version() + "}";
  }
}
