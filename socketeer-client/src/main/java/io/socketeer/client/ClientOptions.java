package io.socketeer.client;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * Options of a client connection: Engine.IO transport options, the {@link Manager}'s reconnection
 * options and the {@link Socket}'s options. Immutable and thread-safe; make one with {@link
 * #builder()} (or change one with {@link #toBuilder()}). Defaults are the reference client's
 * ({@code socket.io-client} 4.8, {@code engine.io-client} 6.6); each builder method names its own.
 */
public final class ClientOptions {
  private static final ClientOptions DEFAULTS = builder().build();

  final String path;
  final Map<String, String> query;
  final Map<String, String> extraHeaders;
  final List<String> transports;
  final boolean upgrade;
  final boolean rememberUpgrade;
  final boolean tryAllTransports;
  final Boolean timestampRequests;
  final String timestampParam;
  final boolean withCredentials;
  final SSLContext sslContext;
  final boolean hostnameVerification;
  final InetSocketAddress proxy;
  final boolean reconnection;
  final int reconnectionAttempts;
  final Duration reconnectionDelay;
  final Duration reconnectionDelayMax;
  final double randomizationFactor;
  final Duration timeout;
  final boolean forceNew;
  final boolean multiplex;
  final boolean autoConnect;
  final Supplier<?> auth;
  final Duration ackTimeout;
  final int retries;
  final int maxBufferedEmits;
  final Executor callbackExecutor;

  private ClientOptions(Builder b) {
    path = b.path;
    query = Map.copyOf(new LinkedHashMap<>(b.query));
    extraHeaders = Map.copyOf(b.extraHeaders);
    transports = List.copyOf(b.transports);
    upgrade = b.upgrade;
    rememberUpgrade = b.rememberUpgrade;
    tryAllTransports = b.tryAllTransports;
    timestampRequests = b.timestampRequests;
    timestampParam = b.timestampParam;
    withCredentials = b.withCredentials;
    sslContext = b.sslContext;
    hostnameVerification = b.hostnameVerification;
    proxy = b.proxy;
    reconnection = b.reconnection;
    reconnectionAttempts = b.reconnectionAttempts;
    reconnectionDelay = b.reconnectionDelay;
    reconnectionDelayMax = b.reconnectionDelayMax;
    randomizationFactor = b.randomizationFactor;
    timeout = b.timeout;
    forceNew = b.forceNew;
    multiplex = b.multiplex;
    autoConnect = b.autoConnect;
    auth = b.auth;
    ackTimeout = b.ackTimeout;
    retries = b.retries;
    maxBufferedEmits = b.maxBufferedEmits;
    callbackExecutor = b.callbackExecutor;
  }

  /** Returns the default options. */
  public static ClientOptions defaults() {
    return DEFAULTS;
  }

  /** Returns a builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder holding these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.path = path;
    b.query = new LinkedHashMap<>(query);
    b.extraHeaders = new LinkedHashMap<>(extraHeaders);
    b.transports = transports;
    b.upgrade = upgrade;
    b.rememberUpgrade = rememberUpgrade;
    b.tryAllTransports = tryAllTransports;
    b.timestampRequests = timestampRequests;
    b.timestampParam = timestampParam;
    b.withCredentials = withCredentials;
    b.sslContext = sslContext;
    b.hostnameVerification = hostnameVerification;
    b.proxy = proxy;
    b.reconnection = reconnection;
    b.reconnectionAttempts = reconnectionAttempts;
    b.reconnectionDelay = reconnectionDelay;
    b.reconnectionDelayMax = reconnectionDelayMax;
    b.randomizationFactor = randomizationFactor;
    b.timeout = timeout;
    b.forceNew = forceNew;
    b.multiplex = multiplex;
    b.autoConnect = autoConnect;
    b.auth = auth;
    b.ackTimeout = ackTimeout;
    b.retries = retries;
    b.maxBufferedEmits = maxBufferedEmits;
    b.callbackExecutor = callbackExecutor;
    return b;
  }

  /** HTTP path of the Engine.IO endpoint (not the namespace). */
  public String path() {
    return path;
  }

