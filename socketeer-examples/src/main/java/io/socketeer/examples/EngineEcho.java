package io.socketeer.examples;

import io.socketeer.engine.CorsOptions;
import io.socketeer.engine.EngineOptions;
import io.socketeer.engine.EngineServer;
import io.socketeer.engine.EngineSession;
import io.socketeer.engine.EngineSessionListener;
import io.socketeer.netty.NettyEngineServer;
import io.socketeer.protocol.engineio.EnginePacket;
import java.time.Duration;

/**
 * A bare Engine.IO server on {@code /engine.io/} that echoes every message (text as text, binary
 * as binary), with CORS open. This is the server the official engine.io-protocol test suite
 * expects ({@code --ping-interval 300 --ping-timeout 200}).
 */
final class EngineEcho implements Main.App {
  @Override
  public String description() {
    return "bare Engine.IO echo server on /engine.io/ [--ping-interval MS] [--ping-timeout MS] [--workers N]";
  }

  @Override
  public AutoCloseable start(Options options) {
    EngineOptions engineOptions = EngineOptions.builder()
        .pingInterval(Duration.ofMillis(options.intValue("ping-interval", 25_000)))
        .pingTimeout(Duration.ofMillis(options.intValue("ping-timeout", 20_000)))
        .cors(CorsOptions.anyOrigin())
        .build();
    // One event loop by default, as Node has: every connection of a session is then served by the
    // thread that owns the session, so frames and requests are handled in the order they arrive
    // (the official test suite races a WebSocket probe against an HTTP request and expects that).
    NettyEngineServer server = NettyEngineServer.start(create(engineOptions),
        new java.net.InetSocketAddress(options.port()), options.intValue("workers", 1));
    System.out.println("engine-echo listening on port " + server.port());
    return server;
  }

  /** Returns an echo engine with these options. */
  static EngineServer create(EngineOptions options) {
    return EngineServer.create(options, EngineEcho::listener);
  }

  private static EngineSessionListener listener(EngineSession session) {
    return new EngineSessionListener() {
      @Override
      public void onMessage(String text) {
        session.send(EnginePacket.message(text));
      }

      @Override
      public void onBinary(byte[] data) {
        session.send(EnginePacket.binary(data));
      }
    };
  }
}
