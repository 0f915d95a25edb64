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

  private ServerOptions(Builder b) {
    this.connectionStateRecovery = b.connectionStateRecovery;
    this.connectTimeout = b.connectTimeout;
    this.adapterFactory = b.adapterFactory;
    this.cleanupEmptyChildNamespaces = b.cleanupEmptyChildNamespaces;
    this.maxNamespacesPerConnection = b.maxNamespacesPerConnection;
    this.observer = b.observer;
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

  /** Builds {@link ServerOptions}. */
  public static final class Builder {
    private Duration connectTimeout = Duration.ofSeconds(45);
    private Function<AdapterContext, Adapter> adapterFactory = InMemoryAdapter::new;
    private boolean cleanupEmptyChildNamespaces;
    private int maxNamespacesPerConnection = 100;
    private RecoveryOptions connectionStateRecovery;
    private ServerObserver observer;

    private Builder() {}

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
