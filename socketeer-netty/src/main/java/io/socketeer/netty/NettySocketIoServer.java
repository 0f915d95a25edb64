package io.socketeer.netty;

import io.socketeer.engine.EngineOptions;
import io.socketeer.netty.internal.ClientBundle;
import io.socketeer.netty.internal.StaticFiles;
import io.socketeer.server.SocketIoServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * Hosts a {@link SocketIoServer} on its own port with Netty: the Engine.IO transports on the
 * Socket.IO path ({@code /socket.io/} by default), and the official browser client at {@code
 * /socket.io/socket.io.js} (also {@code .min.js}, {@code .esm.min.js}, {@code .msgpack.min.js} and
 * source maps).
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
  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

  private NettySocketIoServer(SocketIoServer io, NettyEngineServer engineServer) {
    this.io = io;
    this.engineServer = engineServer;
  }

  /** Starts {@code io} on every interface at {@code port} (0 picks a free one) with the reference defaults. */
  public static NettySocketIoServer start(SocketIoServer io, int port) {
    return builder(io).port(port).start();
  }

  /** Starts {@code io} with these engine options (path, heartbeat, limits, CORS, ...). */
  public static NettySocketIoServer start(SocketIoServer io, EngineOptions engineOptions, InetSocketAddress address) {
    return builder(io).engineOptions(engineOptions).address(address).start();
  }

  /** Returns a builder for a server hosting {@code io}. */
  public static Builder builder(SocketIoServer io) {
    return new Builder(io);
  }

  /** Returns the Socket.IO server this runtime hosts. */
  public SocketIoServer io() {
    return io;
  }

  /** Returns the port the server listens on. */
  public int port() {
    return engineServer.port();
  }

  /** Disconnects every socket ({@code server shutting down}) and stops the server; later calls do nothing. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      io.close();
      engineServer.close();
    }
  }

  @Override
  public String toString() {
    return "NettySocketIoServer{port=" + port() + "}";
  }

  /** Configures and starts a {@link NettySocketIoServer}; not thread-safe. */
  public static final class Builder {
    private final SocketIoServer io;
    private EngineOptions engineOptions = SocketIoServer.defaultEngineOptions();
    private boolean serveClient = true;
    private final StaticFiles.Builder files = StaticFiles.builder();
    private final NettyEngineServer.Builder transport = NettyEngineServer.Builder.withoutEngine();

    private Builder(SocketIoServer io) {
      this.io = Objects.requireNonNull(io, "io");
    }

    /** Listens on every interface at {@code port}; default 3000, 0 picks a free port. */
    public Builder port(int port) {
      transport.port(port);
      return this;
    }

    /** Listens on {@code address}. */
    public Builder address(InetSocketAddress address) {
      transport.address(address);
      return this;
    }

    /** Sets the engine options; default the reference's on path {@code /socket.io/}. */
    public Builder engineOptions(EngineOptions engineOptions) {
      this.engineOptions = Objects.requireNonNull(engineOptions, "engineOptions");
      return this;
    }

    /** Event loop threads for connections; default 0, one per available core (see {@link NettyEngineServer.Builder#workerThreads}). */
    public Builder workerThreads(int threads) {
      transport.workerThreads(threads);
      return this;
    }

    /** How long a silent HTTP connection is kept; default 10 s (see {@link NettyEngineServer.Builder#idleTimeout}). */
    public Builder idleTimeout(Duration timeout) {
      transport.idleTimeout(timeout);
      return this;
    }

    /** Whether to use the native epoll transport where available; default true (see {@link NettyEngineServer.Builder#nativeTransport}). */
    public Builder nativeTransport(boolean enabled) {
      transport.nativeTransport(enabled);
      return this;
    }

    /** Whether the browser client is served under the Socket.IO path; default true. */
    public Builder serveClient(boolean serveClient) {
      this.serveClient = serveClient;
      return this;
    }

    /**
     * Serves a classpath resource at {@code path} (for a small demo page and its assets).
     *
     * @throws IllegalArgumentException if the resource does not exist
     */
    public Builder resource(String path, ClassLoader loader, String resource, String contentType) {
      if (!files.addResource(path, loader, resource, contentType)) {
        throw new IllegalArgumentException("no resource " + resource);
      }
      return this;
    }

    /**
     * Starts the server.
     *
     * @throws IllegalStateException if the address cannot be bound
     */
    public NettySocketIoServer start() {
      if (serveClient) {
        ClientBundle.addTo(files, engineOptions.path());
      }
      NettyEngineServer engineServer = transport.engine(io.createEngine(engineOptions))
          .staticFiles(files.build())
          .start();
      return new NettySocketIoServer(io, engineServer);
    }
  }
}
