package io.socketeer.client.internal;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.socketeer.protocol.ProtocolException;
import io.socketeer.protocol.engineio.EngineCodec;
import io.socketeer.protocol.engineio.EnginePacket;
import io.socketeer.protocol.engineio.EngineVersion;
import java.net.URI;
import java.util.List;

/** The WebSocket transport: one Engine.IO packet per frame. Confined to the endpoint's event loop. */
final class WebSocketTransport extends Transport {
  private static final int MAX_FRAME_BYTES = 256 * 1024 * 1024;

  private final Endpoint endpoint;
  private Channel channel;
  private WebSocketClientHandshaker handshaker;

  WebSocketTransport(Endpoint endpoint, String sid) {
    super("websocket");
    this.endpoint = endpoint;
    this.sid = sid;
  }

  @Override
  protected void doOpen() {
    Boolean ts = endpoint.options.timestampRequests();
    String pathAndQuery = endpoint.requestUri(name, sid, ts != null && ts);
    URI uri =
        URI.create((endpoint.secure ? "wss://" : "ws://") + endpoint.hostHeader() + pathAndQuery);
    HttpHeaders headers = new DefaultHttpHeaders();
    endpoint.addHeaders(headers);
    handshaker =
        WebSocketClientHandshakerFactory.newHandshaker(
            uri, WebSocketVersion.V13, null, false, headers, MAX_FRAME_BYTES);
    ChannelFuture cf =
        endpoint.connect(
            () ->
                new ChannelHandler[] {
                  new HttpClientCodec(),
                  new HttpObjectAggregator(65536),
                  new WebSocketFrameAggregator(MAX_FRAME_BYTES),
                  new Handler()
                });
    channel = cf.channel();
    cf.addListener(
        f -> {
          if (!f.isSuccess()) {
            if (state != State.CLOSED) {
              failed("websocket error", f.cause());
            }
          } else if (state == State.CLOSED) {
            cf.channel().close();
          } else {
            handshaker.handshake(cf.channel());
          }
        });
  }

  @Override
  protected void write(List<EnginePacket> packets) {
    writable = false;
    Channel ch = channel;
    ChannelFuture last = null;
    for (EnginePacket p : packets) {
      WebSocketFrame frame =
          p.isBinary()
              ? new BinaryWebSocketFrame(Unpooled.wrappedBuffer(p.binaryData()))
              : new TextWebSocketFrame(EngineCodec.encodeToString(p, EngineVersion.V4));
      last = ch.write(frame);
    }
    ch.flush();
    if (last == null) {
      writable = true;
      drained();
      return;
    }
    last.addListener(
        f -> {
          if (f.isSuccess() && state == State.OPEN && ch == channel) {
            writable = true;
            drained();
          }
        });
  }

  @Override
  protected void doClose() {
    Channel ch = channel;
    if (ch == null) {
      return;
    }
    if (state == State.OPEN || state == State.PAUSED) {
      // As the JS client: a close frame without a status code, then the TCP close.
      ch.writeAndFlush(new CloseWebSocketFrame()).addListener(ChannelFutureListener.CLOSE);
    } else {
      ch.close();
    }
  }

  @Override
  protected void release() {
    Channel ch = channel;
    if (ch != null) {
      ch.close();
    }
  }

  private final class Handler extends SimpleChannelInboundHandler<Object> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
      Channel ch = ctx.channel();
      if (state == State.CLOSED) {
        return;
      }
      if (!handshaker.isHandshakeComplete()) {
        FullHttpResponse res = (FullHttpResponse) msg;
        if (endpoint.cookies != null) {
          endpoint.cookies.store(res.headers());
        }
        try {
          handshaker.finishHandshake(ch, res);
        } catch (RuntimeException e) {
          failed("websocket error", e);
          ch.close();
          return;
        }
        opened();
        return;
      }
      if (msg instanceof TextWebSocketFrame) {
        try {
          packet(EngineCodec.decodeText(((TextWebSocketFrame) msg).text(), EngineVersion.V4));
        } catch (ProtocolException e) {
          failed("parse error", e);
        }
      } else if (msg instanceof BinaryWebSocketFrame) {
        packet(EnginePacket.binary(ByteBufUtil.getBytes(((BinaryWebSocketFrame) msg).content())));
      } else if (msg instanceof PingWebSocketFrame) {
        ch.writeAndFlush(new PongWebSocketFrame(((PingWebSocketFrame) msg).content().retain()));
      } else if (msg instanceof CloseWebSocketFrame) {
        ch.writeAndFlush(new CloseWebSocketFrame()).addListener(ChannelFutureListener.CLOSE);
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (ctx.channel() == channel) {
        closedByPeer("websocket connection closed");
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (ctx.channel() == channel && state != State.CLOSED) {
        failed("websocket error", cause);
      }
      ctx.close();
    }
  }
}
