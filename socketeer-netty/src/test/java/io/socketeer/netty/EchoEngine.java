package io.socketeer.netty;

import io.socketeer.engine.CloseReason;
import io.socketeer.engine.EngineOptions;
import io.socketeer.engine.EngineServer;
import io.socketeer.runtimetests.EchoSessions;
import io.socketeer.runtimetests.Loopback;
import java.time.Duration;
import java.util.Map;

/** An echo engine on a real Netty server that records how each session ended. */
final class EchoEngine implements AutoCloseable {
  final Map<String, CloseReason> closeReasons;
  final EngineServer engine;
  final NettyEngineServer server;
  final Loopback client;

  EchoEngine(EngineOptions options) {
    this(options, Duration.ofSeconds(10));
  }

  EchoEngine(EngineOptions options, Duration idleTimeout) {
    EchoSessions echo = new EchoSessions();
    closeReasons = echo.closeReasons;
    engine = EngineServer.create(options, echo::open);
    server = NettyEngineServer.builder(engine).port(0).idleTimeout(idleTimeout).start();
    client = new Loopback(server.port());
  }

  @Override
  public void close() {
    server.close();
  }
}
