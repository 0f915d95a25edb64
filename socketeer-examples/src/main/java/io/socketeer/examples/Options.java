package io.socketeer.examples;

import java.util.HashMap;
import java.util.Map;

/** Command-line options of the form {@code --name value}. Immutable. */
final class Options {
  private final Map<String, String> values;

  private Options(Map<String, String> values) {
    this.values = values;
  }

  /** Parses {@code --name value} pairs. */
  static Options parse(String[] args) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value, got: " + args[i]);
      }
      values.put(args[i].substring(2), args[++i]);
    }
    return new Options(values);
  }

  /** Returns an integer option, or {@code fallback} when absent. */
  int intValue(String name, int fallback) {
    String v = values.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " needs a number, got: " + v);
    }
  }

  /** Returns a text option, or null when absent. */
  String value(String name) {
    return values.get(name);
  }

  /**
   * Returns the Redis adapter variant of {@code --redis-adapter pubsub|sharded|streams}; default
   * {@code pubsub}.
   *
   * @throws IllegalArgumentException for any other value
   */
  io.socketeer.redis.RedisAdapterOptions.Variant redisVariant() {
    String v = value("redis-adapter");
    if (v == null) {
      return io.socketeer.redis.RedisAdapterOptions.Variant.PUBSUB;
    }
    switch (v) {
      case "pubsub":
        return io.socketeer.redis.RedisAdapterOptions.Variant.PUBSUB;
      case "sharded":
        return io.socketeer.redis.RedisAdapterOptions.Variant.SHARDED;
      case "streams":
        return io.socketeer.redis.RedisAdapterOptions.Variant.STREAMS;
      default:
        throw new IllegalArgumentException("--redis-adapter needs pubsub, sharded or streams, got: " + v);
    }
  }

  /**
   * Returns server options that join a cluster on Redis when {@code --redis redis://HOST:PORT} is
   * given, with the adapter {@code --redis-adapter} names (the in-memory adapter otherwise). The
   * streams adapter comes with connection state recovery, which it carries across servers.
   */
  io.socketeer.server.ServerOptions.Builder serverOptions() {
    io.socketeer.server.ServerOptions.Builder b = io.socketeer.server.ServerOptions.builder();
    String redis = value("redis");
    if (redis == null && value("redis-adapter") != null) {
      throw new IllegalArgumentException("--redis-adapter needs --redis URI");
    }
    if (redis != null) {
      io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(redis);
      client.setOptions(io.lettuce.core.ClientOptions.builder()
          .disconnectedBehavior(io.lettuce.core.ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
      io.socketeer.redis.RedisAdapterOptions.Variant variant = redisVariant();
      b.adapterFactory(io.socketeer.redis.RedisAdapter.factory(client,
          io.socketeer.redis.RedisAdapterOptions.builder().variant(variant).build()));
      if (variant == io.socketeer.redis.RedisAdapterOptions.Variant.STREAMS) {
        b.connectionStateRecovery(io.socketeer.server.RecoveryOptions.defaults());
      }
    }
    return b;
  }

  /** Returns the {@code --port} option; default 3000. */
  int port() {
    return intValue("port", 3000);
  }
}
