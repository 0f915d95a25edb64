package io.socketeer.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socketeer.engine.EngineObserver;
import io.socketeer.engine.EngineOptions;
import io.socketeer.engine.EngineServer;
import io.socketeer.protocol.spi.Scheduler;
import io.socketeer.server.internal.EngineBridge;
import io.socketeer.server.internal.JdkScheduler;
import io.socketeer.server.spi.ConnectionRequest;
import io.socketeer.server.spi.EngineConnection;
import io.socketeer.server.spi.EngineConnectionHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A Socket.IO server: its namespaces, and the entry point for the Engine.IO connections a runtime
 * hands it.
 *
 * <pre>{@code
 * SocketIoServer io = SocketIoServer.create(ServerOptions.defaults());
 * io.onConnection(socket -> {
 *   socket.join("lobby");
 *   socket.on("chat", (args, ack) -> {
 *     socket.to("lobby").emit("chat", args.get(0));
 *     ack.send("ok");
 *   });
 * });
 * }</pre>
 *
 * <p>Observers ({@link ServerOptions.Builder#observer}, {@link #addObserver}, {@link
 * #addEngineObserver}) watch it for metrics and dashboards.
 *
 * <p>The methods that act on a namespace without naming one ({@link #emit}, {@link #to}, {@link
 * #use}, ...) act on the main namespace {@code /}. Every method may be called from any thread.
 */
public final class SocketIoServer {
  private final ServerOptions options;
  private final Scheduler scheduler;
  private final Map<String, Namespace> namespaces = new ConcurrentHashMap<>();
  private final List<ParentNamespace> parents = new CopyOnWriteArrayList<>();
  private final Set<Client> clients = ConcurrentHashMap.newKeySet();
  private final Namespace main;

  /** The options' observer composed with those added later, or null for none. */
  private volatile ServerObserver observer;

  /** Engine observers added with {@link #addEngineObserver}, composed; null for none. */
  private volatile EngineObserver engineObserver;

  private SocketIoServer(ServerOptions options, Scheduler scheduler) {
    this.options = Objects.requireNonNull(options, "options");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.observer = options.observer();
    this.main = of("/");
  }

  /** Creates a server; acknowledgement timeouts of broadcasts run on a shared timer thread. */
  public static SocketIoServer create(ServerOptions options) {
    return new SocketIoServer(options, JdkScheduler.shared());
  }

  /** Creates a server whose broadcast acknowledgement timeouts run on {@code scheduler}. */
  public static SocketIoServer create(ServerOptions options, Scheduler scheduler) {
    return new SocketIoServer(options, scheduler);
  }

  /** Returns the options. */
  public ServerOptions options() {
    return options;
  }

  Scheduler scheduler() {
    return scheduler;
  }

  // ---------------------------------------------------------------------------------------------
  // Observers

  /**
   * Adds an observer beside the one of the options (and those added before), for tools that attach
   * to a server already made, such as an admin dashboard. It sees what happens from now on, called
   * after the observers before it ({@link ServerObserver#compose}).
   */
  public synchronized SocketIoServer addObserver(ServerObserver added) {
    observer = ServerObserver.compose(observer, Objects.requireNonNull(added, "observer"));
    return this;
  }

  /** Returns the observer now in force (the options' composed with those added), or null for none. */
  ServerObserver observer() {
    return observer;
  }

  /**
   * Adds an Engine.IO observer to the engines {@link #createEngine} makes from now on, after the
   * observer of the engine options ({@link EngineObserver#compose}). Call it before the runtime
   * starts (before {@code NettySocketIoServer.start}): an engine already made does not get it.
   */
  public synchronized SocketIoServer addEngineObserver(EngineObserver added) {
    engineObserver = EngineObserver.compose(engineObserver, Objects.requireNonNull(added, "observer"));
    return this;
  }

  // ---------------------------------------------------------------------------------------------
  // Namespaces

  /** Returns namespace {@code name}, creating it if needed; {@code "admin"} means {@code "/admin"}. */
  public Namespace of(String name) {
    Objects.requireNonNull(name, "name");
    String normalized = name.startsWith("/") ? name : "/" + name;
    if (normalized.indexOf(',') >= 0) {
      throw new IllegalArgumentException("a namespace name cannot contain ',': " + name);
    }
    return namespaces.computeIfAbsent(normalized, n -> new Namespace(this, n, null));
  }

  /** Returns a dynamic namespace: CONNECTs to names matching {@code pattern} create child namespaces. */
  public ParentNamespace of(Pattern pattern) {
    Objects.requireNonNull(pattern, "pattern");
    return of((name, auth, request) -> pattern.matcher(name).matches());
  }

  /** Returns a dynamic namespace whose children are created when {@code matcher} accepts a CONNECT. */
  public ParentNamespace of(NamespaceMatcher matcher) {
    ParentNamespace parent = new ParentNamespace(this, Objects.requireNonNull(matcher, "matcher"));
    parents.add(parent);
    return parent;
  }

  /** Returns the namespaces that exist now (static ones and created children), by name. */
  public Map<String, Namespace> namespaces() {
    return Map.copyOf(namespaces);
  }

  /** Returns the namespace a CONNECT to {@code name} joins, or null when none exists or matches. */
  Namespace namespaceFor(String name, ObjectNode auth, ConnectionRequest request) {
    Namespace existing = namespaces.get(name);
    if (existing != null) {
      return existing;
    }
    for (ParentNamespace parent : parents) {
      boolean matches;
      try {
        matches = parent.matcher().matches(name, auth, request);
      } catch (RuntimeException e) {
        matches = false;
      }
      if (matches) {
        return namespaces.computeIfAbsent(name, n -> new Namespace(this, n, parent));
      }
    }
    return null;
  }

  List<Namespace> childrenOf(ParentNamespace parent) {
    List<Namespace> children = new ArrayList<>();
    for (Namespace n : namespaces.values()) {
      if (n.parent() == parent) {
        children.add(n);
      }
    }
    return children;
  }

  void removeChild(Namespace child) {
    if (namespaces.remove(child.name(), child)) {
      child.adapter().close();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The main namespace

  /** See {@link Namespace#use}. */
  public SocketIoServer use(Middleware middleware) {
    main.use(middleware);
    return this;
  }

  /** See {@link Namespace#onConnection}. */
  public SocketIoServer onConnection(Consumer<Socket> handler) {
    main.onConnection(handler);
    return this;
  }

  /** See {@link Namespace#emit}. */
  public boolean emit(String event, Object... args) {
    return main.emit(event, args);
  }

  /** See {@link Namespace#to}. */
  public BroadcastOperator to(String... rooms) {
    return main.to(rooms);
  }

  /** See {@link Namespace#in}. */
  public BroadcastOperator in(String... rooms) {
    return main.in(rooms);
  }

  /** See {@link Namespace#except}. */
  public BroadcastOperator except(String... rooms) {
    return main.except(rooms);
  }

  /** See {@link Namespace#local}. */
  public BroadcastOperator local() {
    return main.local();
  }

  /** See {@link Namespace#asVolatile}. */
  public BroadcastOperator asVolatile() {
    return main.asVolatile();
  }

  /** See {@link Namespace#timeout}. */
  public BroadcastOperator timeout(Duration timeout) {
    return main.timeout(timeout);
  }

  /** See {@link Namespace#fetchSockets}. */
  public CompletableFuture<List<RemoteSocket>> fetchSockets() {
    return main.fetchSockets();
  }

  /** See {@link Namespace#socketsJoin}. */
  public void socketsJoin(String... rooms) {
    main.socketsJoin(rooms);
  }

  /** See {@link Namespace#socketsLeave}. */
  public void socketsLeave(String... rooms) {
    main.socketsLeave(rooms);
  }

  /** See {@link Namespace#disconnectSockets}. */
  public void disconnectSockets(boolean close) {
    main.disconnectSockets(close);
  }

  /** See {@link Namespace#serverSideEmit}. */
  public void serverSideEmit(String event, Object... args) {
    main.serverSideEmit(event, args);
  }

  /** See {@link Namespace#serverSideEmitWithAck}. */
  public CompletableFuture<List<com.fasterxml.jackson.databind.JsonNode>> serverSideEmitWithAck(
      String event, Object... args) {
    return main.serverSideEmitWithAck(event, args);
  }

  /** See {@link Namespace#onServerSideEvent}. */
  public SocketIoServer onServerSideEvent(String event, EventHandler handler) {
    main.onServerSideEvent(event, handler);
    return this;
  }

  // ---------------------------------------------------------------------------------------------
  // Connections

  /**
   * Takes a new Engine.IO connection; the runtime calls this once per session, on the session's
   * thread, and feeds the returned handler everything that arrives.
   */
  public EngineConnectionHandler accept(EngineConnection connection) {
    Client client = new Client(this, Objects.requireNonNull(connection, "connection"));
    if (!client.isClosed()) {
      clients.add(client);
    }
    return client;
  }

  /**
   * Creates the Engine.IO server that carries this Socket.IO server, for a runtime to host (see
   * {@code NettySocketIoServer}). Use the Socket.IO path, {@code /socket.io/} by default.
   */
  public EngineServer createEngine(EngineOptions engineOptions) {
    String path = engineOptions.path();
    EngineObserver added = engineObserver;
    if (added != null) {
      engineOptions = engineOptions.toBuilder().observer(EngineObserver.compose(engineOptions.observer(), added)).build();
    }
    return EngineServer.create(engineOptions,
        session -> new EngineBridge(this, session, path, System.currentTimeMillis()));
  }

  /** Returns the engine options the reference Socket.IO server uses: the defaults on path {@code /socket.io/}. */
  public static EngineOptions defaultEngineOptions() {
    return EngineOptions.builder().path("/socket.io/").build();
  }

  void removeClient(Client client) {
    clients.remove(client);
  }

  /** Returns how many Engine.IO connections the server holds. */
  public int connectionCount() {
    return clients.size();
  }

  /**
   * Closes every connection; the sockets leave with reason {@code server shutting down}. The
   * runtime closes its listeners itself.
   */
  public void close() {
    for (Client client : new ArrayList<>(clients)) {
      client.runOnConnectionThread(() -> client.shutDown());
    }
    for (Namespace n : namespaces.values()) {
      n.adapter().close();
    }
  }
}
