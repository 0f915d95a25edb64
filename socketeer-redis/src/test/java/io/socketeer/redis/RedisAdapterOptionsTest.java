package io.socketeer.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socketeer.redis.RedisAdapterOptions.SubscriptionMode;
import io.socketeer.redis.RedisAdapterOptions.Variant;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedisAdapterOptionsTest {
  @Test
  void defaultsAreTheNodeAdapters() {
    RedisAdapterOptions o = RedisAdapterOptions.defaults();
    assertThat(o.variant()).isEqualTo(Variant.PUBSUB);
    assertThat(o.channelPrefix()).isEqualTo("socket.io");
    assertThat(o.requestsTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(o.heartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(o.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(o.subscriptionMode()).isEqualTo(SubscriptionMode.DYNAMIC);
    assertThat(o.streamName()).isEqualTo("socket.io");
    assertThat(o.maxLen()).isEqualTo(10_000);
    assertThat(o.readCount()).isEqualTo(100);
    assertThat(o.blockTime()).isEqualTo(Duration.ofSeconds(5));
    assertThat(o.sessionKeyPrefix()).isEqualTo("sio:session:");
    assertThat(o.toBuilder().variant(Variant.STREAMS).build().maxLen()).isEqualTo(10_000);
  }

  @Test
  void heartbeatTimeoutMustExceedTheInterval() {
    assertThatThrownBy(() -> RedisAdapterOptions.builder().heartbeat(Duration.ofSeconds(5), Duration.ofSeconds(5)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("heartbeatTimeout");
    assertThat(RedisAdapterOptions.builder().heartbeat(null, Duration.ofSeconds(1)).build().heartbeatInterval()).isNull();
  }

  @Test
  void durationsAndCountsMustBePositive() {
    assertThatThrownBy(() -> RedisAdapterOptions.builder().requestsTimeout(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RedisAdapterOptions.builder().maxLen(0).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nodeIdsAreReadFromResponseChannelsOnly() {
    java.util.List<byte[]> names = java.util.List.of("socket.io#/#".getBytes(), "socket.io#/#0123456789abcdef#".getBytes(),
        "socket.io#/#room#".getBytes(), "socket.io#/chat#fedcba9876543210#".getBytes());
    assertThat(ShardedRedisAdapter.nodeIds(names, "socket.io#/#")).containsExactly("0123456789abcdef");
    assertThat(ShardedRedisAdapter.glob("a*b?[c]\\")).isEqualTo("a\\*b\\?\\[c\\]\\\\");
    assertThat(RedisStreamsAdapter.nextOffset("1700000000000-9")).isEqualTo("1700000000000-10");
  }
}
