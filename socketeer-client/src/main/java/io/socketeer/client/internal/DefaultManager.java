package io.socketeer.client.internal;

import io.socketeer.client.ClientOptions;
import io.socketeer.client.Manager;
import io.socketeer.client.ManagerListener;
import io.socketeer.client.Registration;
import io.socketeer.client.Socket;
import io.socketeer.client.SocketIoException;
import io.socketeer.protocol.ProtocolException;
import io.socketeer.protocol.engineio.EnginePacket;
import io.socketeer.protocol.socketio.SocketPacket;
import io.socketeer.protocol.socketio.SocketPacketDecoder;
import io.socketeer.protocol.socketio.SocketPacketEncoder;
import io.socketeer.protocol.spi.Cancellable;
import io.socketeer.protocol.spi.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Manager}: one Engine.IO session at a time, the Socket.IO decoder, the namespaces and
 * the reconnection loop, as socket.io-client's {@code Manager}.
 *
 * <p>All state is confined to the scheduler's thread; public methods hop onto it. Listeners run
 * on the callback executor.
 */
public final class DefaultManager implements Manager {
  private static final Logger log = LoggerFactory.getLogger(DefaultManager.class);

  final ClientOptions options;
  final Scheduler scheduler;
  final Executor callbacks;
  private final Function<DefaultManager, TransportFactory> transports;
  private final EngineSocket.Config engineConfig;
  private final Backoff backoff;
  private final Lifecycle lifecycle;

  /** Tells the owner when a manager opens or closes (so that it can track the live ones). */
  public interface Lifecycle {
    /** The manager starts opening; called on its scheduler thread. */
    void opened(DefaultManager manager);

    /** The manager closed for good (until a socket connects again). */
    void closed(DefaultManager manager);
  }

  private final CopyOnWriteArrayList<ManagerListener> listeners = new CopyOnWriteArrayList<>();

  /** Sockets by namespace. Only touched on the scheduler thread. */
  private final Map<String, DefaultSocket> nsps = new LinkedHashMap<>();

  /** Read from any thread, written on the scheduler thread. */
  private volatile State state = State.CLOSED;

  private volatile String transportName;

  /** Only touched on the scheduler thread, as everything below. */
  private EngineSocket engine;

  /** Whether events of {@link #engine} are handled: 0 none, 1 opening, 2 open. */
  private int subscription;

  private SocketPacketDecoder decoder = SocketPacketDecoder.create();
  private boolean reconnecting;
  private boolean skipReconnect;
  private Cancellable openTimer;
  private Cancellable reconnectTimer;
  private volatile boolean shutdown;

  public DefaultManager(
      ClientOptions options,
      Scheduler scheduler,
      Function<DefaultManager, TransportFactory> transports,
      Executor callbacks,
      DoubleSupplier random,
      AtomicBoolean priorWebsocketSuccess,
      Lifecycle lifecycle) {
    this.options = options;
    this.scheduler = scheduler;
    this.transports = transports;
    this.callbacks = callbacks;
    this.lifecycle = lifecycle;
    this.engineConfig =
        new EngineSocket.Config(
            options.transports(),
            options.upgrade(),
            options.rememberUpgrade(),
            options.tryAllTransports(),
            priorWebsocketSuccess);
    this.backoff =
        new Backoff(
            options.reconnectionDelay().toMillis(),
            options.reconnectionDelayMax().toMillis(),
            options.randomizationFactor(),
            random);
  }

  // ---------------------------------------------------------------------------------------------
  // Public API (any thread)

  @Override
  public Socket socket(String namespace) {
    return socket(namespace, options);
  }

  /** Returns the socket of {@code namespace}, made with {@code socketOptions} on first use. */
  public Socket socket(String namespace, ClientOptions socketOptions) {
    String nsp = namespace == null || namespace.isEmpty() ? "/" : namespace;
    if (!nsp.startsWith("/")) {
      nsp = "/" + nsp;
    }
    DefaultSocket s;
    synchronized (nsps) {
      s = nsps.get(nsp);
      if (s == null) {
        s = new DefaultSocket(this, nsp, socketOptions);
        nsps.put(nsp, s);
      }
    }
    if (socketOptions.autoConnect()) {
      DefaultSocket socket = s;
      run(() -> {
        if (!socket.activeOnLoop()) {
          socket.connectOnLoop();
        }
      });
    }
    return s;
  }

  /** Returns true when a socket of {@code namespace} exists on this manager. */
  public boolean hasSocket(String namespace) {
    synchronized (nsps) {
      return nsps.containsKey(namespace);
    }
  }

