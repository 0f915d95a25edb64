package io.socketeer.engine;

import io.socketeer.engine.spi.EngineRequest;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of an {@link EngineServer}, immutable, with the reference server's defaults. Create with
 * {@link #builder()} or {@link #defaults()}; derive with {@link #toBuilder()}.
 */
public final class EngineOptions {
  /** Decides whether a handshake may proceed (the reference's {@code allowRequest}). */
  @FunctionalInterface
  public interface HandshakeFilter {
    /**
     * Returns null to accept the handshake, or the refusal message (an empty string means the
     * default {@code Forbidden}); the client gets 403 with code 4. Runs on an I/O thread: do not
     * block.
     */
    String refuse(EngineRequest request);
  }

  private final Duration pingInterval;
  private final Duration pingTimeout;
  private final Duration upgradeTimeout;
  private final Duration pollingCloseTimeout;
  private final int maxHttpBufferSize;
  private final boolean polling;
  private final boolean websocket;
  private final boolean allowUpgrades;
  private final boolean allowEio3;
  private final String path;
  private final CorsOptions cors;
  private final String initialPacket;
  private final HandshakeFilter allowRequest;
  private final int httpCompressionThreshold;
  private final int perMessageDeflateThreshold;
  private final long maxBufferedBytes;
  private final int maxBufferedPackets;
  private final String cookie;
  private final EngineObserver observer;

  private EngineOptions(Builder b) {
    this.pingInterval = b.pingInterval;
    this.pingTimeout = b.pingTimeout;
    this.upgradeTimeout = b.upgradeTimeout;
    this.pollingCloseTimeout = b.pollingCloseTimeout;
    this.maxHttpBufferSize = b.maxHttpBufferSize;
    this.polling = b.polling;
    this.websocket = b.websocket;
    this.allowUpgrades = b.allowUpgrades;
    this.allowEio3 = b.allowEio3;
    this.path = b.path;
    this.cors = b.cors;
    this.initialPacket = b.initialPacket;
    this.allowRequest = b.allowRequest;
    this.httpCompressionThreshold = b.httpCompressionThreshold;
    this.perMessageDeflateThreshold = b.perMessageDeflateThreshold;
    this.maxBufferedBytes = b.maxBufferedBytes;
    this.maxBufferedPackets = b.maxBufferedPackets;
    this.cookie = b.cookie;
    this.observer = b.observer;
  }

  /** Returns the defaults of the reference server. */
  public static EngineOptions defaults() {
    return builder().build();
  }

  /** Returns a builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder holding these settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.pingInterval = pingInterval;
    b.pingTimeout = pingTimeout;
    b.upgradeTimeout = upgradeTimeout;
    b.pollingCloseTimeout = pollingCloseTimeout;
    b.maxHttpBufferSize = maxHttpBufferSize;
    b.polling = polling;
    b.websocket = websocket;
    b.allowUpgrades = allowUpgrades;
    b.allowEio3 = allowEio3;
    b.path = path;
    b.cors = cors;
    b.initialPacket = initialPacket;
    b.allowRequest = allowRequest;
    b.httpCompressionThreshold = httpCompressionThreshold;
    b.perMessageDeflateThreshold = perMessageDeflateThreshold;
    b.maxBufferedBytes = maxBufferedBytes;
    b.maxBufferedPackets = maxBufferedPackets;
    b.cookie = cookie;
    b.observer = observer;
    return b;
  }

  /** Time between server pings (v4) or expected client pings (v3); default 25 s. */
  public Duration pingInterval() {
    return pingInterval;
  }

  /** Time the client has to answer a ping; default 20 s. */
  public Duration pingTimeout() {
    return pingTimeout;
  }

  /** Time an upgrade may take from the WebSocket opening to the {@code 5} packet; default 10 s. */
  public Duration upgradeTimeout() {
    return upgradeTimeout;
  }

  /** Time a server-side close waits for the next polling GET; default 30 s. */
  public Duration pollingCloseTimeout() {
    return pollingCloseTimeout;
  }

  /** Largest POST body and WebSocket message in bytes, advertised as {@code maxPayload}; default 1,000,000. */
  public int maxHttpBufferSize() {
    return maxHttpBufferSize;
  }

  /** Whether HTTP long-polling is enabled; default true. */
  public boolean pollingEnabled() {
    return polling;
  }

  /** Whether WebSocket is enabled; default true. */
  public boolean websocketEnabled() {
    return websocket;
  }

  /** Whether polling sessions may upgrade to WebSocket; default true. */
  public boolean allowUpgrades() {
    return allowUpgrades;
  }

  /** Whether Engine.IO v3 clients (Socket.IO v2) are accepted; default false. */
  public boolean allowEio3() {
    return allowEio3;
  }

  /** The path prefix the engine serves, always ending with {@code /}; default {@code /engine.io/}. */
  public String path() {
    return path;
  }

  /** CORS settings, or null when CORS is off (the default). */
  public CorsOptions cors() {
    return cors;
  }

  /** Data of a message queued right after the open packet, or null (the default). */
  public String initialPacket() {
    return initialPacket;
  }

  /** The observer of sessions, packets and upgrades, or null (the default: none). */
  public EngineObserver observer() {
    return observer;
  }

  /** The handshake filter, or null (the default: every handshake proceeds). */
  public HandshakeFilter allowRequest() {
    return allowRequest;
  }

  /**
   * Smallest polling answer, in bytes, that is gzip- or deflate-compressed when the request allows
   * it ({@code Accept-Encoding}); -1 when HTTP compression is off. Default 1024, as the reference's
   * {@code httpCompression}.
   */
  public int httpCompressionThreshold() {
    return httpCompressionThreshold;
  }

  /**
   * Smallest WebSocket message, in bytes, that is sent compressed when the client negotiated the
   * {@code permessage-deflate} extension; -1 when the extension is refused (the default, as the
   * reference's {@code perMessageDeflate: false}: each compressed connection holds a deflater and
   * an inflater, several hundred kilobytes).
   */
  public int perMessageDeflateThreshold() {
    return perMessageDeflateThreshold;
  }

  /**
   * Most bytes waiting for one client: packets queued while no transport can take them (a polling
   * client between requests, an upgrade in progress) or written to a WebSocket whose peer does
   * not read. Past it the session ends with {@code transport error}. Default 16 MiB (the
   * reference has no limit).
   */
  public long maxBufferedBytes() {
    return maxBufferedBytes;
  }

  /** Most packets (or WebSocket frames) waiting for one client, as {@link #maxBufferedBytes}; default 100,000. */
  public int maxBufferedPackets() {
    return maxBufferedPackets;
  }

  /**
   * Name of the cookie that carries the session id in the answer to a polling handshake ({@code
   * Set-Cookie: <name>=<sid>; Path=/; HttpOnly; SameSite=Lax}), or null when no cookie is set (the
   * default, as the reference's {@code cookie: false}).
   */
  public String cookie() {
    return cookie;
  }

  @Override
  public String toString() {
    return "EngineOptions{pingInterval=" + pingInterval + ", pingTimeout=" + pingTimeout
        + ", upgradeTimeout=" + upgradeTimeout + ", maxHttpBufferSize=" + maxHttpBufferSize
        + ", polling=" + polling + ", websocket=" + websocket + ", allowUpgrades=" + allowUpgrades
        + ", allowEio3=" + allowEio3 + ", path=" + path + ", cors=" + cors
        + ", perMessageDeflateThreshold=" + perMessageDeflateThreshold + "}";
  }

  /** Builds {@link EngineOptions}; not thread-safe. */
  public static final class Builder {
    private Duration pingInterval = Duration.ofSeconds(25);
    private Duration pingTimeout = Duration.ofSeconds(20);
    private Duration upgradeTimeout = Duration.ofSeconds(10);
    private Duration pollingCloseTimeout = Duration.ofSeconds(30);
    private int maxHttpBufferSize = 1_000_000;
    private boolean polling = true;
    private boolean websocket = true;
    private boolean allowUpgrades = true;
    private boolean allowEio3;
    private String path = "/engine.io/";
    private CorsOptions cors;
    private String initialPacket;
    private HandshakeFilter allowRequest;
    private int httpCompressionThreshold = 1024;
    private int perMessageDeflateThreshold = -1;
    private long maxBufferedBytes = 16L << 20;
    private int maxBufferedPackets = 100_000;
    private String cookie;
    private EngineObserver observer;

    private Builder() {}

    /** Sets the ping interval (default 25 s). */
    public Builder pingInterval(Duration d) {
      this.pingInterval = positive(d, "pingInterval");
      return this;
    }

    /** Sets the ping timeout (default 20 s). */
    public Builder pingTimeout(Duration d) {
      this.pingTimeout = positive(d, "pingTimeout");
      return this;
    }

    /** Sets the upgrade timeout (default 10 s). */
    public Builder upgradeTimeout(Duration d) {
      this.upgradeTimeout = positive(d, "upgradeTimeout");
      return this;
    }

    /** Sets how long a server-side close waits for a polling GET (default 30 s). */
    public Builder pollingCloseTimeout(Duration d) {
      this.pollingCloseTimeout = positive(d, "pollingCloseTimeout");
      return this;
    }

    /** Sets the largest POST body and WebSocket message in bytes (default 1,000,000). */
    public Builder maxHttpBufferSize(int bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxHttpBufferSize must be positive: " + bytes);
      }
      this.maxHttpBufferSize = bytes;
      return this;
    }

    /** Enables or disables HTTP long-polling (default enabled). */
    public Builder polling(boolean enabled) {
      this.polling = enabled;
      return this;
    }

    /** Enables or disables WebSocket (default enabled). */
    public Builder websocket(boolean enabled) {
      this.websocket = enabled;
      return this;
    }

    /** Allows or forbids upgrades from polling to WebSocket (default allowed). */
    public Builder allowUpgrades(boolean allow) {
      this.allowUpgrades = allow;
      return this;
    }

    /** Accepts Engine.IO v3 clients (default false). */
    public Builder allowEio3(boolean allow) {
      this.allowEio3 = allow;
      return this;
    }

    /**
     * Sets the path; one trailing slash is removed and one added, as the reference does (default
     * {@code /engine.io/}).
     */
    public Builder path(String path) {
      Objects.requireNonNull(path, "path");
      String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
      if (!p.startsWith("/")) {
        p = "/" + p;
      }
      this.path = p + "/";
      return this;
    }

    /** Turns CORS on with these settings, or off with null (default off). */
    public Builder cors(CorsOptions cors) {
      this.cors = cors;
      return this;
    }

    /** Queues a message with this data right after every open packet (default none). */
    public Builder initialPacket(String data) {
      this.initialPacket = data;
      return this;
    }

    /** Sets the observer of sessions, packets and upgrades, or none with null (default none). */
    public Builder observer(EngineObserver observer) {
      this.observer = observer;
      return this;
    }

    /** Sets the handshake filter (default none). */
    public Builder allowRequest(HandshakeFilter filter) {
      this.allowRequest = filter;
      return this;
    }

    /**
     * Compresses polling answers of at least {@code threshold} bytes when the client accepts gzip
     * or deflate (default 1024).
     */
    public Builder httpCompressionThreshold(int threshold) {
      if (threshold < 0) {
        throw new IllegalArgumentException("threshold must not be negative: " + threshold);
      }
      this.httpCompressionThreshold = threshold;
      return this;
    }

    /**
     * Sets the session cookie's name ({@code io} is the reference's), or null for no cookie (the
     * default).
     *
     * @throws IllegalArgumentException if the name is not a valid cookie name
     */
    public Builder cookie(String name) {
      if (name != null && !name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
        throw new IllegalArgumentException("not a cookie name: " + name);
      }
      this.cookie = name;
      return this;
    }

    /**
     * Accepts the {@code permessage-deflate} WebSocket extension when a client offers it, and then
     * compresses messages of at least {@code threshold} bytes (the reference's
     * {@code perMessageDeflate: true} means 1024) unless they were sent without compression.
     * Incoming compressed messages are inflated no further than {@link #maxHttpBufferSize}. Off by
     * default.
     */
    public Builder perMessageDeflate(int threshold) {
      if (threshold < 0) {
        throw new IllegalArgumentException("threshold must not be negative: " + threshold);
      }
      this.perMessageDeflateThreshold = threshold;
      return this;
    }

    /**
     * Bounds what may wait for one slow client (default 16 MiB and 100,000 packets); past either
     * the session ends with {@code transport error}. Volatile Socket.IO packets are dropped
     * earlier, as soon as a WebSocket stops being writable.
     */
    public Builder maxBuffered(long bytes, int packets) {
      if (bytes < 1 || packets < 1) {
        throw new IllegalArgumentException("buffer limits must be positive: " + bytes + " bytes, " + packets + " packets");
      }
      this.maxBufferedBytes = bytes;
      this.maxBufferedPackets = packets;
      return this;
    }

    /** Refuses the {@code permessage-deflate} extension (the default). */
    public Builder noPerMessageDeflate() {
      this.perMessageDeflateThreshold = -1;
      return this;
    }

    /** Turns HTTP compression of polling answers off (it is on by default). */
    public Builder noHttpCompression() {
      this.httpCompressionThreshold = -1;
      return this;
    }

    /**
     * Returns the options.
     *
     * @throws IllegalStateException if no transport is enabled
     */
    public EngineOptions build() {
      if (!polling && !websocket) {
        throw new IllegalStateException("at least one transport must be enabled");
      }
      return new EngineOptions(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + d);
      }
      return d;
    }
  }
}
