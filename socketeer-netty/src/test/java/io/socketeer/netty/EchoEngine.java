package io.socketeer.netty;

import io.socketeer.engine.CloseReason;
import io.socketeer.engine.EngineOptions;
import io.socketeer.engine.EngineServer;
import io.socketeer.engine.EngineSessionListener;
import io.socketeer.protocol.engineio.EnginePacket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** An echo engine on a real Netty server that records how each session ended. */
final class EchoEngine implements AutoCloseable {
  final Map<String, CloseReason> closeReasons = new ConcurrentHashMap<>();
  final EngineServer engine;
  final NettyEngineServer server;
  final Loopback client;

  EchoEngine(EngineOptions options) {
    this(options, Duration.ofSeconds(10));
  }

  EchoEngine(EngineOptions options, Duration idleTimeout) {
    engine = EngineServer.create(options, session -> new EngineSessionListener() {
      @Override
      public void onMessage(String text) {
        session.send(EnginePacket.message(text));
      }

      @Override
      public void onBinary(byte[] data) {
        session.send(EnginePacket.binary(data));
      }

      @Override
      public void onClose(CloseReason reason, String description) {
        closeReasons.put(session.id(), reason);
      }
    });
    server = NettyEngineServer.builder(engine).port(0).idleTimeout(idleTimeout).start();
    client = new Loopback(server.port());
  }

  @Override
  public void close() {
    server.close();
  }
}
