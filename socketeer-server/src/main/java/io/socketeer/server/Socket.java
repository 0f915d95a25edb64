package io.socketeer.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socketeer.protocol.socketio.SocketPacket;
import io.socketeer.protocol.spi.Cancellable;
import io.socketeer.server.internal.Values;
import io.socketeer.server.spi.BroadcastOptions;
import io.socketeer.server.spi.EngineConnection;
import io.socketeer.server.spi.PersistedSession;
import io.socketeer.server.spi.SocketDetails;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client in one namespace: the server side of a client socket.
 *
 * <p>Lifecycle: made when the client's CONNECT passes the namespace's middlewares, connected until
 * the client leaves, the connection closes or the server calls {@link #disconnect}; then the
 * {@link #onDisconnecting} handlers run (rooms still readable), the socket leaves every room, and
 * the {@link #onDisconnect} handlers run. After that, emits return false and acknowledgement
 * futures fail.
 *
 * <p>Threading: events, acknowledgements and lifecycle handlers run on the thread of the socket's
 * connection, one at a time, in arrival order. Every method may be called from any thread.
 */
public final class Socket {
  private static final Logger log = LoggerFactory.getLogger(Socket.class);

  private final Client client;
  private final Namespace namespace;
  private final String id;
  private final Handshake handshake;
  private final SocketEmitter emitter;

  /** Application data; read and written by the application, on any thread it chooses. */
  private final ObjectNode data = JsonNodeFactory.instance.objectNode();

  private final Map<String, List<EventHandler>> handlers = new ConcurrentHashMap<>();
  private final List<AnyEventHandler> anyHandlers = new CopyOnWriteArrayList<>();
  private final List<AnyEventHandler> anyOutgoingHandlers = new CopyOnWriteArrayList<>();
  private final List<PacketMiddleware> middlewares = new CopyOnWriteArrayList<>();
  private final List<Consumer<DisconnectReason>> disconnectingHandlers = new CopyOnWriteArrayList<>();
  private final List<Consumer<DisconnectReason>> disconnectHandlers = new CopyOnWriteArrayList<>();
  private final List<Consumer<Exception>> errorHandlers = new CopyOnWriteArrayList<>();

  /** Acknowledgements awaited from the client, by ack id. */
  private final Map<Long, PendingAck> acks = new ConcurrentHashMap<>();

  /** True from the CONNECT reply until the socket leaves. */
  private volatile boolean connected;

  /** Private session id for connection state recovery, or null when recovery is off. */
  private final String pid;

  /** The state this socket recovered, or null; only read while joining. */
  private final PersistedSession restored;

  Socket(Client client, Namespace namespace, String id, Handshake handshake, String pid, PersistedSession restored) {
    this.client = client;
    this.namespace = namespace;
    this.id = id;
    this.handshake = handshake;
    this.pid = pid;
    this.restored = restored;
    this.emitter = new SocketEmitter(this, false, true, null);
    java.util.concurrent.Executor executor = namespace.handlerExecutor();
    this.handlerQueue = executor == null ? null : new HandlerQueue(executor, namespace.server().options().maxQueuedEvents());
  }

  /** This socket's serial queue on the application's executor, or null: handlers run inline. */
  private final HandlerQueue handlerQueue;

  /**
   * Runs application handlers: inline on the connection's thread, or queued behind this socket's
   * earlier handlers on the handler executor. A socket whose queue is full is disconnected.
   */
  void runHandlers(Runnable task) {
    if (handlerQueue == null) {
      task.run();
    } else if (!handlerQueue.submit(task)) {
      log.debug("disconnecting socket {}: more than {} events wait for its handlers", id,
          namespace.server().options().maxQueuedEvents());
      client.runOnConnectionThread(() -> disconnect(true));
    }
  }

  /** Returns the socket id, the same as the client's {@code socket.id}. Never the engine session id. */
  public String id() {
    return id;
  }

  /** Returns what the client sent when it connected. */
  public Handshake handshake() {
    return handshake;
  }

  /** Returns the namespace the socket belongs to. */
  public Namespace namespace() {
    return namespace;
  }

  /** Returns the application's data for this socket, a JSON object ({@code fetchSockets} shows it). */
  public ObjectNode data() {
    return data;
  }

  /** Returns the rooms the socket is in, its own id included: a snapshot. */
  public Set<String> rooms() {
    return namespace.adapter().socketRooms(id);
  }

  /** Returns true while the socket is connected to its namespace. */
  public boolean connected() {
    return connected;
  }

  /**
   * Returns true when this socket was restored by connection state recovery: same id, rooms and
   * data as before the client's disconnection, and the missed packets replayed.
   */
  public boolean recovered() {
    return restored != null;
  }

  /** Returns the Engine.IO connection that carries this socket (shared by its other namespaces). */
  public EngineConnection conn() {
    return client.connection();
  }

  // ---------------------------------------------------------------------------------------------
  // Listening

  /** Handles event {@code event}; handlers of one event run in registration order. */
  public Socket on(String event, EventHandler handler) {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(handler, "handler");
    handlers.computeIfAbsent(event, e -> new CopyOnWriteArrayList<>()).add(handler);
    return this;
  }

  /** Handles event {@code event}, its first argument mapped to {@code type} by Jackson. */
  public <T> Socket on(String event, Class<T> type, TypedEventHandler<T> handler) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(handler, "handler");
    return on(event, (args, ack) -> handler.onEvent(args.get(0, type), ack));
  }

  /** Removes every handler of {@code event}. */
  public Socket off(String event) {
    handlers.remove(event);
    return this;
  }

  /** Sees every incoming event before its handlers. */
  public Socket onAny(AnyEventHandler handler) {
    anyHandlers.add(Objects.requireNonNull(handler, "handler"));
    return this;
  }

  /** Sees every incoming event before the handlers added with {@link #onAny}. */
  public Socket prependAny(AnyEventHandler handler) {
    anyHandlers.add(0, Objects.requireNonNull(handler, "handler"));
    return this;
  }

  /** Removes a handler added with {@link #onAny} or {@link #prependAny}; null removes them all. */
  public Socket offAny(AnyEventHandler handler) {
    if (handler == null) {
      anyHandlers.clear();
    } else {
      anyHandlers.remove(handler);
    }
    return this;
  }

  /** Sees every event this socket emits to its client. */
  public Socket onAnyOutgoing(AnyEventHandler handler) {
    anyOutgoingHandlers.add(Objects.requireNonNull(handler, "handler"));
    return this;
  }

  /** Removes a handler added with {@link #onAnyOutgoing}; null removes them all. */
  public Socket offAnyOutgoing(AnyEventHandler handler) {
    if (handler == null) {
      anyOutgoingHandlers.clear();
    } else {
      anyOutgoingHandlers.remove(handler);
    }
    return this;
  }

  /** Runs {@code middleware} on every incoming event before the handlers. */
  public Socket use(PacketMiddleware middleware) {
    middlewares.add(Objects.requireNonNull(middleware, "middleware"));
    return this;
  }

  /** Runs when the socket starts leaving its namespace, while {@link #rooms()} still lists its rooms. */
  public Socket onDisconnecting(Consumer<DisconnectReason> handler) {
    disconnectingHandlers.add(Objects.requireNonNull(handler, "handler"));
    return this;
  }

  /** Runs when the socket has left its namespace. */
  public Socket onDisconnect(Consumer<DisconnectReason> handler) {
    disconnectHandlers.add(Objects.requireNonNull(handler, "handler"));
    return this;
  }

  /** Receives errors: a packet middleware's failure, or a decoding error before the connection closes. */
  public Socket onError(Consumer<Exception> handler) {
    errorHandlers.add(Objects.requireNonNull(handler, "handler"));
    return this;
  }

  // ---------------------------------------------------------------------------------------------
  // Emitting

  /**
   * Emits {@code event} to this socket's client.
   *
   * @param args JSON-mappable values; {@code byte[]} and {@code ByteBuffer} travel as binary
   * @return false when the socket is disconnected (nothing was sent)
   * @throws IllegalArgumentException if {@code event} is a reserved name
   */
  public boolean emit(String event, Object... args) {
    return emitter.emit(event, args);
  }

  /** Emits {@code event} and calls {@code callback} with the client's acknowledgement. */
  public boolean emit(String event, AckCallback callback, Object... args) {
    return emitter.emit(event, callback, args);
  }

  /**
   * Emits {@code event} and returns the client's acknowledgement; without {@link #timeout} it
   * waits until the reply or the socket's disconnection.
   */
  public CompletableFuture<Arguments> emitWithAck(String event, Object... args) {
    return emitter.emitWithAck(event, args);
  }

  /** Returns an emitter whose acknowledgements fail with {@link AckTimeoutException} after {@code timeout}. */
  public SocketEmitter timeout(Duration timeout) {
    return emitter.timeout(timeout);
  }

  /** Returns an emitter that drops its packets when the connection cannot send them at once. */
  public SocketEmitter asVolatile() {
    return emitter.asVolatile();
  }

  /** Returns an emitter whose packets may ({@code true}, the default) or may not be compressed. */
  public SocketEmitter compress(boolean compress) {
    return emitter.compress(compress);
  }

  /** Emits on the connection (the emitter's flags applied); called by {@link SocketEmitter}. */
  boolean send(String event, Object[] args, AckCallback callback, SocketEmitter flags) {
    if (SocketPacket.RESERVED_EVENTS.contains(event)) {
      throw new IllegalArgumentException("\"" + event + "\" is a reserved event name");
    }
    ArrayNode data = Values.array(event, args);
    if (!connected) {
      if (callback != null) {
        callback.onAck(new IllegalStateException("socket has been disconnected"), Arguments.empty());
      }
      return false;
    }
    notifyOutgoing(event, data);
    if (callback == null) {
      if (pid != null && !flags.isVolatile()) {
        // With recovery on, the emit goes through the adapter so that it gets an offset and is
        // kept for replay, as the reference does.
        namespace.adapter().broadcast(SocketPacket.event(namespace.name(), data),
            BroadcastOptions.all().withRooms(List.of(id)).withCompress(flags.compress()));
        return true;
      }
      return client.write(SocketPacket.event(namespace.name(), data), flags.isVolatile(), flags.compress());
    }
    long ackId = namespace.nextAckId();
    registerAck(ackId, callback, flags.timeout());
    boolean sent = client.write(SocketPacket.event(namespace.name(), data, ackId), flags.isVolatile(), flags.compress());
    if (!sent) {
      PendingAck pending = acks.remove(ackId);
      if (pending != null) {
        pending.fail(new IllegalStateException("socket has been disconnected"));
      }
    }
    return sent;
  }

  /** Shows a broadcast this socket receives to its {@link #onAnyOutgoing} handlers. */
  void notifyOutgoing(OutgoingEvent outgoing) {
    if (anyOutgoingHandlers.isEmpty()) {
      return;
    }
    ArrayNode data = outgoing.data();
    if (data != null) {
      notifyOutgoing(data.get(0).textValue(), data);
    }
  }

  private void notifyOutgoing(String event, ArrayNode data) {
    if (anyOutgoingHandlers.isEmpty()) {
      return;
    }
    Arguments args = Arguments.of(data, 1);
    for (AnyEventHandler h : anyOutgoingHandlers) {
      try {
        h.onEvent(event, args);
      } catch (Exception e) {
        log.warn("onAnyOutgoing handler of socket {} failed", id, e);
      }
    }
  }

  /** Registers {@code callback} for the reply with {@code ackId}, with an optional timeout. */
  void registerAck(long ackId, AckCallback callback, Duration timeout) {
    PendingAck pending = new PendingAck(callback);
    if (namespace.observer() != null) {
      pending.sentAt = client.connection().scheduler().nanoTime();
      pending.timed = true;
    }
    acks.put(ackId, pending);
    if (timeout != null) {
      pending.timer = client.connection().scheduler().schedule(() -> {
        if (acks.remove(ackId, pending)) {
          namespace.observe(o -> o.onAckTimeout(namespace));
          pending.fail(new AckTimeoutException(List.of()));
        }
      }, timeout);
    }
  }

  /** Registers a broadcast's reply callback under the broadcast's ack id. */
  void registerBroadcastAck(long ackId, Consumer<Arguments> callback) {
    acks.put(ackId, new PendingAck((error, response) -> {
      if (error == null) {
        callback.accept(response);
      }
    }));
  }

  // ---------------------------------------------------------------------------------------------
  // Rooms and broadcasting

  /** Joins the given rooms; the socket's own room (its id) it is always in. */
  public Socket join(String... rooms) {
    return join(Arrays.asList(rooms));
  }

  /** Joins the given rooms. */
  public Socket join(Collection<String> rooms) {
    if (connected) {
      namespace.adapter().addAll(id, rooms);
    }
    return this;
  }

  /** Leaves {@code room}. */
  public Socket leave(String room) {
    namespace.adapter().del(id, room);
    return this;
  }

  /** Returns a broadcast to the sockets in {@code rooms}, this one excluded. */
  public BroadcastOperator to(String... rooms) {
    return broadcast().to(rooms);
  }

  /** Same as {@link #to}. */
  public BroadcastOperator in(String... rooms) {
    return to(rooms);
  }

  /** Returns a broadcast to every socket of the namespace but those in {@code rooms} and this one. */
  public BroadcastOperator except(String... rooms) {
    return broadcast().except(rooms);
  }

  /** Returns a broadcast to every other socket of the namespace. */
  public BroadcastOperator broadcast() {
    return new BroadcastOperator(namespace, BroadcastOptions.all().withExcept(List.of(id)), null);
  }

  // ---------------------------------------------------------------------------------------------
  // Leaving

  /** Removes the socket from its namespace; the connection stays open for the client's other namespaces. */
  public void disconnect() {
    disconnect(false);
  }

  /**
   * Removes the socket from its namespace (reason {@code server namespace disconnect}); with {@code
   * close}, every socket of the connection leaves and the connection closes.
   */
  public void disconnect(boolean close) {
    client.runOnConnectionThread(() -> {
      if (close) {
        client.disconnectAllAndClose();
      } else if (connected) {
        client.write(SocketPacket.disconnect(namespace.name()), false, true);
        onClose(DisconnectReason.SERVER_NAMESPACE_DISCONNECT);
      }
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Called by the Client, on the connection thread

  void markConnected() {
    connected = true;
    namespace.adapter().addAll(id, List.of(id));
    if (restored != null) {
      namespace.adapter().addAll(id, restored.rooms());
      if (restored.data().isObject()) {
        data.setAll((ObjectNode) restored.data());
      }
    }
  }

  String pid() {
    return pid;
  }

  PersistedSession restored() {
    return restored;
  }

  void onPacket(SocketPacket packet) {
    switch (packet.type()) {
      case EVENT:
        onEvent(packet);
        break;
      case ACK:
        onAck(packet);
        break;
      case DISCONNECT:
        onClose(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT);
        break;
      default:
        break;
    }
  }

  private void onEvent(SocketPacket packet) {
    String event = packet.eventName();
    Arguments args = Arguments.of((ArrayNode) packet.data(), 1);
    Ack ack = packet.hasAckId() ? new PacketAck(packet.ackId()) : Ack.NONE;
    if (middlewares.isEmpty()) {
      runHandlers(() -> dispatch(event, args, ack));
    } else {
      runHandlers(() -> runMiddlewares(0, event, args, ack));
    }
  }

  /** Continues a handler step: on the handler queue when there is one, else on the connection thread. */
  private void continueHandlers(Runnable task) {
    if (handlerQueue == null) {
      client.runOnConnectionThread(task);
    } else {
      handlerQueue.resume(task);
    }
  }

  private void runMiddlewares(int index, String event, Arguments args, Ack ack) {
    if (index == middlewares.size()) {
      dispatch(event, args, ack);
      return;
    }
    AtomicBoolean decided = new AtomicBoolean();
    PacketMiddleware.Next next = new PacketMiddleware.Next() {
      @Override
      public void proceed() {
        if (decided.compareAndSet(false, true)) {
          continueHandlers(() -> {
            if (connected) {
              runMiddlewares(index + 1, event, args, ack);
            }
          });
        }
      }

      @Override
      public void fail(Exception error) {
        if (decided.compareAndSet(false, true)) {
          continueHandlers(() -> reportError(error));
        }
      }
    };
    try {
      middlewares.get(index).handle(event, args, next);
    } catch (Exception e) {
      next.fail(e);
    }
  }

  private void dispatch(String event, Arguments args, Ack ack) {
    for (AnyEventHandler h : anyHandlers) {
      try {
        h.onEvent(event, args);
      } catch (Exception e) {
        log.warn("onAny handler of socket {} failed on event {}", id, event, e);
      }
    }
    List<EventHandler> list = handlers.get(event);
    if (list == null) {
      return;
    }
    for (EventHandler h : list) {
      try {
        h.onEvent(args, ack);
      } catch (Exception e) {
        log.warn("handler of event {} on socket {} failed", event, id, e);
      }
    }
  }

  private void onAck(SocketPacket packet) {
    if (!packet.hasAckId()) {
      return;
    }
    PendingAck pending = acks.remove(packet.ackId());
    if (pending == null) {
      return; // unknown, already answered or timed out: ignored, as the reference does
    }
    if (pending.timed) {
      long latency = client.connection().scheduler().nanoTime() - pending.sentAt;
      namespace.observe(o -> o.onAckReceived(namespace, latency));
    }
    ArrayNode data = packet.data() == null ? JsonNodeFactory.instance.arrayNode() : (ArrayNode) packet.data();
    pending.succeed(Arguments.of(data, 0));
  }

  void reportError(Exception error) {
    if (errorHandlers.isEmpty()) {
      log.debug("socket {} error without handler: {}", id, error.toString());
      return;
    }
    for (Consumer<Exception> h : errorHandlers) {
      try {
        h.accept(error);
      } catch (RuntimeException e) {
        log.warn("error handler of socket {} failed", id, e);
      }
    }
  }

  /** Leaves the namespace for {@code reason}: disconnecting, rooms, disconnect. Once only. */
  void onClose(DisconnectReason reason) {
    if (!connected) {
      return;
    }
    for (Consumer<DisconnectReason> h : disconnectingHandlers) {
      runHandler(h, reason, "disconnecting");
    }
    if (pid != null && reason.isRecoverable()) {
      namespace.adapter().persistSession(new PersistedSession(id, pid, rooms(), data.deepCopy(), List.of()));
    }
    connected = false;
    namespace.adapter().delAll(id);
    namespace.remove(this);
    client.remove(this);
    for (Map.Entry<Long, PendingAck> entry : acks.entrySet()) {
      if (acks.remove(entry.getKey(), entry.getValue())) {
        entry.getValue().fail(new IllegalStateException("socket has been disconnected"));
      }
    }
    namespace.observe(o -> o.onDisconnect(this, reason));
    Runnable disconnected = () -> {
      for (Consumer<DisconnectReason> h : disconnectHandlers) {
        runHandler(h, reason, "disconnect");
      }
    };
    if (handlerQueue == null) {
      disconnected.run();
    } else {
      handlerQueue.resume(disconnected); // after the events already queued, never refused
    }
  }

  private void runHandler(Consumer<DisconnectReason> h, DisconnectReason reason, String what) {
    try {
      h.accept(reason);
    } catch (RuntimeException e) {
      log.warn("{} handler of socket {} failed", what, id, e);
    }
  }

  /** Returns how many acknowledgements this socket still awaits. */
  int pendingAcks() {
    return acks.size();
  }

  SocketDetails details() {
    return new SocketDetails(id, handshake, rooms(), data.deepCopy());
  }

  Client client() {
    return client;
  }

  @Override
  public String toString() {
    return "Socket{" + namespace.name() + " " + id + (connected ? "" : " disconnected") + "}";
  }

  /** The client's acknowledgement of an incoming event; sends once. */
  private final class PacketAck implements Ack {
    private final long ackId;
    private final AtomicBoolean sent = new AtomicBoolean();

    PacketAck(long ackId) {
      this.ackId = ackId;
    }

    @Override
    public boolean isRequested() {
      return true;
    }

    @Override
    public void send(Object... args) {
      if (sent.compareAndSet(false, true) && connected) {
        ArrayNode data = Values.array(null, args);
        client.write(SocketPacket.ack(namespace.name(), data, ackId), false, true);
      }
    }
  }

  /** An acknowledgement this socket awaits; completes once. */
  private static final class PendingAck {
    private final AckCallback callback;
    private final AtomicBoolean done = new AtomicBoolean();
    volatile Cancellable timer = Cancellable.NONE;
    /** Scheduler time the event was sent, for the observer's latency, when {@link #timed}. */
    long sentAt;
    /** Whether {@link #sentAt} was taken (only with an observer). */
    boolean timed;

    PendingAck(AckCallback callback) {
      this.callback = callback;
    }

    void succeed(Arguments response) {
      if (done.compareAndSet(false, true)) {
        timer.cancel();
        invoke(null, response);
      }
    }

    void fail(Throwable error) {
      if (done.compareAndSet(false, true)) {
        timer.cancel();
        invoke(error, Arguments.empty());
      }
    }

    private void invoke(Throwable error, Arguments response) {
      try {
        callback.onAck(error, response);
      } catch (RuntimeException e) {
        log.warn("acknowledgement callback failed", e);
      }
    }
  }
}