  /** Extra query parameters sent with every Engine.IO request. */
  public Map<String, String> query() {
    return query;
  }

  /** Extra HTTP headers sent with every request and WebSocket handshake. */
  public Map<String, String> extraHeaders() {
    return extraHeaders;
  }

  /** Transports in order of preference. */
  public List<String> transports() {
    return transports;
  }

  /** Whether polling upgrades to WebSocket. */
  public boolean upgrade() {
    return upgrade;
  }

  /** Whether to start with WebSocket once a WebSocket connection has worked before. */
  public boolean rememberUpgrade() {
    return rememberUpgrade;
  }

  /** Whether a transport that fails to open is followed by the next one. */
  public boolean tryAllTransports() {
    return tryAllTransports;
  }

  /** Whether a cache-busting parameter is added; null means the reference default. */
  public Boolean timestampRequests() {
    return timestampRequests;
  }

  /** Name of the cache-busting parameter. */
  public String timestampParam() {
    return timestampParam;
  }

  /** Whether cookies set by the server are kept and sent back (sticky sessions). */
  public boolean withCredentials() {
    return withCredentials;
  }

  /** TLS context for {@code https}/{@code wss}, or null for the JDK default. */
  public SSLContext sslContext() {
    return sslContext;
  }

  /** Whether the server certificate must match the host name. */
  public boolean hostnameVerification() {
    return hostnameVerification;
  }

  /** HTTP proxy (CONNECT tunnel) to go through, or null. */
  public InetSocketAddress proxy() {
    return proxy;
  }

  /** Whether the manager reconnects after a connection is lost. */
  public boolean reconnection() {
    return reconnection;
  }

  /** Reconnection attempts before {@code reconnect_failed}. */
  public int reconnectionAttempts() {
    return reconnectionAttempts;
  }

  /** First reconnection delay. */
  public Duration reconnectionDelay() {
    return reconnectionDelay;
  }

  /** Largest reconnection delay. */
  public Duration reconnectionDelayMax() {
    return reconnectionDelayMax;
  }

  /** Jitter factor of the reconnection delay. */
  public double randomizationFactor() {
    return randomizationFactor;
  }

  /** Time allowed for the Engine.IO connection to open, or null for no limit. */
  public Duration timeout() {
    return timeout;
  }

  /** Whether this socket gets a manager of its own. */
  public boolean forceNew() {
    return forceNew;
  }

  /** Whether sockets of the same server share one manager. */
  public boolean multiplex() {
    return multiplex;
  }

  /** Whether sockets connect as soon as they are created. */
  public boolean autoConnect() {
    return autoConnect;
  }

  /** Supplies the auth object of every CONNECT, or null for none. */
  public Supplier<?> auth() {
    return auth;
  }

  /** Default ack timeout, or null for none. */
  public Duration ackTimeout() {
    return ackTimeout;
  }

  /** Times each emit is retried until acknowledged; 0 turns retries off. */
  public int retries() {
    return retries;
  }

  /** Most emits buffered while disconnected (and queued for retries) per socket. */
  public int maxBufferedEmits() {
    return maxBufferedEmits;
  }

  /** Where callbacks run, or null for a serial executor per manager. */
  public Executor callbackExecutor() {
    return callbackExecutor;
  }

