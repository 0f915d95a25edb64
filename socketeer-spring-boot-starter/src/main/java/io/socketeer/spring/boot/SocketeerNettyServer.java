package io.socketeer.spring.boot;

import io.socketeer.engine.EngineOptions;
import io.socketeer.netty.NettySocketIoServer;
import io.socketeer.server.SocketIoServer;
import org.springframework.context.SmartLifecycle;

/**
 * The standalone Netty runtime of {@code socketeer.runtime=netty}, started and stopped with the
 * application context (in the last lifecycle phase: it starts after the web server and stops
 * before it). Thread-safe.
 */
public final class SocketeerNettyServer implements SmartLifecycle {
  private final SocketIoServer io;
  private final EngineOptions engineOptions;
  private final int port;
  private final boolean serveClient;
  /** The running server, or null when stopped; guarded by this. */
  private NettySocketIoServer server;

  /** Creates the lifecycle of a server for {@code io} on {@code port} (0 picks a free one). */
  public SocketeerNettyServer(SocketIoServer io, EngineOptions engineOptions, int port, boolean serveClient) {
    this.io = io;
    this.engineOptions = engineOptions;
    this.port = port;
    this.serveClient = serveClient;
  }

  @Override
  public synchronized void start() {
    if (server == null) {
      server = NettySocketIoServer.builder(io).engineOptions(engineOptions).port(port).serveClient(serveClient).start();
    }
  }

  /** Disconnects every socket ({@code server shutting down}) and closes the port. */
  @Override
  public synchronized void stop() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return server != null;
  }

  /**
   * Returns the port the server listens on.
   *
   * @throws IllegalStateException when it is not running
   */
  public synchronized int port() {
    if (server == null) {
      throw new IllegalStateException("the Socketeer Netty server is not running");
    }
    return server.port();
  }

  @Override
  public String toString() {
    return "SocketeerNettyServer{" + (server == null ? "stopped" : "port=" + server.port()) + "}";
  }
}
