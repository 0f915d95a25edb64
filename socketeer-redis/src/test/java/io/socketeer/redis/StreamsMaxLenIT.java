package io.socketeer.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.socketeer.redis.RedisAdapterOptions.Variant;
import io.socketeer.server.ServerOptions;
import io.socketeer.server.SocketIoServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The stream is trimmed to about {@code maxLen} entries ({@code XADD MAXLEN ~}), as the reference does. */
class StreamsMaxLenIT {
  @Test
  void streamIsTrimmedToAboutMaxLen() throws Exception {
    try (RedisServer redis = RedisServer.start()) {
      RedisClient client = RedisClient.create(redis.uri());
      SocketIoServer io = SocketIoServer.create(ServerOptions.builder().adapterFactory(RedisAdapter.factory(client,
          RedisAdapterOptions.builder().variant(Variant.STREAMS).streamName("trimmed").maxLen(50).build())).build());
      try (StatefulRedisConnection<String, String> check = client.connect()) {
        io.of("/");
        for (int i = 0; i < 2000; i++) {
          io.emit("news", i);
        }
        // Approximate trimming removes whole macro nodes (100 entries by default), never below maxLen.
        await().atMost(Duration.ofSeconds(10)).until(() -> entriesAdded(check) >= 2000);
        assertThat(check.sync().xlen("trimmed")).isBetween(50L, 300L);
      } finally {
        io.close();
        client.shutdown();
      }
    }
  }

  /** XINFO STREAM's {@code entries-added}: every entry ever added, trimmed or not (Redis 7). */
  private static long entriesAdded(StatefulRedisConnection<String, String> check) {
    if (check.sync().exists("trimmed") == 0) {
      return 0;
    }
    java.util.List<Object> info = check.sync().xinfoStream("trimmed");
    for (int i = 0; i + 1 < info.size(); i += 2) {
      if ("entries-added".equals(String.valueOf(info.get(i)))) {
        return ((Number) info.get(i + 1)).longValue();
      }
    }
    throw new AssertionError("no entries-added in " + info);
  }
}