  /** Mutable builder of {@link ClientOptions}; not thread-safe. */
  public static final class Builder {
    private String path = "/socket.io/";
    private Map<String, String> query = new LinkedHashMap<>();
    private Map<String, String> extraHeaders = new LinkedHashMap<>();
    private List<String> transports = List.of("polling", "websocket");
    private boolean upgrade = true;
    private boolean rememberUpgrade;
    private boolean tryAllTransports;
    private Boolean timestampRequests;
    private String timestampParam = "t";
    private boolean withCredentials;
    private SSLContext sslContext;
    private boolean hostnameVerification = true;
    private InetSocketAddress proxy;
    private boolean reconnection = true;
    private int reconnectionAttempts = Integer.MAX_VALUE;
    private Duration reconnectionDelay = Duration.ofSeconds(1);
    private Duration reconnectionDelayMax = Duration.ofSeconds(5);
    private double randomizationFactor = 0.5;
    private Duration timeout = Duration.ofSeconds(20);
    private boolean forceNew;
    private boolean multiplex = true;
    private boolean autoConnect = true;
    private Supplier<?> auth;
    private Duration ackTimeout;
    private int retries;
    private int maxBufferedEmits = 10_000;
    private Executor callbackExecutor;

    private Builder() {}

    /** HTTP path of the Engine.IO endpoint; default {@code /socket.io/} (a trailing slash is added). */
    public Builder path(String path) {
      Objects.requireNonNull(path, "path");
      String p = path.startsWith("/") ? path : "/" + path;
      this.path = p.endsWith("/") ? p : p + "/";
      return this;
    }

