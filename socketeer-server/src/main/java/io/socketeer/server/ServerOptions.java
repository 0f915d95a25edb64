package io.socketeer.server;

import io.socketeer.server.spi.Adapter;
import io.socketeer.server.spi.AdapterContext;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * Options of a {@link SocketIoServer}. Immutable; make them with {@link #builder()}. Every default
 * is the reference server's.
 */
public final class ServerOptions {
  private final Duration connectTimeout;
  private final Function<AdapterContext, Adapter> adapterFactory;
  private final boolean cleanupEmptyChildNamespaces;
  private final int maxNamespacesPerConnection;
  private final RecoveryOptions connectionStateRecovery;
  private final ServerObserver observer;
  private final java.util.concurrent.Executor handlerExecutor;
  private final int maxQueuedEvents;

  private ServerOptions(Builder b) {
    this.connectionStateRecovery = b.connectionStateRecovery;
    this.connectTimeout = b.connectTimeout;
    this.adapterFactory = b.adapterFactory;
    this.cleanupEmptyChildNamespaces = b.cleanupEmptyChildNamespaces;
    this.maxNamespacesPerConnection = b.maxNamespacesPerConnection;
    this.observer = b.observer;
    this.handlerExecutor = b.handlerExecutor;
    this.maxQueuedEvents = b.maxQueuedEvents;
  }

  /** Returns the defaults. */
  public static ServerOptions defaults() {
    return builder().build();
  }

  /** Returns a builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder holding these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.connectTimeout = connectTimeout;
    b.adapterFactory = adapterFactory;
    b.cleanupEmptyChildNamespaces = cleanupEmptyChildNamespaces;
    b.maxNamespacesPerConnection = maxNamespacesPerConnection;
    b.connectionStateRecovery = connectionStateRecovery;
    b.observer = observer;
    b.handlerExecutor = handlerExecutor;
    b.maxQueuedEvents = maxQueuedEvents;
    return b;
  }

  /** How long a connection may stay without joining any namespace before it is closed; default 45 s. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** Makes the adapter of each namespace; default the in-memory adapter. */
  public Function<AdapterContext, Adapter> adapterFactory() {
    return adapterFactory;
  }

  /** Whether a child of a dynamic namespace is removed when its last socket leaves; default false. */
  public boolean cleanupEmptyChildNamespaces() {
    return cleanupEmptyChildNamespaces;
  }

  /** Most namespaces one connection may join at once; default 100. Further joins close the connection. */
  public int maxNamespacesPerConnection() {
    return maxNamespacesPerConnection;
  }

  /** Connection state recovery, or null when it is off (the default). */
  public RecoveryOptions connectionStateRecovery() {
    return connectionStateRecovery;
  }

  /** The observer of connections, rooms, broadcasts and acks, or null (the default: none). */
  public ServerObserver observer() {
    return observer;
  }

  /**
   * Where connection, event and disconnect handlers run, or null (the default) for the
   * connection's event loop. See {@link Builder#handlerExecutor}.
   */
  public java.util.concurrent.Executor handlerExecutor() {
    return handlerExecutor;
  }

  /**
   * Most events of one socket waiting for its handlers on the {@link #handlerExecutor()}; default
   * 1,000. A socket past it is disconnected as by {@code disconnect(true)}.
   */
  public int maxQueuedEvents() {
    return maxQueuedEvents;
  }

  /** Builds {@link ServerOptions}. */
  public static final class Builder {
    private Duration connectTimeout = Duration.ofSeconds(45);
    private Function<AdapterContext, Adapter> adapterFactory = InMemoryAdapter::new;
    private boolean cleanupEmptyChildNamespaces;
    private int maxNamespacesPerConnection = 100;
    private RecoveryOptions connectionStateRecovery;
    private ServerObserver observer;
    private java.util.concurrent.Executor handlerExecutor;
    private int maxQueuedEvents = 1_000;

    private Builder() {}

    /**
     * Runs the handlers of every socket on {@code executor} instead of the connection's event loop,
     * so that they may block (a database call, a remote service): connection handlers, event
     * handlers with their packet middlewares and {@code onAny} listeners, and disconnect handlers.
     * Each socket's handlers still run one at a time, in arrival order; different sockets run in
     * parallel. Namespace middlewares, {@code disconnecting} handlers (they must see the socket's
     * rooms) and ack callbacks stay on the event loop. Heartbeats never wait for handlers. Null
     * (the default) runs everything on the event loop. {@link HandlerExecutors#virtualThreads()}
     * gives one virtual thread per task on Java 21 and later.
     */
    public Builder handlerExecutor(java.util.concurrent.Executor executor) {
      this.handlerExecutor = executor;
      return this;
    }

    /** See {@link ServerOptions#maxQueuedEvents()}. */
    public Builder maxQueuedEvents(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxQueuedEvents must be positive: " + value);
      }
      this.maxQueuedEvents = value;
      return this;
    }

    /** See {@link ServerOptions#observer()}; null for none. */
    public Builder observer(ServerObserver value) {
      this.observer = value;
      return this;
    }

    /** See {@link ServerOptions#connectionStateRecovery()}; null turns recovery off. */
    public Builder connectionStateRecovery(RecoveryOptions value) {
      this.connectionStateRecovery = value;
      return this;
    }

    /** See {@link ServerOptions#connectTimeout()}. */
    public Builder connectTimeout(Duration value) {
      this.connectTimeout = Objects.requireNonNull(value, "connectTimeout");
      return this;
    }

    /** See {@link ServerOptions#adapterFactory()}. */
    public Builder adapterFactory(Function<AdapterContext, Adapter> value) {
      this.adapterFactory = Objects.requireNonNull(value, "adapterFactory");
      return this;
    }

    /** See {@link ServerOptions#cleanupEmptyChildNamespaces()}. */
    public Builder cleanupEmptyChildNamespaces(boolean value) {
      this.cleanupEmptyChildNamespaces = value;
      return this;
    }

    /** See {@link ServerOptions#maxNamespacesPerConnection()}. */
    public Builder maxNamespacesPerConnection(int value) {
      this.maxNamespacesPerConnection = value;
      return this;
    }

    /**
     * Returns the options.
     *
     * @throws IllegalArgumentException if a value is out of range
     */
    public ServerOptions build() {
      if (connectTimeout.isNegative() || connectTimeout.isZero()) {
        throw new IllegalArgumentException("connectTimeout must be positive: " + connectTimeout);
      }
      if (maxNamespacesPerConnection < 1) {
        throw new IllegalArgumentException("maxNamespacesPerConnection must be >= 1");
      }
      return new ServerOptions(this);
    }
  }
}