  @Override
  public void open() {
    run(() -> open(null));
  }

  @Override
  public void close() {
    run(this::closeOnLoop);
  }

  @Override
  public State state() {
    return state;
  }

  @Override
  public String transport() {
    return transportName;
  }

  @Override
  public Registration addListener(ManagerListener listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** Runs {@code task} on the scheduler thread (at once when already there). */
  void run(Runnable task) {
    if (scheduler.inSchedulerThread()) {
      task.run();
    } else {
      scheduler.execute(task);
    }
  }

  /** Runs {@code action} for each listener on the callback executor. */
  private void fire(Consumer<ManagerListener> action) {
    if (listeners.isEmpty()) {
      return;
    }
    callbacks.execute(() -> listeners.forEach(action));
  }

  // ---------------------------------------------------------------------------------------------
  // Connection (scheduler thread)

  boolean isOpen() {
    return state == State.OPEN;
  }

  boolean isReconnecting() {
    return reconnecting;
  }

  /** The engine session, or null. */
  EngineSocket engine() {
    return engine;
  }

  /** Opens the engine; {@code fn} (when not null) receives null on success or the error. */
  void open(Consumer<SocketIoException> fn) {
    if (shutdown || state == State.OPEN || state == State.OPENING) {
      return;
    }
    log.debug("opening manager");
    lifecycle.opened(this);
    decoder = SocketPacketDecoder.create();
    EngineEvents events = new EngineEvents();
    EngineSocket e = new EngineSocket(engineConfig, transports.apply(this), scheduler, events);
    events.engine = e;
    engine = e;
    subscription = 1;
    setState(State.OPENING);
    skipReconnect = false;
    Duration timeout = options.timeout();
    if (timeout != null) {
      openTimer =
          scheduler.schedule(
              () -> {
                if (engine != e || subscription != 1) {
                  return;
                }
                log.debug("connect attempt timed out after {}", timeout);
                openFailed(new SocketIoException("timeout"), fn);
                e.close();
              },
              timeout);
    }
    pendingOpenCallback = fn;
    e.open();
  }

  /** The callback of the open in progress, or null. */
  private Consumer<SocketIoException> pendingOpenCallback;

  private void openFailed(SocketIoException err, Consumer<SocketIoException> fn) {
    cleanup();
    setState(State.CLOSED);
    fire(l -> l.onError(err));
    for (DefaultSocket s : activeSockets()) {
      s.onManagerError(err);
    }
    if (fn != null) {
      fn.accept(err);
    } else {
      maybeReconnectOnOpen();
    }
  }

  private void onOpen() {
    log.debug("manager open");
    Consumer<SocketIoException> fn = pendingOpenCallback;
    pendingOpenCallback = null;
    cleanup();
    subscription = 2;
    setState(State.OPEN);
    transportName = engine.transportName();
    fire(ManagerListener::onOpen);
    for (DefaultSocket s : activeSockets()) {
      s.onManagerOpen();
    }
    if (fn != null) {
      fn.accept(null);
    }
  }

  private void cleanup() {
    subscription = 0;
    if (openTimer != null) {
      openTimer.cancel();
      openTimer = null;
    }
    decoder.reset();
  }

  private List<DefaultSocket> activeSockets() {
    List<DefaultSocket> list = new ArrayList<>();
    synchronized (nsps) {
      for (DefaultSocket s : nsps.values()) {
        if (s.activeOnLoop()) {
          list.add(s);
        }
      }
    }
    return list;
  }

  private DefaultSocket socketOf(String nsp) {
    synchronized (nsps) {
      DefaultSocket s = nsps.get(nsp);
      return s != null && s.activeOnLoop() ? s : null;
    }
  }

  private void onData(EnginePacket p) {
    SocketPacket packet;
    try {
      packet = p.isBinary() ? decoder.decodeBinary(p.binaryData()) : decoder.decode(p.text());
    } catch (ProtocolException e) {
      log.debug("cannot decode a packet: {}", e.getMessage());
      onClose("parse error");
      return;
    }
    if (packet != null) {
      DefaultSocket s = socketOf(packet.namespace());
      if (s != null) {
        s.onPacket(packet);
      }
    }
  }

  private void onClose(String reason) {
    log.debug("manager closed: {}", reason);
    cleanup();
    EngineSocket e = engine;
    if (e != null) {
      e.abort();
    }
    backoff.reset();
    setState(State.CLOSED);
    transportName = null;
    fire(l -> l.onClose(reason));
    for (DefaultSocket s : activeSockets()) {
      s.onManagerClose(reason);
    }
    if (options.reconnection() && !skipReconnect) {
      reconnect();
    }
  }

  /** Sends a packet over the engine; false when there is no open engine. */
  boolean packet(SocketPacket packet) {
    EngineSocket e = engine;
    if (e == null || state != State.OPEN) {
      return false;
    }
    return e.send(SocketPacketEncoder.encode(packet).enginePackets());
  }

  /** Called when a socket becomes inactive: closes the manager when none is left active. */
  void destroy(DefaultSocket socket) {
    if (activeSockets().isEmpty()) {
      closeOnLoop();
    }
  }

  private void closeOnLoop() {
    log.debug("closing manager");
    skipReconnect = true;
    reconnecting = false;
    if (reconnectTimer != null) {
      reconnectTimer.cancel();
      reconnectTimer = null;
    }
    if (state == State.RECONNECT_WAIT) {
      setState(State.CLOSED);
    }
    EngineSocket e = engine;
    boolean wasOpen = state == State.OPEN || state == State.OPENING;
    cleanup();
    if (e != null) {
      // Gracefully: packets still buffered (a DISCONNECT, say) go out before the transport closes.
      e.close();
    }
    if (wasOpen) {
      onClose("forced close");
    }
    engine = null;
    lifecycle.closed(this);
  }

  /** Stops everything at once (client shutdown): no reconnection, no goodbye packets. */
  public void shutdown() {
    run(
        () -> {
          closeOnLoop();
          shutdown = true;
          synchronized (nsps) {
            for (DefaultSocket s : nsps.values()) {
              s.shutdownOnLoop();
            }
          }
        });
  }

  private void maybeReconnectOnOpen() {
    if (!reconnecting && options.reconnection() && backoff.attempts() == 0) {
      reconnect();
    }
  }

  private void reconnect() {
    if (reconnecting || skipReconnect || shutdown) {
      return;
    }
    if (backoff.attempts() >= options.reconnectionAttempts()) {
      log.debug("reconnection failed");
      backoff.reset();
      fire(ManagerListener::onReconnectFailed);
      reconnecting = false;
      return;
    }
    long delay = backoff.duration();
    log.debug("will wait {} ms before reconnect attempt", delay);
    reconnecting = true;
    setState(State.RECONNECT_WAIT);
    reconnectTimer =
        scheduler.schedule(
            () -> {
              reconnectTimer = null;
              if (skipReconnect) {
                return;
              }
              int attempt = backoff.attempts();
              fire(l -> l.onReconnectAttempt(attempt));
              setState(State.CLOSED);
              open(
                  err -> {
                    if (err != null) {
                      reconnecting = false;
                      reconnect();
                      fire(l -> l.onReconnectError(err));
                    } else {
                      int attempts = backoff.attempts();
                      reconnecting = false;
                      backoff.reset();
                      fire(l -> l.onReconnect(attempts));
                    }
                  });
            },
            Duration.ofMillis(delay));
  }

  private void setState(State next) {
    if (state != next) {
      log.debug("manager {} -> {}", state, next);
      state = next;
    }
  }

  /** Receives the events of the current engine session. */
  private final class EngineEvents implements EngineSocket.Listener {
    /** The session these events come from; events of an older session are ignored. */
    EngineSocket engine;

    private boolean opening() {
      return engine == DefaultManager.this.engine && subscription == 1;
    }

    private boolean open() {
      return engine == DefaultManager.this.engine && subscription == 2;
    }

    @Override
    public void onOpen() {
      if (opening()) {
        DefaultManager.this.onOpen();
      }
    }

    @Override
    public void onMessage(EnginePacket packet) {
      if (open()) {
        onData(packet);
      }
    }

    @Override
    public void onPing() {
      if (open()) {
        fire(ManagerListener::onPing);
      }
    }

    @Override
    public void onError(SocketIoException error) {
      if (opening()) {
        Consumer<SocketIoException> fn = pendingOpenCallback;
        pendingOpenCallback = null;
        openFailed(error, fn);
      } else if (open()) {
        fire(l -> l.onError(error));
      }
    }

    @Override
    public void onClose(String reason, Throwable cause) {
      if (open()) {
        DefaultManager.this.onClose(reason);
      } else if (opening()) {
        // Closed before the handshake without an error (e.g. a close packet): a failed open.
        Consumer<SocketIoException> fn = pendingOpenCallback;
        pendingOpenCallback = null;
        openFailed(new SocketIoException(reason), fn);
      }
    }

    @Override
    public void onUpgrade(String transport) {
      if (open()) {
        transportName = transport;
      }
    }
  }
}
