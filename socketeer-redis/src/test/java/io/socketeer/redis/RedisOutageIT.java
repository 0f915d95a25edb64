package io.socketeer.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.socketeer.netty.NettySocketIoServer;
import io.socketeer.server.ServerOptions;
import io.socketeer.server.SocketIoServer;
import io.socketeer.testkit.RawSocketIoPeer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import io.socketeer.redis.RedisAdapterOptions.Variant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Redis dies while two Socketeer servers broadcast, and comes back: local delivery never stops,
 * nothing throws, and once Redis is back the servers reach each other's clients again without
 * being restarted (Lettuce reconnects and subscribes again; the streams adapter reads on). Each
 * adapter variant.
 */
class RedisOutageIT {
  private static SocketIoServer node(RedisClient redis, Variant variant) {
    return SocketIoServer.create(ServerOptions.builder()
        .adapterFactory(RedisAdapter.factory(redis, RedisAdapterOptions.builder().variant(variant).build())).build());
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void theClusterHealsAfterRedisRestarts(Variant variant) throws Exception {
    try (RedisServer redis = RedisServer.start()) {
      RedisClient client = RedisClient.create(redis.uri());
      client.setOptions(ClientOptions.builder()
          .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
      SocketIoServer a = node(client, variant);
      SocketIoServer b = node(client, variant);
      try (NettySocketIoServer serverA = NettySocketIoServer.start(a, 0);
          NettySocketIoServer serverB = NettySocketIoServer.start(b, 0)) {
        RawSocketIoPeer onA = RawSocketIoPeer.open(serverA.port()).join();
        RawSocketIoPeer onB = RawSocketIoPeer.open(serverB.port()).join();

        a.emit("news", "before");
        await().atMost(5, TimeUnit.SECONDS).until(() -> onB.received().contains("42[\"news\",\"before\"]"));

        redis.kill();
        for (int i = 0; i < 20; i++) {
          a.emit("news", "during " + i); // must neither throw nor queue up
        }
        await().atMost(5, TimeUnit.SECONDS).until(() -> onA.received().contains("42[\"news\",\"during 19\"]"));

        redis.startProcess();
        await().atMost(30, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(200)).until(() -> {
          a.emit("news", "after");
          return onB.received().contains("42[\"news\",\"after\"]");
        });
        b.emit("news", "back");
        await().atMost(5, TimeUnit.SECONDS).until(() -> onA.received().contains("42[\"news\",\"back\"]"));
        assertThat(onA.received()).contains("42[\"news\",\"before\"]");
        onA.close();
        onB.close();
      } finally {
        a.close();
        b.close();
        client.shutdown();
      }
    }
  }
}
