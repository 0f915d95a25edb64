package io.socketeer.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socketeer.protocol.spi.Scheduler;
import io.socketeer.protocol.socketio.EncodedSocketPacket;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.socketeer.server.internal.Ids;
import io.socketeer.server.internal.Values;
import io.socketeer.server.spi.Adapter;
import io.socketeer.server.spi.AdapterContext;
import io.socketeer.server.spi.BroadcastOptions;
import io.socketeer.server.spi.SocketDetails;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Socket.IO namespace: a communication channel multiplexed over the clients' connections, with
 * its own middlewares, sockets, rooms and adapter.
 *
 * <p>Get one with {@link SocketIoServer#of(String)}. Middlewares and connection handlers run on the
 * joining client's connection thread. Every method may be called from any thread.
 */
public final class Namespace {
  private static final Logger log = LoggerFactory.getLogger(Namespace.class);

  private final SocketIoServer server;
  private final String name;
  private final Adapter adapter;
  private final ParentNamespace parent;
  private final Map<String, Socket> sockets = new ConcurrentHashMap<>();
  private final List<Middleware> middlewares;
  private final List<Consumer<Socket>> connectionHandlers;

  /** Handlers of events other servers emit with serverSideEmit. */
  private final Map<String, List<EventHandler>> serverSideHandlers = new ConcurrentHashMap<>();

  /** Ack ids of this namespace, shared by its sockets as in the reference. */
  private final AtomicLong ackIds = new AtomicLong();

  Namespace(SocketIoServer server, String name, ParentNamespace parent) {
    this.server = server;
    this.name = name;
    this.parent = parent;
    this.middlewares = parent == null ? new CopyOnWriteArrayList<>() : parent.middlewares();
    this.connectionHandlers = parent == null ? new CopyOnWriteArrayList<>() : parent.connectionHandlers();
    this.adapter = server.options().adapterFactory().apply(new Context());
  }

  /** Returns the name, e.g. {@code /} or {@code /chat}. */
  public String name() {
    return name;
  }

  /** Returns the server this namespace belongs to. */
  public SocketIoServer server() {
    return server;
  }

  /** Returns the adapter that holds this namespace's rooms. */
  public Adapter adapter() {
    return adapter;
  }

  /** Returns the connected sockets of this server by id: a live, unmodifiable view. */
  public Map<String, Socket> sockets() {
    return Collections.unmodifiableMap(sockets);
  }

  /** Adds a middleware that runs before each socket joins (for a child namespace: its parent's). */
  public Namespace use(Middleware middleware) {
    middlewares.add(Objects.requireNonNull(middleware, "middleware"));
    return this;
  }

  /**
   * Runs the handlers of this namespace's sockets that join from now on on {@code executor}
   * (see {@link ServerOptions.Builder#handlerExecutor}), overriding the server's choice; null
   * returns to the server's.
   */
  public Namespace handlerExecutor(java.util.concurrent.Executor executor) {
    this.handlerExecutor = executor;
    return this;
  }

  /** The executor of this namespace's handlers, or null for the event loop. */
  java.util.concurrent.Executor handlerExecutor() {
    java.util.concurrent.Executor own = handlerExecutor;
    return own != null ? own : server.options().handlerExecutor();
  }

  private volatile java.util.concurrent.Executor handlerExecutor;

  /** Runs {@code handler} for each socket that joins, after its CONNECT reply went out. */
  public Namespace onConnection(Consumer<Socket> handler) {
    connectionHandlers.add(Objects.requireNonNull(handler, "handler"));
    return this;
  }

  // ---------------------------------------------------------------------------------------------
  // Broadcasting and utilities

  private BroadcastOperator operator() {
    return new BroadcastOperator(this, BroadcastOptions.all(), null);
  }

  /** Emits to every socket of the namespace (across the cluster with a cluster adapter). */
  public boolean emit(String event, Object... args) {
    return operator().emit(event, args);
  }

  /** Returns a broadcast to the sockets in {@code rooms}. */
  public BroadcastOperator to(String... rooms) {
    return operator().to(rooms);
  }

  /** Same as {@link #to}. */
  public BroadcastOperator in(String... rooms) {
    return to(rooms);
  }

  /** Returns a broadcast to every socket but those in {@code rooms}. */
  public BroadcastOperator except(String... rooms) {
    return operator().except(rooms);
  }

  /** Returns a broadcast to this server's sockets only. */
  public BroadcastOperator local() {
    return operator().local();
  }

  /** Returns a broadcast whose packets are dropped for sockets that cannot take them at once. */
  public BroadcastOperator asVolatile() {
    return operator().asVolatile();
  }

  /** Returns a broadcast whose packets may or may not be compressed. */
  public BroadcastOperator compress(boolean compress) {
    return operator().compress(compress);
  }

  /** Returns a broadcast whose acknowledgements are collected for at most {@code timeout}. */
  public BroadcastOperator timeout(Duration timeout) {
    return operator().timeout(timeout);
  }

  /** Returns the sockets of the namespace, on every server of the cluster. */
  public CompletableFuture<List<RemoteSocket>> fetchSockets() {
    return operator().fetchSockets();
  }

  /** Makes every socket join {@code rooms}. */
  public void socketsJoin(String... rooms) {
    operator().socketsJoin(rooms);
  }

  /** Makes every socket leave {@code rooms}. */
  public void socketsLeave(String... rooms) {
    operator().socketsLeave(rooms);
  }

  /** Disconnects every socket, closing their connections when {@code close}. */
  public void disconnectSockets(boolean close) {
    operator().disconnectSockets(close);
  }

  /** Emits to the other servers of the cluster; does nothing on a single server. */
  public void serverSideEmit(String event, Object... args) {
    adapter.serverSideEmit(Values.array(event, args));
  }

  /**
   * Emits to the other servers of the cluster and collects one reply from each (the first argument
   * of each server's acknowledgement); fails with a {@code TimeoutException} when a server does
   * not answer in time (5 s with the Redis adapter). Completes with no reply on a single server.
   */
  public CompletableFuture<List<JsonNode>> serverSideEmitWithAck(String event, Object... args) {
    return adapter.serverSideEmitWithAck(Values.array(event, args)).toCompletableFuture();
  }

  /**
   * Handles event {@code event} emitted by another server of the cluster with {@code
   * serverSideEmit}; the handler's ack answers that server. Runs on the adapter's thread.
   */
  public Namespace onServerSideEvent(String event, EventHandler handler) {
    serverSideHandlers.computeIfAbsent(Objects.requireNonNull(event, "event"), e -> new CopyOnWriteArrayList<>())
        .add(Objects.requireNonNull(handler, "handler"));
    return this;
  }

  long nextAckId() {
    return ackIds.getAndIncrement();
  }

  // ---------------------------------------------------------------------------------------------
  // Joining and leaving, on the client's connection thread

  void add(Client client, ObjectNode auth) {
    RecoveryOptions recovery = server.options().connectionStateRecovery();
    JsonNode pid = auth.get("pid");
    JsonNode offset = auth.get("offset");
    if (recovery != null && !client.isLegacy() && pid != null && pid.isTextual() && offset != null && offset.isTextual()) {
      adapter.restoreSession(pid.textValue(), offset.textValue()).whenComplete((session, error) ->
          client.runOnConnectionThread(() -> {
            if (session == null) {
              addNew(client, auth);
              return;
            }
            Socket socket = new Socket(client, this, session.sid(),
                new Handshake(client.connection().request(), auth), session.pid(), session);
            if (recovery.skipMiddlewares()) {
              join(socket, client);
            } else {
              runMiddlewares(0, socket, client);
            }
          }));
      return;
    }
    addNew(client, auth);
  }

  private void addNew(Client client, ObjectNode auth) {
    String id = client.isLegacy()
        ? (name.equals("/") ? client.connection().id() : name + "#" + client.connection().id())
        : Ids.next();
    String pid = server.options().connectionStateRecovery() != null && !client.isLegacy() ? Ids.next() : null;
    Socket socket = new Socket(client, this, id, new Handshake(client.connection().request(), auth), pid, null);
    runMiddlewares(0, socket, client);
  }

  private void runMiddlewares(int index, Socket socket, Client client) {
    if (index >= middlewares.size()) {
      join(socket, client);
      return;
    }
    AtomicBoolean decided = new AtomicBoolean();
    Middleware.Next next = new Middleware.Next() {
      @Override
      public void proceed() {
        if (decided.compareAndSet(false, true)) {
          client.runOnConnectionThread(() -> runMiddlewares(index + 1, socket, client));
        }
      }

      @Override
      public void fail(ConnectError error) {
        if (decided.compareAndSet(false, true)) {
          client.runOnConnectionThread(() -> client.onRefused(name, Objects.requireNonNull(error, "error")));
        }
      }
    };
    try {
      middlewares.get(index).handle(socket, next);
    } catch (ConnectError e) {
      next.fail(e);
    } catch (RuntimeException e) {
      log.warn("middleware of namespace {} failed", name, e);
      next.fail(new ConnectError("server error"));
    }
  }

  private void join(Socket socket, Client client) {
    if (!client.onJoined(socket)) {
      return;
    }
    sockets.put(socket.id(), socket);
    socket.markConnected();
    client.sendConnectReply(socket);
    observe(o -> o.onConnect(socket));
    socket.runHandlers(() -> {
      for (Consumer<Socket> handler : connectionHandlers) {
        try {
          handler.accept(socket);
        } catch (RuntimeException e) {
          log.warn("connection handler of namespace {} failed", name, e);
        }
      }
    });
  }

  /** Returns the server's observer now, or null (then no observer work is done). */
  ServerObserver observer() {
    return server.observer();
  }

  /** Calls the observer if there is one, logging what it throws. */
  void observe(Consumer<ServerObserver> call) {
    ServerObserver observer = server.observer();
    if (observer == null) {
      return;
    }
    try {
      call.accept(observer);
    } catch (RuntimeException e) {
      log.warn("server observer failed", e);
    }
  }

  void remove(Socket socket) {
    if (sockets.remove(socket.id(), socket) && parent != null && sockets.isEmpty()
        && server.options().cleanupEmptyChildNamespaces()) {
      server.removeChild(this);
    }
  }

  ParentNamespace parent() {
    return parent;
  }

  @Override
  public String toString() {
    return "Namespace{" + name + ", " + sockets.size() + " sockets}";
  }

  /** What the adapter may do with this namespace's local sockets. */
  private final class Context implements AdapterContext {
    @Override
    public String namespace() {
      return name;
    }

    @Override
    public Collection<String> socketIds() {
      return List.copyOf(sockets.keySet());
    }

    @Override
    public int deliverAll(Collection<String> ids, EncodedSocketPacket packet, boolean isVolatile, boolean compress) {
      Map<Scheduler, List<Socket>> byThread = new HashMap<>();
      int count = 0;
      for (String id : ids) {
        Socket socket = sockets.get(id);
        if (socket != null && socket.connected()) {
          byThread.computeIfAbsent(socket.client().connection().scheduler(), k -> new ArrayList<>()).add(socket);
          count++;
        }
      }
      OutgoingEvent outgoing = new OutgoingEvent(packet);
      for (Map.Entry<Scheduler, List<Socket>> group : byThread.entrySet()) {
        List<Socket> recipients = group.getValue();
        Runnable write = () -> {
          for (Socket socket : recipients) {
            // As the reference adapter, a broadcast shows in each recipient's onAnyOutgoing.
            socket.notifyOutgoing(outgoing);
            socket.client().write(packet, isVolatile, compress);
          }
        };
        if (group.getKey().inSchedulerThread()) {
          write.run();
        } else {
          group.getKey().execute(write);
        }
      }
      ServerObserver observer = server.observer();
      if (observer != null) {
        try {
          observer.onBroadcast(Namespace.this, count);
        } catch (RuntimeException e) {
          log.warn("server observer failed", e);
        }
      }
      return count;
    }

    @Override
    public boolean deliverWithAck(
        String id, EncodedSocketPacket packet, long ackId, boolean compress, Consumer<Arguments> callback) {
      Socket socket = sockets.get(id);
      if (socket == null || !socket.connected()) {
        return false;
      }
      socket.registerBroadcastAck(ackId, callback);
      return socket.client().write(packet, false, compress);
    }

    @Override
    public void roomJoined(String room, String id) {
      if (server.observer() != null) {
        observe(o -> o.onRoomJoined(Namespace.this, room, id));
      }
    }

    @Override
    public void roomLeft(String room, String id) {
      if (server.observer() != null) {
        observe(o -> o.onRoomLeft(Namespace.this, room, id));
      }
    }

    @Override
    public SocketDetails details(String id) {
      Socket socket = sockets.get(id);
      return socket == null ? null : socket.details();
    }

    @Override
    public void disconnect(String id, boolean close) {
      Socket socket = sockets.get(id);
      if (socket != null) {
        socket.disconnect(close);
      }
    }

    @Override
    public void onServerSideEmit(ArrayNode data, Consumer<JsonNode> ack) {
      if (data.isEmpty() || !data.get(0).isTextual()) {
        return;
      }
      List<EventHandler> list = serverSideHandlers.get(data.get(0).textValue());
      if (list == null) {
        return;
      }
      AtomicBoolean answered = new AtomicBoolean();
      Ack reply = ack == null ? Ack.NONE : new Ack() {
        @Override
        public boolean isRequested() {
          return true;
        }

        @Override
        public void send(Object... args) {
          if (answered.compareAndSet(false, true)) {
            ack.accept(args.length == 0 ? com.fasterxml.jackson.databind.node.NullNode.instance : Values.toNode(args[0]));
          }
        }
      };
      for (EventHandler handler : list) {
        try {
          handler.onEvent(Arguments.of(data, 1), reply);
        } catch (Exception e) {
          log.warn("server-side handler of {} on namespace {} failed", data.get(0).textValue(), name, e);
        }
      }
    }

    @Override
    public long nextAckId() {
      return Namespace.this.nextAckId();
    }

    @Override
    public RecoveryOptions recovery() {
      return server.options().connectionStateRecovery();
    }

    @Override
    public Scheduler scheduler() {
      return server.scheduler();
    }
  }
}
