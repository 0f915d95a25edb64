package io.socketeer.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EngineOptionsTest {
  @Test
  void defaultsAreThoseOfTheReferenceServer() {
    EngineOptions o = EngineOptions.defaults();
    assertThat(o.pingInterval()).isEqualTo(Duration.ofSeconds(25));
    assertThat(o.pingTimeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(o.upgradeTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(o.pollingCloseTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(o.maxHttpBufferSize()).isEqualTo(1_000_000);
    assertThat(o.pollingEnabled()).isTrue();
    assertThat(o.websocketEnabled()).isTrue();
    assertThat(o.allowUpgrades()).isTrue();
    assertThat(o.allowEio3()).isFalse();
    assertThat(o.path()).isEqualTo("/engine.io/");
    assertThat(o.cors()).isNull();
    assertThat(o.initialPacket()).isNull();
    assertThat(o.allowRequest()).isNull();
    assertThat(o.httpCompressionThreshold()).isEqualTo(1024);
    assertThat(o.perMessageDeflateThreshold()).as("perMessageDeflate is off").isEqualTo(-1);
  }

  @Test
  void pathGetsExactlyOneTrailingSlash() {
    assertThat(EngineOptions.builder().path("/socket.io").build().path()).isEqualTo("/socket.io/");
    assertThat(EngineOptions.builder().path("/socket.io/").build().path()).isEqualTo("/socket.io/");
    assertThat(EngineOptions.builder().path("io").build().path()).isEqualTo("/io/");
  }

  @Test
  void toBuilderKeepsEverySetting() {
    EngineOptions o = EngineOptions.builder().pingInterval(Duration.ofMillis(300)).maxHttpBufferSize(10)
        .allowEio3(true).cors(CorsOptions.anyOrigin()).polling(false).perMessageDeflate(512).build();
    EngineOptions copy = o.toBuilder().build();
    assertThat(copy.pingInterval()).isEqualTo(Duration.ofMillis(300));
    assertThat(copy.maxHttpBufferSize()).isEqualTo(10);
    assertThat(copy.allowEio3()).isTrue();
    assertThat(copy.cors()).isEqualTo(CorsOptions.anyOrigin());
    assertThat(copy.pollingEnabled()).isFalse();
    assertThat(copy.perMessageDeflateThreshold()).isEqualTo(512);
    assertThat(copy.toBuilder().noPerMessageDeflate().build().perMessageDeflateThreshold()).isEqualTo(-1);
  }

  @Test
  void invalidValuesAreRefused() {
    assertThatThrownBy(() -> EngineOptions.builder().pingInterval(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EngineOptions.builder().pingTimeout(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EngineOptions.builder().maxHttpBufferSize(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EngineOptions.builder().perMessageDeflate(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EngineOptions.builder().polling(false).websocket(false).build())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void pathMatchingIsByPrefixWithTrailingSlash() {
    EngineServer engine = EngineServer.create(EngineOptions.defaults(), s -> null);
    assertThat(engine.handles("/engine.io/")).isTrue();
    assertThat(engine.handles("/engine.io/anything")).isTrue();
    assertThat(engine.handles("/engine.io")).isFalse();
    assertThat(engine.handles("/other/")).isFalse();
  }
}
