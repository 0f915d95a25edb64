package io.socketeer.client;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.socketeer.client.internal.DefaultManager;
import io.socketeer.client.internal.Endpoint;
import io.socketeer.client.internal.EventLoopScheduler;
import io.socketeer.client.internal.NettyTransportFactory;
import io.socketeer.client.internal.SerialExecutor;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The entry point of the client, and the runtime its connections share: a few Netty event-loop
 * threads for all network I/O and timers, and a small pool on which callbacks run. One instance
 * can hold thousands of connections; make one per application and {@link #close()} it at the end.
 *
 * <pre>{@code
 * try (SocketIoClient client = SocketIoClient.create()) {
 *   Socket socket = client.socket("http://localhost:3000/chat", ClientOptions.defaults());
 *   socket.on("message", (args, ack) -> System.out.println(args.string(0)));
 *   socket.emitWithAck("hello", "world").thenAccept(reply -> System.out.println(reply));
 * }
 * }</pre>
 *
 * <p>Thread-safe. Every thread it starts is a daemon thread (it never keeps the JVM alive, like
 * the reference's {@code autoUnref}), and every one of them has ended when {@link #close()}
 * returns (unless {@code close()} is called from one of them, which then only starts the
 * shutdown).
 */
public final class SocketIoClient implements AutoCloseable {
  private static final String IO_PREFIX = "socketeer-client-io";
  private static final String CALLBACK_PREFIX = "socketeer-client-callback";

  private final EventLoopGroup group;
  private final ThreadPoolExecutor callbackPool;

  /** Managers shared by sockets of the same server (multiplexing), by {@code scheme://host:port}. */
  private final Map<String, DefaultManager> cache = new ConcurrentHashMap<>();

  /** Every manager alive, so that close() can stop them all. */
  private final Set<DefaultManager> managers = ConcurrentHashMap.newKeySet();

  /** The reference's process-wide "a WebSocket worked before" flag, per client here. */
  private final AtomicBoolean priorWebsocketSuccess = new AtomicBoolean();

  private final AtomicBoolean closed = new AtomicBoolean();

  private SocketIoClient(int ioThreads, int callbackThreads) {
    this.group =
        new MultiThreadIoEventLoopGroup(
            ioThreads, new DefaultThreadFactory(IO_PREFIX, true), NioIoHandler.newFactory());
    this.callbackPool =
        new ThreadPoolExecutor(
            callbackThreads,
            callbackThreads,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            new DefaultThreadFactory(CALLBACK_PREFIX, true));
    this.callbackPool.allowCoreThreadTimeOut(true);
  }

  /** Returns a client with one I/O thread per core (at most 4) and as many callback threads. */
  public static SocketIoClient create() {
    int n = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    return new SocketIoClient(n, n);
  }

  /** Returns a client with {@code ioThreads} event-loop threads and {@code callbackThreads} workers. */
  public static SocketIoClient create(int ioThreads, int callbackThreads) {
    if (ioThreads < 1 || callbackThreads < 1) {
      throw new IllegalArgumentException("thread counts must be positive");
    }
    return new SocketIoClient(ioThreads, callbackThreads);
  }

  /** Returns the socket of the main namespace (or of the URL's path) with the default options. */
  public Socket socket(String uri) {
    return socket(uri, ClientOptions.defaults());
  }

  /**
   * Returns a socket for {@code uri}: {@code http(s)://host:port/namespace?query}. The path of
   * the URL is the namespace ({@code /} when empty); the Engine.IO path is the {@code path}
   * option. Sockets of the same server share a manager unless {@code forceNew} or {@code
   * multiplex(false)} is set, or the namespace is already in use on the shared manager.
   *
   * @throws IllegalStateException if the client is closed
   * @throws IllegalArgumentException if the URL is not http, https, ws or wss
   */
  public Socket socket(String uri, ClientOptions options) {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(options, "options");
    URI u = URI.create(uri);
    String nsp = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getPath();
    ClientOptions opts = withUrlQuery(u, options);
    String key = key(u);
    DefaultManager m;
    boolean newConnection = opts.forceNew() || !opts.multiplex();
    if (newConnection) {
      m = newManager(u, opts, false);
    } else {
      m = cache.get(key);
      if (m == null || m.hasSocket(nsp)) {
        m = newManager(u, opts, !(m != null && m.hasSocket(nsp)));
      }
    }
    return m.socket(nsp, opts);
  }

  /** Returns a new manager for the server of {@code uri} (not shared with later sockets). */
  public Manager manager(String uri, ClientOptions options) {
    URI u = URI.create(uri);
    return newManager(u, withUrlQuery(u, options), false);
  }

  private DefaultManager newManager(URI u, ClientOptions options, boolean shared) {
    if (closed.get()) {
      throw new IllegalStateException("client closed");
    }
    String scheme = u.getScheme() == null ? "http" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
    boolean secure;
    switch (scheme) {
      case "http":
      case "ws":
        secure = false;
        break;
      case "https":
      case "wss":
        secure = true;
        break;
      default:
        throw new IllegalArgumentException("unsupported scheme: " + scheme);
    }
    String host = u.getHost();
    if (host == null) {
      throw new IllegalArgumentException("no host in " + u);
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = u.getPort() != -1 ? u.getPort() : secure ? 443 : 80;
    EventLoop loop = group.next();
    EventLoopScheduler scheduler = new EventLoopScheduler(loop);
    Executor callbacks =
        options.callbackExecutor() != null
            ? options.callbackExecutor()
            : new SerialExecutor(callbackPool);
    String key = key(u);
    NettyTransportFactory transports =
        new NettyTransportFactory(
            new Endpoint(secure, host, port, options, loop, new java.util.Random()));
    DefaultManager m =
        new DefaultManager(
            options,
            scheduler,
            mgr -> transports,
            callbacks,
            () -> ThreadLocalRandom.current().nextDouble(),
            priorWebsocketSuccess,
            new DefaultManager.Lifecycle() {
              @Override
              public void opened(DefaultManager manager) {
                managers.add(manager);
              }

              @Override
              public void closed(DefaultManager manager) {
                // A closed manager holds no thread or timer; forget it (it registers again if a
                // socket reconnects it).
                managers.remove(manager);
                cache.remove(key, manager);
              }
            });
    managers.add(m);
    if (shared) {
      cache.put(key, m);
    }
    return m;
  }

  private static String key(URI u) {
    return u.getScheme() + "://" + u.getHost() + ":" + u.getPort();
  }

  private static ClientOptions withUrlQuery(URI u, ClientOptions options) {
    String q = u.getRawQuery();
    if (q == null || q.isEmpty()) {
      return options;
    }
    ClientOptions.Builder b = options.toBuilder();
    for (String pair : q.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      b.query(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return b.build();
  }

  /** Returns true once {@link #close()} was called. */
  public boolean isClosed() {
    return closed.get();
  }

  /**
   * Closes every connection at once (sockets see {@code forced close}, pending acks fail with
   * {@code client closed}), stops every timer and ends every thread. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (DefaultManager m : managers) {
      m.shutdown();
    }
    String current = Thread.currentThread().getName();
    boolean ours = current.startsWith(IO_PREFIX) || current.startsWith(CALLBACK_PREFIX);
    // A short quiet period lets the goodbyes out (a polling close is a POST and its answer).
    io.netty.util.concurrent.Future<?> f = group.shutdownGracefully(100, 2000, TimeUnit.MILLISECONDS);
    if (!ours) {
      f.awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
    callbackPool.shutdown();
    if (!ours) {
      try {
        if (!callbackPool.awaitTermination(5, TimeUnit.SECONDS)) {
          callbackPool.shutdownNow();
        }
      } catch (InterruptedException e) {
        callbackPool.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
    managers.clear();
    cache.clear();
  }
}
