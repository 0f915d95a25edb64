package io.socketeer.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socketeer.redis.RedisAdapterOptions.Variant;
import org.junit.jupiter.api.Test;

class OptionsTest {
  @Test
  void redisAdapterNamesTheVariant() {
    assertThat(Options.parse(new String[0]).redisVariant()).isEqualTo(Variant.PUBSUB);
    assertThat(Options.parse(new String[] {"--redis-adapter", "pubsub"}).redisVariant()).isEqualTo(Variant.PUBSUB);
    assertThat(Options.parse(new String[] {"--redis-adapter", "sharded"}).redisVariant()).isEqualTo(Variant.SHARDED);
    assertThat(Options.parse(new String[] {"--redis-adapter", "streams"}).redisVariant()).isEqualTo(Variant.STREAMS);
  }

  @Test
  void unknownRedisAdapterIsRefused() {
    assertThatThrownBy(() -> Options.parse(new String[] {"--redis-adapter", "cluster"}).redisVariant())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pubsub, sharded or streams");
  }

  @Test
  void redisAdapterWithoutRedisIsRefused() {
    assertThatThrownBy(() -> Options.parse(new String[] {"--redis-adapter", "sharded"}).serverOptions())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--redis");
  }
}
