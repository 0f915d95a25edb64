package io.socketeer.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socketeer.client.Ack;
import io.socketeer.client.AckCallback;
import io.socketeer.client.AnyListener;
import io.socketeer.client.Arguments;
import io.socketeer.client.ClientOptions;
import io.socketeer.client.Emitter;
import io.socketeer.client.EventListener;
import io.socketeer.client.Manager;
import io.socketeer.client.Registration;
import io.socketeer.client.Socket;
import io.socketeer.client.SocketIoException;
import io.socketeer.client.TypedListener;
import io.socketeer.protocol.socketio.SocketPacket;
import io.socketeer.protocol.spi.Cancellable;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client {@link Socket} of one namespace, as socket.io-client's {@code Socket}: CONNECT on every
 * manager open, buffering both ways until the CONNECT reply, acks with timeouts, the retry queue and
 * the recovery fields.
 *
 * <p>State is confined to the manager's scheduler thread; public methods hop onto it. Listener
 * lists are concurrent so that they can change from any thread.
 */
final class DefaultSocket implements Socket {
  private static final Logger log = LoggerFactory.getLogger(DefaultSocket.class);

  private static final Set<String> RESERVED =
      Set.of("connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener");

  private static final Flags NO_FLAGS = new Flags(null, false, true, false);

  private final DefaultManager manager;
  private final String namespace;
  private final ClientOptions options;

  private final Map<String, CopyOnWriteArrayList<EventListener>> handlers = new ConcurrentHashMap<>();
  private final CopyOnWriteArrayList<AnyListener> anyListeners = new CopyOnWriteArrayList<>();
  private final CopyOnWriteArrayList<AnyListener> anyOutgoing = new CopyOnWriteArrayList<>();
  private final CopyOnWriteArrayList<Runnable> connectListeners = new CopyOnWriteArrayList<>();
  private final CopyOnWriteArrayList<Consumer<SocketIoException>> connectErrorListeners =
      new CopyOnWriteArrayList<>();
  private final CopyOnWriteArrayList<Consumer<String>> disconnectListeners =
      new CopyOnWriteArrayList<>();

  /** Read anywhere, written on the scheduler thread. */
  private volatile boolean connected;

  private volatile String id;
  private volatile boolean recovered;
  private volatile boolean active;

  // Everything below: scheduler thread only.

  private final List<SocketPacket> receiveBuffer = new ArrayList<>();
  private final List<SocketPacket> sendBuffer = new ArrayList<>();
  private final Map<Long, PendingAck> acks = new HashMap<>();
  private long ids;
  private final ArrayDeque<Queued> queue = new ArrayDeque<>();
  private String pid;
  private String lastOffset;
  private volatile boolean shutdown;

  DefaultSocket(DefaultManager manager, String namespace, ClientOptions options) {
    this.manager = manager;
    this.namespace = namespace;
    this.options = options;
  }

  /** Flags of one emit. */
  static final class Flags {
    final Duration timeout;
    final boolean isVolatile;
    final boolean compress;
    final boolean fromQueue;

    Flags(Duration timeout, boolean isVolatile, boolean compress, boolean fromQueue) {
      this.timeout = timeout;
      this.isVolatile = isVolatile;
      this.compress = compress;
      this.fromQueue = fromQueue;
    }
  }

  /** An ack awaited from the server. Handler runs on the scheduler thread. */
  private static final class PendingAck {
    final BiConsumer<SocketIoException, Arguments> handler;
    final Cancellable timer;
    /** Whether a disconnect fails it (the reference's {@code withError}). */
    final boolean withError;

    PendingAck(BiConsumer<SocketIoException, Arguments> handler, Cancellable timer, boolean withError) {
      this.handler = handler;
      this.timer = timer;
      this.withError = withError;
    }
  }

  /** An emit in the retry queue. */
  private static final class Queued {
    final String event;
    final Object[] args;
    final Flags flags;
    int tryCount;
    boolean pending;
    BiConsumer<SocketIoException, Arguments> onAck;

