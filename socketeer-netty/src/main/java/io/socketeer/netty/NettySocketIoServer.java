package io.socketeer.netty;

import io.socketeer.engine.EngineOptions;
import io.socketeer.server.SocketIoServer;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Hosts a {@link SocketIoServer} on its own port with Netty: the Engine.IO transports on the
 * Socket.IO path ({@code /socket.io/} by default).
 *
 * <pre>{@code
 * SocketIoServer io = SocketIoServer.create(ServerOptions.defaults());
 * io.onConnection(socket -> socket.emit("hello", "world"));
 * NettySocketIoServer server = NettySocketIoServer.start(io, 3000);
 * ...
 * server.close();
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} disconnects every socket with {@code server shutting down},
 * closes every session, then stops the event loops.
 */
public final class NettySocketIoServer implements AutoCloseable {
  private final SocketIoServer io;
  private final NettyEngineServer engineServer;

  private NettySocketIoServer(SocketIoServer io, NettyEngineServer engineServer) {
    this.io = io;
    this.engineServer = engineServer;
  }

  /** Starts {@code io} on every interface at {@code port} (0 picks a free one) with the reference engine defaults. */
  public static NettySocketIoServer start(SocketIoServer io, int port) {
    return start(io, SocketIoServer.defaultEngineOptions(), new InetSocketAddress(port));
  }

  /**
   * Starts {@code io} with these engine options (path, heartbeat, limits, CORS, ...).
   *
   * @throws IllegalStateException if the address cannot be bound
   */
  public static NettySocketIoServer start(SocketIoServer io, EngineOptions engineOptions, InetSocketAddress address) {
    Objects.requireNonNull(io, "io");
    NettyEngineServer engineServer = NettyEngineServer.start(io.createEngine(engineOptions), address, 0);
    return new NettySocketIoServer(io, engineServer);
  }

  /** Returns the Socket.IO server this runtime hosts. */
  public SocketIoServer io() {
    return io;
  }

  /** Returns the port the server listens on. */
  public int port() {
    return engineServer.port();
  }

  @Override
  public void close() {
    io.close();
    engineServer.close();
  }

  @Override
  public String toString() {
    return "NettySocketIoServer{port=" + port() + "}";
  }
}
