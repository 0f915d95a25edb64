package io.socketeer.client.internal;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.socketeer.protocol.ProtocolException;
import io.socketeer.protocol.engineio.EngineCodec;
import io.socketeer.protocol.engineio.EnginePacket;
import io.socketeer.protocol.engineio.EnginePacketType;
import java.io.IOException;
import java.util.List;

/**
 * HTTP long-polling: a GET always pending for server packets, POSTs for client packets, over two
 * keep-alive connections. Confined to the endpoint's event loop.
 */
final class PollingTransport extends Transport {
  private final Endpoint endpoint;
  private final HttpConnection getConnection;
  private final HttpConnection postConnection;
  private final boolean timestamp;

  /** True while a GET is in flight. */
  private boolean polling;

  /** Runs once polling has paused, or null when not pausing. */
  private Runnable onPause;

  PollingTransport(Endpoint endpoint, String sid) {
    super("polling");
    this.endpoint = endpoint;
    this.sid = sid;
    this.getConnection = new HttpConnection(endpoint);
    this.postConnection = new HttpConnection(endpoint);
    Boolean ts = endpoint.options.timestampRequests();
    this.timestamp = ts == null || ts;
  }

  private String uri() {
    return endpoint.requestUri(name, sid, timestamp);
  }

  @Override
  protected void doOpen() {
    poll();
  }

  private void poll() {
    polling = true;
    getConnection.request(
        HttpMethod.GET,
        uri(),
        null,
        new HttpConnection.Callback() {
          @Override
          public void onResponse(int status, HttpHeaders headers, byte[] body) {
            if (state == State.CLOSED) {
              return;
            }
            if (status != 200) {
              polling = false;
              failed("xhr poll error", new IOException("HTTP status " + status));
              return;
            }
            onData(body);
          }

          @Override
          public void onFailure(Throwable cause) {
            if (state != State.CLOSED) {
              polling = false;
              failed("xhr poll error", cause);
            }
          }
        });
  }

  private void onData(byte[] body) {
    try {
      EngineCodec.decodePayload(
          body,
          p -> {
            if (state == State.OPENING && p.type() == EnginePacketType.OPEN) {
              opened();
            }
            if (p.type() == EnginePacketType.CLOSE) {
              closedByPeer("transport closed by the server");
              return false;
            }
            packet(p);
            return state != State.CLOSED;
          });
    } catch (ProtocolException e) {
      if (state != State.CLOSED) {
        polling = false;
        failed("parse error", e);
      }
      return;
    }
    if (state == State.CLOSED) {
      return;
    }
    polling = false;
    if (onPause != null) {
      maybePaused();
    } else if (state == State.OPEN) {
      poll();
    }
  }

  @Override
  protected void write(List<EnginePacket> packets) {
    writable = false;
    postConnection.request(
        HttpMethod.POST,
        uri(),
        EngineCodec.encodePayload(packets),
        new HttpConnection.Callback() {
          @Override
          public void onResponse(int status, HttpHeaders headers, byte[] body) {
            if (state == State.CLOSED) {
              return;
            }
            if (status != 200) {
              failed("xhr post error", new IOException("HTTP status " + status));
              return;
            }
            writable = true;
            // The session must learn that these packets went out even while pausing, or it
            // would send them again over the new transport.
            drained();
            if (onPause != null) {
              maybePaused();
            }
          }

          @Override
          public void onFailure(Throwable cause) {
            if (state != State.CLOSED) {
              failed("xhr post error", cause);
            }
          }
        });
  }

  @Override
  public void pause(Runnable onPause) {
    this.onPause = onPause;
    maybePaused();
  }

  private void maybePaused() {
    if (!polling && writable && onPause != null) {
      Runnable r = onPause;
      onPause = null;
      state = State.PAUSED;
      r.run();
    }
  }

  @Override
  protected void doClose() {
    if (state == State.OPEN || state == State.PAUSED) {
      // Tell the server (its close reason is then "transport close"), then free both connections.
      HttpConnection post = new HttpConnection(endpoint);
      post.request(
          HttpMethod.POST,
          uri(),
          EngineCodec.encodePayload(List.of(EnginePacket.CLOSE)),
          new HttpConnection.Callback() {
            @Override
            public void onResponse(int status, HttpHeaders headers, byte[] body) {
              post.close();
              release();
            }

            @Override
            public void onFailure(Throwable cause) {
              post.close();
              release();
            }
          });
      postConnection.close();
    } else {
      release();
    }
  }

  @Override
  protected void release() {
    getConnection.close();
    postConnection.close();
  }
}
