package io.socketeer.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.socketeer.engine.EngineServer;
import io.socketeer.netty.internal.HttpHandler;
import io.socketeer.netty.internal.StaticFiles;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A Netty HTTP and WebSocket server that hosts an {@link EngineServer}: every request whose path
 * the engine {@link EngineServer#handles handles} goes to it; other paths get 404.
 *
 * <pre>{@code
 * NettyEngineServer server = NettyEngineServer.start(engine, 3000);
 * ...
 * server.close();   // forced close of every session, then the sockets and threads
 * }</pre>
 *
 * <p>Each connection lives on one event loop; a session lives on the loop of its handshake.
 * Thread-safe.
 */
public final class NettyEngineServer implements AutoCloseable {
  /** Longest request line and header block the HTTP decoder accepts (C-22). */
  private static final int MAX_INITIAL_LINE = 16384;
  private static final int MAX_HEADER_SIZE = 8192;

  private final EngineServer engine;
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final Channel serverChannel;
  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

  private NettyEngineServer(EngineServer engine, EventLoopGroup boss, EventLoopGroup workers, Channel serverChannel) {
    this.engine = engine;
    this.boss = boss;
    this.workers = workers;
    this.serverChannel = serverChannel;
  }

  /** Starts a server on every interface at {@code port} (0 picks a free port), with the defaults of {@link Builder}. */
  public static NettyEngineServer start(EngineServer engine, int port) {
    return builder(engine).port(port).start();
  }

  /**
   * Starts a server.
   *
   * @param address where to listen
   * @param workerThreads event loop threads for connections; 0 for one per available core
   * @throws IllegalStateException if the address cannot be bound
   */
  public static NettyEngineServer start(EngineServer engine, InetSocketAddress address, int workerThreads) {
    return builder(engine).address(address).workerThreads(workerThreads).start();
  }

  /** Returns a builder for a server hosting {@code engine}. */
  public static Builder builder(EngineServer engine) {
    return new Builder(Objects.requireNonNull(engine, "engine"));
  }

  /** Settings of a {@link NettyEngineServer}; not thread-safe. */
  public static final class Builder {
    private EngineServer engine;
    private InetSocketAddress address = new InetSocketAddress(3000);
    private int workerThreads;
    private Duration idleTimeout = Duration.ofSeconds(10);
    private StaticFiles staticFiles;
    private boolean nativeTransport = true;

    private Builder(EngineServer engine) {
      this.engine = engine;
    }

    /** The transport settings alone, for a runtime that creates its engine when it starts. */
    static Builder withoutEngine() {
      return new Builder(null);
    }

    /** Sets the engine to host; for {@link #withoutEngine()} builders. */
    Builder engine(EngineServer engine) {
      this.engine = Objects.requireNonNull(engine, "engine");
      return this;
    }

    /** Listens on every interface at {@code port} (default 3000; 0 picks a free port). */
    public Builder port(int port) {
      this.address = new InetSocketAddress(port);
      return this;
    }

    /** Listens on this address. */
    public Builder address(InetSocketAddress address) {
      this.address = Objects.requireNonNull(address, "address");
      return this;
    }

    /**
     * Event loop threads for connections (default 0: one per available core, as the JVM counts
     * them). A session lives on one loop and requests that arrive on another loop are handed to it,
     * so more loops than cores make those hand-offs wait for the operating system's time slice:
     * with two loops on one core, long-polling round trips had a p99 of 16 ms against 3 to 7 ms
     * with one.
     */
    public Builder workerThreads(int threads) {
      if (threads < 0) {
        throw new IllegalArgumentException("workerThreads must not be negative: " + threads);
      }
      this.workerThreads = threads;
      return this;
    }

    /**
     * How long an HTTP connection may stay silent while the server waits for it to send (a request
     * head, the rest of a body, or the next request on a kept-alive connection); then it is closed
     * (default 10 s). A connection whose request is waiting for the server's answer (a long poll)
     * is never timed out by this; WebSockets are left to the heartbeat.
     */
    public Builder idleTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("idleTimeout must be positive: " + timeout);
      }
      this.idleTimeout = timeout;
      return this;
    }

    /**
     * Whether to use Netty's native epoll transport when it is available (Linux x86-64); default
     * true. NIO is used otherwise.
     */
    public Builder nativeTransport(boolean enabled) {
      this.nativeTransport = enabled;
      return this;
    }

    /** Files answered before the engine sees the request (the client bundle, demo pages). */
    Builder staticFiles(StaticFiles files) {
      this.staticFiles = files;
      return this;
    }

    /**
     * Binds and starts the server.
     *
     * @throws IllegalStateException if the address cannot be bound
     */
    public NettyEngineServer start() {
      Objects.requireNonNull(engine, "engine");
      boolean epoll = nativeTransport && Epoll.isAvailable();
      IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
      EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, io);
      int threads = workerThreads > 0 ? workerThreads : Runtime.getRuntime().availableProcessors();
      EventLoopGroup workers = new MultiThreadIoEventLoopGroup(threads, io);
      long idleMillis = idleTimeout.toMillis();
      StaticFiles files = staticFiles;
      try {
        ServerBootstrap b = new ServerBootstrap()
            .group(boss, workers)
            .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new ChannelInitializer<SocketChannel>() {
              @Override
              protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast("idle", new IdleStateHandler(idleMillis, 0, 0, TimeUnit.MILLISECONDS));
                ch.pipeline().addLast("http", new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADER_SIZE, 8192));
                ch.pipeline().addLast("engine", new HttpHandler(engine, files));
              }
            });
        Channel channel = b.bind(address).syncUninterruptibly().channel();
        return new NettyEngineServer(engine, boss, workers, channel);
      } catch (RuntimeException e) {
        boss.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
        workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
        throw new IllegalStateException("cannot listen on " + address, e);
      }
    }
  }

  /** Returns the engine this server hosts. */
  public EngineServer engine() {
    return engine;
  }

  /** Returns the port the server listens on. */
  public int port() {
    return ((InetSocketAddress) serverChannel.localAddress()).getPort();
  }

  /**
   * Stops the server gracefully: closes every session ({@code forced close}: a pending polling GET is
   * answered with a close packet, a WebSocket gets a close frame), stops accepting connections, and
   * shuts the event loops down. Blocks until done (at most a few seconds).
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return; // already closed: closing is idempotent
    }
    engine.close();
    // Let every session answer its pending request or close its WebSocket on its own loop before
    // the loops stop taking tasks.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (engine.sessionCount() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    // The last answers were handed to the connections' loops before their sessions closed; a no-op
    // task on every loop runs after them (tasks run in order). Netty closes the channels before it
    // runs leftover tasks once shutdown has begun, so this must happen first.
    for (io.netty.util.concurrent.EventExecutor loop : workers) {
      loop.submit(() -> { }).awaitUninterruptibly(1, TimeUnit.SECONDS);
    }
    serverChannel.close().syncUninterruptibly();
    workers.shutdownGracefully(100, 3000, TimeUnit.MILLISECONDS).syncUninterruptibly();
    boss.shutdownGracefully(0, 1000, TimeUnit.MILLISECONDS).syncUninterruptibly();
  }

  @Override
  public String toString() {
    return "NettyEngineServer{port=" + port() + ", " + engine + "}";
  }
}