    Queued(String event, Object[] args, Flags flags) {
      this.event = event;
      this.args = args;
      this.flags = flags;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Public API (any thread)

  @Override
  public String namespace() {
    return namespace;
  }

  @Override
  public Manager manager() {
    return manager;
  }

  @Override
  public Socket connect() {
    manager.run(this::connectOnLoop);
    return this;
  }

  @Override
  public Socket disconnect() {
    manager.run(this::disconnectOnLoop);
    return this;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public boolean connected() {
    return connected;
  }

  @Override
  public boolean active() {
    return active;
  }

  @Override
  public boolean recovered() {
    return recovered;
  }

  @Override
  public Registration on(String event, EventListener listener) {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(listener, "listener");
    // The reserved events, for those used to the JavaScript API.
    switch (event) {
      case "connect":
        return onConnect(() -> listener.onEvent(Arguments.of(List.of()), NO_ACK));
      case "disconnect":
        return onDisconnect(
            reason -> listener.onEvent(Arguments.of(List.of(JsonNodeFactory.instance.textNode(reason))), NO_ACK));
      case "connect_error":
        return onConnectError(
            err -> {
              ObjectNode o = JsonNodeFactory.instance.objectNode();
              o.put("message", err.getMessage());
              if (err.data() != null) {
                o.set("data", err.data());
              }
              listener.onEvent(Arguments.of(List.of(o)), NO_ACK);
            });
      default:
        break;
    }
    CopyOnWriteArrayList<EventListener> list =
        handlers.computeIfAbsent(event, k -> new CopyOnWriteArrayList<>());
    list.add(listener);
    return () -> list.remove(listener);
  }

  @Override
  public <T> Registration on(String event, Class<T> type, TypedListener<T> listener) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(listener, "listener");
    return on(event, (args, ack) -> listener.onEvent(args.get(0, type), ack));
  }

  @Override
  public Registration onAny(AnyListener listener) {
    anyListeners.add(Objects.requireNonNull(listener, "listener"));
    return () -> anyListeners.remove(listener);
  }

  @Override
  public Registration prependAny(AnyListener listener) {
    anyListeners.add(0, Objects.requireNonNull(listener, "listener"));
    return () -> anyListeners.remove(listener);
  }

  @Override
  public void offAny() {
    anyListeners.clear();
  }

  @Override
  public Registration onAnyOutgoing(AnyListener listener) {
    anyOutgoing.add(Objects.requireNonNull(listener, "listener"));
    return () -> anyOutgoing.remove(listener);
  }

  @Override
  public Registration onConnect(Runnable listener) {
    connectListeners.add(Objects.requireNonNull(listener, "listener"));
    return () -> connectListeners.remove(listener);
  }

  @Override
  public Registration onConnectError(Consumer<SocketIoException> listener) {
    connectErrorListeners.add(Objects.requireNonNull(listener, "listener"));
    return () -> connectErrorListeners.remove(listener);
  }

  @Override
  public Registration onDisconnect(Consumer<String> listener) {
    disconnectListeners.add(Objects.requireNonNull(listener, "listener"));
    return () -> disconnectListeners.remove(listener);
  }

  @Override
  public boolean emit(String event, Object... args) {
    return new FlaggedEmitter(NO_FLAGS).emit(event, args);
  }

  @Override
  public CompletableFuture<Arguments> emitWithAck(String event, Object... args) {
    return new FlaggedEmitter(NO_FLAGS).emitWithAck(event, args);
  }

  @Override
  public Emitter timeout(Duration timeout) {
    return new FlaggedEmitter(NO_FLAGS).timeout(timeout);
  }

  @Override
  public Emitter asVolatile() {
    return new FlaggedEmitter(NO_FLAGS).asVolatile();
  }

  @Override
  public Emitter compress(boolean compress) {
    return new FlaggedEmitter(NO_FLAGS).compress(compress);
  }

  @Override
  public String toString() {
    return "Socket{" + namespace + ", id=" + id + ", connected=" + connected + "}";
  }

  /** An emitter with flags. */
  private final class FlaggedEmitter implements Emitter {
    private final Flags flags;

    FlaggedEmitter(Flags flags) {
      this.flags = flags;
    }

    @Override
    public boolean emit(String event, Object... args) {
      Objects.requireNonNull(event, "event");
      if (RESERVED.contains(event)) {
        throw new IllegalArgumentException('"' + event + "\" is a reserved event name");
      }
      Object[] copy = args == null ? new Object[0] : args.clone();
      AckCallback cb =
          copy.length > 0 && copy[copy.length - 1] instanceof AckCallback
              ? (AckCallback) copy[copy.length - 1]
              : null;
      if (cb != null) {
        copy = Arrays.copyOf(copy, copy.length - 1);
      }
      // Map arguments on the caller's thread: a value Jackson cannot map fails here, not later.
      ArrayNode data;
      try {
        data = JsonArgs.eventArray(event, copy, copy.length);
      } catch (IllegalArgumentException e) {
        log.warn("cannot map the arguments of event {}: {}", event, e.getMessage());
        return false;
      }
      if (shutdown) {
        return false;
      }
      BiConsumer<SocketIoException, Arguments> handler =
          cb == null ? null : (err, a) -> manager.callbacks.execute(() -> cb.onAck(err, a));
      Object[] mapped = copy;
      if (manager.scheduler.inSchedulerThread()) {
        return emitOnLoop(event, mapped, data, handler, flags, false);
      }
      manager.scheduler.execute(() -> emitOnLoop(event, mapped, data, handler, flags, false));
      return !flags.isVolatile || connected;
    }

    @Override
    public CompletableFuture<Arguments> emitWithAck(String event, Object... args) {
      CompletableFuture<Arguments> future = new CompletableFuture<>();
      Object[] withAck = Arrays.copyOf(args == null ? new Object[0] : args, args == null ? 1 : args.length + 1);
      withAck[withAck.length - 1] =
          new AckCallback() {
            @Override
            public void onAck(SocketIoException error, Arguments a) {
              if (error != null) {
                future.completeExceptionally(error);
              } else {
                future.complete(a);
              }
            }
          };
      if (shutdown) {
        future.completeExceptionally(new SocketIoException("client closed"));
        return future;
      }
      if (event == null || RESERVED.contains(event)) {
        throw new IllegalArgumentException('"' + event + "\" is a reserved event name");
      }
      // emitWithAck acks are failed by a disconnect: the reference marks them withError.
      emitAck(event, withAck);
      return future;
    }

    /** As {@link #emit}, with an ack that a disconnect fails. */
    boolean emitAck(String event, Object[] args) {
      AckCallback cb = (AckCallback) args[args.length - 1];
      Object[] copy = Arrays.copyOf(args, args.length - 1);
      ArrayNode data;
      try {
        data = JsonArgs.eventArray(event, copy, copy.length);
      } catch (IllegalArgumentException e) {
        cb.onAck(new SocketIoException("cannot map the arguments: " + e.getMessage()), null);
        return true;
      }
      BiConsumer<SocketIoException, Arguments> handler =
          (err, a) -> manager.callbacks.execute(() -> cb.onAck(err, a));
      manager.run(() -> emitOnLoop(event, copy, data, handler, flags, true));
      return true;
    }

    @Override
    public Emitter timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      return new FlaggedEmitter(new Flags(timeout, flags.isVolatile, flags.compress, flags.fromQueue));
    }

    @Override
    public Emitter asVolatile() {
      return new FlaggedEmitter(new Flags(flags.timeout, true, flags.compress, flags.fromQueue));
    }

    @Override
    public Emitter compress(boolean compress) {
      return new FlaggedEmitter(new Flags(flags.timeout, flags.isVolatile, compress, flags.fromQueue));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Scheduler thread

  boolean activeOnLoop() {
    return active;
  }

  void connectOnLoop() {
    if (connected || shutdown) {
      return;
    }
    active = true;
    if (!manager.isReconnecting()) {
      manager.open(null);
    }
    if (manager.isOpen()) {
      onManagerOpen();
    }
  }

  private void disconnectOnLoop() {
    boolean wasConnected = connected;
    if (wasConnected) {
      manager.packet(SocketPacket.disconnect(namespace));
    }
    destroy();
    if (wasConnected) {
      onClose("io client disconnect");
    }
  }

  private void destroy() {
    if (active) {
      active = false;
      manager.destroy(this);
    }
  }

  void shutdownOnLoop() {
    shutdown = true;
    active = false;
    if (connected) {
      onClose("io client disconnect");
    }
    SocketIoException closed = new SocketIoException("client closed");
    for (PendingAck a : new ArrayList<>(acks.values())) {
      if (a.timer != null) {
        a.timer.cancel();
      }
      a.handler.accept(closed, null);
    }
    acks.clear();
    sendBuffer.clear();
    receiveBuffer.clear();
    queue.clear();
  }

  /**
   * Sends, buffers or drops one event, as the reference's {@code emit}.
   *
   * @param failOnDisconnect whether a disconnect fails the ack even without a timeout
   */
  private boolean emitOnLoop(
      String event,
      Object[] args,
      ArrayNode data,
      BiConsumer<SocketIoException, Arguments> ack,
      Flags flags,
      boolean failOnDisconnect) {
    if (shutdown) {
      if (ack != null) {
        ack.accept(new SocketIoException("client closed"), null);
      }
      return false;
    }
    if (options.retries() > 0 && !flags.fromQueue && !flags.isVolatile) {
      if (queue.size() >= options.maxBufferedEmits()) {
        return refuse(event, ack, "send buffer full");
      }
      addToQueue(event, args, ack, flags);
      return true;
    }
    if (!connected && !flags.isVolatile && sendBuffer.size() >= options.maxBufferedEmits()) {
      return refuse(event, ack, "send buffer full");
    }
    long ackId = SocketPacket.NO_ACK;
    if (ack != null) {
      ackId = ids++;
      registerAck(ackId, ack, flags, failOnDisconnect);
    }
    SocketPacket packet = SocketPacket.event(namespace, data, ackId);
    EngineSocket engine = manager.engine();
    boolean transportWritable = engine != null && engine.transportWritable() && manager.isOpen();
    boolean isConnected = connected && engine != null && !engine.hasPingExpired();
    if (flags.isVolatile && !transportWritable) {
      log.debug("volatile event {} dropped: transport not writable", event);
      PendingAck pending = ackId == SocketPacket.NO_ACK ? null : acks.remove(ackId);
      if (pending != null) {
        // The reference leaves such an ack waiting forever; a future should not hang.
        if (pending.timer != null) {
          pending.timer.cancel();
        }
        pending.handler.accept(new SocketIoException("volatile event dropped"), null);
      }
      return false;
    } else if (isConnected) {
      notifyOutgoing(data);
      manager.packet(packet);
    } else {
      sendBuffer.add(packet);
    }
    return true;
  }

  private boolean refuse(String event, BiConsumer<SocketIoException, Arguments> ack, String why) {
    log.debug("event {} refused: {}", event, why);
    if (ack != null) {
      ack.accept(new SocketIoException(why), null);
    }
    return false;
  }

  private void registerAck(
      long ackId, BiConsumer<SocketIoException, Arguments> ack, Flags flags, boolean failOnDisconnect) {
    Duration timeout = flags.timeout != null ? flags.timeout : options.ackTimeout();
    Cancellable timer = null;
    if (timeout != null) {
      timer =
          manager.scheduler.schedule(
              () -> {
                if (acks.remove(ackId) == null) {
                  return;
                }
                sendBuffer.removeIf(p -> p.ackId() == ackId);
                log.debug("event with ack id {} timed out after {}", ackId, timeout);
                ack.accept(new SocketIoException("operation has timed out"), null);
              },
              timeout);
    }
    acks.put(ackId, new PendingAck(ack, timer, timeout != null || failOnDisconnect));
  }

  private void addToQueue(
      String event, Object[] args, BiConsumer<SocketIoException, Arguments> userAck, Flags flags) {
    Queued q = new Queued(event, args, new Flags(flags.timeout, flags.isVolatile, flags.compress, true));
    q.onAck =
        (err, response) -> {
          if (queue.peek() != q) {
            return;
          }
          if (err != null) {
            if (q.tryCount > options.retries()) {
              queue.poll();
              if (userAck != null) {
                userAck.accept(err, null);
              }
            }
          } else {
            queue.poll();
            if (userAck != null) {
              userAck.accept(null, response);
            }
          }
          q.pending = false;
          drainQueue(false);
        };
    queue.add(q);
    drainQueue(false);
  }

  private void drainQueue(boolean force) {
    if (!connected || queue.isEmpty()) {
      return;
    }
    Queued q = queue.peek();
    if (q.pending && !force) {
      return;
    }
    q.pending = true;
    q.tryCount++;
    ArrayNode data = JsonArgs.eventArray(q.event, q.args, q.args.length);
    emitOnLoop(q.event, q.args, data, q.onAck, q.flags, true);
  }

  private void notifyOutgoing(ArrayNode data) {
    if (anyOutgoing.isEmpty()) {
      return;
    }
    String event = data.get(0).asText();
    Arguments args = Arguments.of(data, 1);
    manager.callbacks.execute(() -> anyOutgoing.forEach(l -> l.onAny(event, args)));
  }

  /** The manager's engine session opened: send CONNECT. */
  void onManagerOpen() {
    Supplier<?> auth = options.auth();
    ObjectNode data;
    try {
      data = JsonArgs.authObject(auth == null ? null : auth.get());
    } catch (RuntimeException e) {
      log.warn("the auth supplier failed", e);
      fireConnectError(new SocketIoException("auth supplier failed: " + e.getMessage(), null, e));
      return;
    }
    if (pid != null) {
      ObjectNode withRecovery = JsonNodeFactory.instance.objectNode();
      withRecovery.put("pid", pid);
      if (lastOffset != null) {
        withRecovery.put("offset", lastOffset);
      }
      if (data != null) {
        withRecovery.setAll(data);
      }
      data = withRecovery;
    }
    manager.packet(SocketPacket.connect(namespace, data));
  }

  void onManagerError(SocketIoException err) {
    if (!connected) {
      fireConnectError(err);
    }
  }

  void onManagerClose(String reason) {
    onClose(reason);
  }

  void onPacket(SocketPacket packet) {
    switch (packet.type()) {
      case CONNECT:
        JsonNode sid = packet.data() == null ? null : packet.data().get("sid");
        if (sid != null && sid.isTextual()) {
          JsonNode p = packet.data().get("pid");
          onConnect(sid.textValue(), p != null && p.isTextual() ? p.textValue() : null);
        } else {
          fireConnectError(
              new SocketIoException(
                  "It seems you are trying to reach a Socket.IO server in v2.x with a v3.x client,"
                      + " but they are not compatible"));
        }
        break;
      case EVENT:
      case BINARY_EVENT:
        onEvent(packet);
        break;
      case ACK:
      case BINARY_ACK:
        onAck(packet);
        break;
      case DISCONNECT:
        destroy();
        onClose("io server disconnect");
        break;
      case CONNECT_ERROR:
        destroy();
        JsonNode d = packet.data();
        String message = d != null && d.isObject() ? d.path("message").asText("") : d == null ? "" : d.asText();
        JsonNode errData = d != null && d.isObject() ? d.get("data") : null;
        fireConnectError(new SocketIoException(message, errData, null));
        break;
      default:
        break;
    }
  }

  private void onConnect(String sid, String newPid) {
    id = sid;
    recovered = newPid != null && newPid.equals(pid);
    pid = newPid;
    connected = true;
    log.debug("socket {} connected to {} (recovered: {})", sid, namespace, recovered);
    for (SocketPacket p : receiveBuffer) {
      dispatchEvent(p);
    }
    receiveBuffer.clear();
    for (SocketPacket p : sendBuffer) {
      notifyOutgoing((ArrayNode) p.data());
      manager.packet(p);
    }
    sendBuffer.clear();
    manager.callbacks.execute(() -> connectListeners.forEach(Runnable::run));
    drainQueue(true);
  }

  private void onEvent(SocketPacket packet) {
    if (connected) {
      dispatchEvent(packet);
    } else {
      receiveBuffer.add(packet);
    }
  }

  private void dispatchEvent(SocketPacket packet) {
    ArrayNode data = (ArrayNode) packet.data();
    JsonNode name = data.get(0);
    String event = name.isTextual() ? name.textValue() : name.asText();
    Arguments args = Arguments.of(data, 1);
    if (pid != null && data.size() > 1 && data.get(data.size() - 1).isTextual()) {
      lastOffset = data.get(data.size() - 1).textValue();
    }
    Ack ack = packet.hasAckId() ? new ServerAck(packet.ackId()) : NO_ACK;
    List<EventListener> list = handlers.get(event);
    manager.callbacks.execute(
        () -> {
          for (AnyListener l : anyListeners) {
            l.onAny(event, args);
          }
          if (list != null) {
            for (EventListener l : list) {
              l.onEvent(args, ack);
            }
          }
        });
  }

  private void onAck(SocketPacket packet) {
    PendingAck a = acks.remove(packet.ackId());
    if (a == null) {
      log.debug("ack {} unknown (answered, timed out or never asked)", packet.ackId());
      return;
    }
    if (a.timer != null) {
      a.timer.cancel();
    }
    a.handler.accept(null, Arguments.of((ArrayNode) packet.data(), 0));
  }

  private void onClose(String reason) {
    boolean was = connected;
    connected = false;
    id = null;
    if (was || !"io client disconnect".equals(reason)) {
      manager.callbacks.execute(() -> disconnectListeners.forEach(l -> l.accept(reason)));
    }
    clearAcks();
  }

  private void clearAcks() {
    Iterator<Map.Entry<Long, PendingAck>> it = acks.entrySet().iterator();
    List<PendingAck> failed = new ArrayList<>();
    while (it.hasNext()) {
      Map.Entry<Long, PendingAck> e = it.next();
      long ackId = e.getKey();
      boolean buffered = sendBuffer.stream().anyMatch(p -> p.ackId() == ackId);
      if (!buffered && e.getValue().withError) {
        it.remove();
        failed.add(e.getValue());
      }
    }
    SocketIoException err = new SocketIoException("socket has been disconnected");
    for (PendingAck a : failed) {
      if (a.timer != null) {
        a.timer.cancel();
      }
      a.handler.accept(err, null);
    }
  }

  private void fireConnectError(SocketIoException err) {
    manager.callbacks.execute(() -> connectErrorListeners.forEach(l -> l.accept(err)));
  }

  private static final Ack NO_ACK =
      new Ack() {
        @Override
        public boolean requested() {
          return false;
        }

        @Override
        public boolean send(Object... args) {
          return false;
        }
      };

  /** Acknowledges one server event; sends at most once. */
  private final class ServerAck implements Ack {
    private final long ackId;
    private final AtomicBoolean sent = new AtomicBoolean();

    ServerAck(long ackId) {
      this.ackId = ackId;
    }

    @Override
    public boolean requested() {
      return true;
    }

    @Override
    public boolean send(Object... args) {
      if (shutdown || !sent.compareAndSet(false, true)) {
        return false;
      }
      ArrayNode data;
      try {
        data = JsonArgs.array(args == null ? new Object[0] : args);
      } catch (IllegalArgumentException e) {
        log.warn("cannot map the ack arguments: {}", e.getMessage());
        return false;
      }
      manager.run(() -> manager.packet(SocketPacket.ack(namespace, data, ackId)));
      return true;
    }
  }
}
