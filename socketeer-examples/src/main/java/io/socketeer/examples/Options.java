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
   * Returns server options that join a cluster on Redis when {@code --redis redis://HOST:PORT} is
   * given (the in-memory adapter otherwise).
   */
  io.socketeer.server.ServerOptions.Builder serverOptions() {
    io.socketeer.server.ServerOptions.Builder b = io.socketeer.server.ServerOptions.builder();
    String redis = value("redis");
    if (redis != null) {
      io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(redis);
      client.setOptions(io.lettuce.core.ClientOptions.builder()
          .disconnectedBehavior(io.lettuce.core.ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
      b.adapterFactory(io.socketeer.redis.RedisAdapter.factory(client));
    }
    return b;
  }

  /** Returns the {@code --port} option; default 3000. */
  int port() {
    return intValue("port", 3000);
  }
}
