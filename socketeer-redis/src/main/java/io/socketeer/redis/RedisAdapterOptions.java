package io.socketeer.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * Options of the Redis adapters: which variant, and its settings. Immutable; made by {@link
 * #builder()}, validated in {@link Builder#build()}. The defaults are the official Node adapters'.
 */
public final class RedisAdapterOptions {
  /** How the servers of a cluster talk through Redis. */
  public enum Variant {
    /** Classic pub/sub, as {@code createAdapter} of {@code @socket.io/redis-adapter} 8.3. */
    PUBSUB,
    /** Sharded pub/sub (Redis 7), as {@code createShardedAdapter} of {@code @socket.io/redis-adapter} 8.3. */
    SHARDED,
    /** A Redis stream, as {@code @socket.io/redis-streams-adapter} 0.3. */
    STREAMS
  }

  /** Which channels a sharded adapter listens on (the reference's {@code subscriptionMode}). */
  public enum SubscriptionMode {
    /** One channel per namespace only. */
    STATIC,
    /** One more channel per public room (not per socket id); the reference's default. */
    DYNAMIC,
    /** One more channel per room, socket ids included. */
    DYNAMIC_PRIVATE
  }

  private final Variant variant;
  private final String channelPrefix;
  private final Duration requestsTimeout;
  private final Duration heartbeatInterval;
  private final Duration heartbeatTimeout;
  private final SubscriptionMode subscriptionMode;
  private final String streamName;
  private final long maxLen;
  private final int readCount;
  private final Duration blockTime;
  private final String sessionKeyPrefix;

  private RedisAdapterOptions(Builder b) {
    this.variant = b.variant;
    this.channelPrefix = b.channelPrefix;
    this.requestsTimeout = b.requestsTimeout;
    this.heartbeatInterval = b.heartbeatInterval;
    this.heartbeatTimeout = b.heartbeatTimeout;
    this.subscriptionMode = b.subscriptionMode;
    this.streamName = b.streamName;
    this.maxLen = b.maxLen;
    this.readCount = b.readCount;
    this.blockTime = b.blockTime;
    this.sessionKeyPrefix = b.sessionKeyPrefix;
  }

  /** Returns the defaults: classic pub/sub, prefix {@code socket.io}. */
  public static RedisAdapterOptions defaults() {
    return builder().build();
  }

  /** Returns a builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder holding these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.variant = variant;
    b.channelPrefix = channelPrefix;
    b.requestsTimeout = requestsTimeout;
    b.heartbeatInterval = heartbeatInterval;
    b.heartbeatTimeout = heartbeatTimeout;
    b.subscriptionMode = subscriptionMode;
    b.streamName = streamName;
    b.maxLen = maxLen;
    b.readCount = readCount;
    b.blockTime = blockTime;
    b.sessionKeyPrefix = sessionKeyPrefix;
    return b;
  }

  /** Returns the variant; default {@link Variant#PUBSUB}. */
  public Variant variant() {
    return variant;
  }

  /** Returns the prefix of every channel name (the reference's {@code key}/{@code channelPrefix}); default {@code socket.io}. */
  public String channelPrefix() {
    return channelPrefix;
  }

  /** Returns how long a cluster-wide request waits for the other servers; default 5 s. */
  public Duration requestsTimeout() {
    return requestsTimeout;
  }

  /**
   * Returns how often a sharded or streams adapter tells the cluster it is alive when it has
   * published nothing else, or null when heartbeats are off; default 5 s. Not used by {@link
   * Variant#PUBSUB}.
   */
  public Duration heartbeatInterval() {
    return heartbeatInterval;
  }

  /** Returns after how long without a word a server that sent heartbeats is taken for dead; default 10 s. */
  public Duration heartbeatTimeout() {
    return heartbeatTimeout;
  }

  /** Returns the sharded adapter's subscription mode; default {@link SubscriptionMode#DYNAMIC}. */
  public SubscriptionMode subscriptionMode() {
    return subscriptionMode;
  }

  /** Returns the stream's key; default {@code socket.io}. */
  public String streamName() {
    return streamName;
  }

  /** Returns the approximate length the stream is trimmed to ({@code MAXLEN ~}); default 10000. */
  public long maxLen() {
    return maxLen;
  }

  /** Returns how many stream entries one {@code XREAD} returns at most; default 100. */
  public int readCount() {
    return readCount;
  }

  /** Returns how long one {@code XREAD} blocks; default 5 s. */
  public Duration blockTime() {
    return blockTime;
  }

  /** Returns the key prefix of the sessions kept for connection state recovery; default {@code sio:session:}. */
  public String sessionKeyPrefix() {
    return sessionKeyPrefix;
  }

  /** Builds {@link RedisAdapterOptions}. Not thread-safe. */
  public static final class Builder {
    private Variant variant = Variant.PUBSUB;
    private String channelPrefix = "socket.io";
    private Duration requestsTimeout = Duration.ofSeconds(5);
    private Duration heartbeatInterval = Duration.ofSeconds(5);
    private Duration heartbeatTimeout = Duration.ofSeconds(10);
    private SubscriptionMode subscriptionMode = SubscriptionMode.DYNAMIC;
    private String streamName = "socket.io";
    private long maxLen = 10_000;
    private int readCount = 100;
    private Duration blockTime = Duration.ofSeconds(5);
    private String sessionKeyPrefix = "sio:session:";

    private Builder() {}

    /** Sets the variant. */
    public Builder variant(Variant value) {
      this.variant = Objects.requireNonNull(value, "variant");
      return this;
    }

    /** Sets the channel prefix. */
    public Builder channelPrefix(String value) {
      this.channelPrefix = Objects.requireNonNull(value, "channelPrefix");
      return this;
    }

    /** Sets the request timeout. */
    public Builder requestsTimeout(Duration value) {
      this.requestsTimeout = Objects.requireNonNull(value, "requestsTimeout");
      return this;
    }

    /** Sets the heartbeat interval and timeout; a null interval turns heartbeats off. */
    public Builder heartbeat(Duration interval, Duration timeout) {
      this.heartbeatInterval = interval;
      this.heartbeatTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** Sets the sharded adapter's subscription mode. */
    public Builder subscriptionMode(SubscriptionMode value) {
      this.subscriptionMode = Objects.requireNonNull(value, "subscriptionMode");
      return this;
    }

    /** Sets the stream key. */
    public Builder streamName(String value) {
      this.streamName = Objects.requireNonNull(value, "streamName");
      return this;
    }

    /** Sets the approximate maximum stream length. */
    public Builder maxLen(long value) {
      this.maxLen = value;
      return this;
    }

    /** Sets the {@code XREAD COUNT}. */
    public Builder readCount(int value) {
      this.readCount = value;
      return this;
    }

    /** Sets the {@code XREAD BLOCK} time. */
    public Builder blockTime(Duration value) {
      this.blockTime = Objects.requireNonNull(value, "blockTime");
      return this;
    }

    /** Sets the session key prefix. */
    public Builder sessionKeyPrefix(String value) {
      this.sessionKeyPrefix = Objects.requireNonNull(value, "sessionKeyPrefix");
      return this;
    }

    /**
     * Returns the options.
     *
     * @throws IllegalArgumentException when a duration or count is not positive, or the heartbeat
     *     timeout is not longer than the interval
     */
    public RedisAdapterOptions build() {
      positive(requestsTimeout, "requestsTimeout");
      positive(blockTime, "blockTime");
      positive(heartbeatTimeout, "heartbeatTimeout");
      if (heartbeatInterval != null) {
        positive(heartbeatInterval, "heartbeatInterval");
        if (heartbeatTimeout.compareTo(heartbeatInterval) <= 0) {
          throw new IllegalArgumentException("heartbeatTimeout must be longer than heartbeatInterval");
        }
      }
      if (maxLen <= 0 || readCount <= 0) {
        throw new IllegalArgumentException("maxLen and readCount must be positive");
      }
      return new RedisAdapterOptions(this);
    }

    private static void positive(Duration d, String name) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + d);
      }
    }
  }
}
