package io.socketeer.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.socketeer.engine.EngineServer;
import io.socketeer.netty.internal.HttpHandler;
import java.net.InetSocketAddress;
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

  private NettyEngineServer(EngineServer engine, EventLoopGroup boss, EventLoopGroup workers, Channel serverChannel) {
    this.engine = engine;
    this.boss = boss;
    this.workers = workers;
    this.serverChannel = serverChannel;
  }

  /** Starts a server on every interface at {@code port} (0 picks a free port). */
  public static NettyEngineServer start(EngineServer engine, int port) {
    return start(engine, new InetSocketAddress(port), 0);
  }

  /**
   * Starts a server.
   *
   * @param address where to listen
   * @param workerThreads event loop threads for connections; 0 for Netty's default (2 per core)
   * @throws IllegalStateException if the address cannot be bound
   */
  public static NettyEngineServer start(EngineServer engine, InetSocketAddress address, int workerThreads) {
    Objects.requireNonNull(engine, "engine");
    EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    EventLoopGroup workers = new MultiThreadIoEventLoopGroup(workerThreads, NioIoHandler.newFactory());
    try {
      ServerBootstrap b = new ServerBootstrap()
          .group(boss, workers)
          .channel(NioServerSocketChannel.class)
          .option(ChannelOption.SO_BACKLOG, 1024)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              ch.pipeline().addLast("http", new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADER_SIZE, 8192));
              ch.pipeline().addLast("engine", new HttpHandler(engine));
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
    engine.close();
    serverChannel.close().syncUninterruptibly();
    workers.shutdownGracefully(100, 3000, TimeUnit.MILLISECONDS).syncUninterruptibly();
    boss.shutdownGracefully(0, 1000, TimeUnit.MILLISECONDS).syncUninterruptibly();
  }

  @Override
  public String toString() {
    return "NettyEngineServer{port=" + port() + ", " + engine + "}";
  }
}