    /** Adds a query parameter to every request; default none. */
    public Builder query(String name, String value) {
      query.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Adds an HTTP header to every request and WebSocket handshake; default none. */
    public Builder extraHeader(String name, String value) {
      extraHeaders.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Transports in order: {@code polling}, {@code websocket}; default both, polling first. */
    public Builder transports(String... transports) {
      this.transports = List.of(transports);
      return this;
    }

    /** Whether to upgrade from polling to WebSocket; default true. */
    public Builder upgrade(boolean upgrade) {
      this.upgrade = upgrade;
      return this;
    }

    /** Start over WebSocket when a WebSocket connection succeeded before; default false. */
    public Builder rememberUpgrade(boolean rememberUpgrade) {
      this.rememberUpgrade = rememberUpgrade;
      return this;
    }

    /** Try the next transport when one fails to open; default false. */
    public Builder tryAllTransports(boolean tryAllTransports) {
      this.tryAllTransports = tryAllTransports;
      return this;
    }

    /**
     * Whether to add a cache-busting parameter; default: on polling requests only, as the
     * reference. True adds it to WebSocket handshakes too, false to none.
     */
    public Builder timestampRequests(boolean timestampRequests) {
      this.timestampRequests = timestampRequests;
      return this;
    }

    /** Name of the cache-busting parameter; default {@code t}. */
    public Builder timestampParam(String timestampParam) {
      this.timestampParam = Objects.requireNonNull(timestampParam, "timestampParam");
      return this;
    }

    /** Keep cookies set by the server and send them back (sticky sessions); default false. */
    public Builder withCredentials(boolean withCredentials) {
      this.withCredentials = withCredentials;
      return this;
    }

    /** TLS context for {@code https}/{@code wss}; default the JDK's default context. */
    public Builder sslContext(SSLContext sslContext) {
      this.sslContext = sslContext;
      return this;
    }

    /** Whether the certificate must match the host name; default true. */
    public Builder hostnameVerification(boolean hostnameVerification) {
      this.hostnameVerification = hostnameVerification;
      return this;
    }

    /** HTTP proxy to tunnel through (HTTP CONNECT); default none. */
    public Builder proxy(InetSocketAddress proxy) {
      this.proxy = proxy;
      return this;
    }

    /** Whether to reconnect after a lost connection; default true. */
    public Builder reconnection(boolean reconnection) {
      this.reconnection = reconnection;
      return this;
    }

    /** Attempts before giving up; default unlimited. */
    public Builder reconnectionAttempts(int reconnectionAttempts) {
      if (reconnectionAttempts < 0) {
        throw new IllegalArgumentException("reconnectionAttempts < 0");
      }
      this.reconnectionAttempts = reconnectionAttempts;
      return this;
    }

    /** First reconnection delay, doubled at each attempt; default 1 s. */
    public Builder reconnectionDelay(Duration reconnectionDelay) {
      this.reconnectionDelay = positive(reconnectionDelay, "reconnectionDelay");
      return this;
    }

    /** Largest reconnection delay; default 5 s. */
    public Builder reconnectionDelayMax(Duration reconnectionDelayMax) {
      this.reconnectionDelayMax = positive(reconnectionDelayMax, "reconnectionDelayMax");
      return this;
    }

    /** Jitter factor between 0 and 1; default 0.5. */
    public Builder randomizationFactor(double randomizationFactor) {
      if (!(randomizationFactor >= 0 && randomizationFactor <= 1)) {
        throw new IllegalArgumentException("randomizationFactor must be in [0, 1]");
      }
      this.randomizationFactor = randomizationFactor;
      return this;
    }

    /** Time allowed for the connection to open, null for no limit; default 20 s. */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout == null ? null : positive(timeout, "timeout");
      return this;
    }

    /** Give this socket a manager of its own; default false. */
    public Builder forceNew(boolean forceNew) {
      this.forceNew = forceNew;
      return this;
    }

    /** Share one manager between sockets of the same server; default true. */
    public Builder multiplex(boolean multiplex) {
      this.multiplex = multiplex;
      return this;
    }

    /** Connect sockets as soon as they are made; default true. */
    public Builder autoConnect(boolean autoConnect) {
      this.autoConnect = autoConnect;
      return this;
    }

    /**
     * Auth object sent with every CONNECT: a {@code Map}, a POJO or a Jackson {@code ObjectNode}
     * that maps to a JSON object; default none.
     */
    public Builder auth(Object auth) {
      this.auth = auth == null ? null : () -> auth;
      return this;
    }

    /** Supplier of the auth object, called on every (re)connection; default none. */
    public Builder authSupplier(Supplier<?> auth) {
      this.auth = auth;
      return this;
    }

    /** Timeout of every ack (and of each try with {@link #retries}); default none. */
    public Builder ackTimeout(Duration ackTimeout) {
      this.ackTimeout = ackTimeout == null ? null : positive(ackTimeout, "ackTimeout");
      return this;
    }

    /** Times each emit is retried until acknowledged (one in flight at a time); default 0. */
    public Builder retries(int retries) {
      if (retries < 0) {
        throw new IllegalArgumentException("retries < 0");
      }
      this.retries = retries;
      return this;
    }

    /**
     * Most emits a socket buffers while disconnected (and holds in the retry queue); default
     * 10,000. Beyond it {@code emit} returns false and an ack fails with {@code send buffer
     * full}, so that an application emitting while offline cannot exhaust memory (the reference
     * client's buffer is unbounded).
     */
    public Builder maxBufferedEmits(int maxBufferedEmits) {
      if (maxBufferedEmits < 1) {
        throw new IllegalArgumentException("maxBufferedEmits < 1");
      }
      this.maxBufferedEmits = maxBufferedEmits;
      return this;
    }

    /**
     * Where listeners and ack callbacks run. Default: a serial executor per manager on the
     * client's shared worker threads. The executor must run tasks of one manager in order.
     */
    public Builder callbackExecutor(Executor callbackExecutor) {
      this.callbackExecutor = callbackExecutor;
      return this;
    }

    /** Returns the options. */
    public ClientOptions build() {
      if (transports.isEmpty()) {
        throw new IllegalArgumentException("no transports");
      }
      for (String t : transports) {
        if (!t.equals("polling") && !t.equals("websocket")) {
          throw new IllegalArgumentException("unknown transport: " + t);
        }
      }
      if (reconnectionDelayMax.compareTo(reconnectionDelay) < 0) {
        throw new IllegalArgumentException("reconnectionDelayMax < reconnectionDelay");
      }
      return new ClientOptions(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return d;
    }
  }
}
