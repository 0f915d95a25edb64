package io.socketeer.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CorsOptionsTest {
  @Test
  void anyOriginSendsStar() {
    Map<String, String> h = new LinkedHashMap<>();
    CorsOptions.anyOrigin().apply("https://a.example", h);
    assertThat(h).containsExactly(Map.entry("Access-Control-Allow-Origin", "*"));
  }

  @Test
  void preflightNamesMethodsAndEchoesRequestedHeaders() {
    Map<String, String> h = new LinkedHashMap<>();
    CorsOptions.anyOrigin().applyPreflight(null, "x-token", h);
    assertThat(h).containsEntry("Access-Control-Allow-Origin", "*")
        .containsEntry("Access-Control-Allow-Methods", "GET,HEAD,PUT,PATCH,POST,DELETE")
        .containsEntry("Access-Control-Allow-Headers", "x-token")
        .containsEntry("Vary", "Access-Control-Request-Headers");
  }

  @Test
  void allowListSendsOnlyListedOriginsAndNeverReflectsOthers() {
    CorsOptions cors = CorsOptions.origins("https://good.example").withCredentials();
    Map<String, String> good = new LinkedHashMap<>();
    cors.apply("https://good.example", good);
    assertThat(good).containsEntry("Access-Control-Allow-Origin", "https://good.example")
        .containsEntry("Access-Control-Allow-Credentials", "true").containsEntry("Vary", "Origin");
    Map<String, String> evil = new LinkedHashMap<>();
    cors.apply("https://evil.example", evil);
    assertThat(evil).doesNotContainKey("Access-Control-Allow-Origin");
    assertThat(cors.allowsOrigin("https://evil.example")).isFalse();
    assertThat(cors.allowsOrigin("https://good.example")).isTrue();
  }

  @Test
  void reflectOriginEchoesTheRequestOrigin() {
    Map<String, String> h = new LinkedHashMap<>();
    CorsOptions.reflectOrigin().apply("https://x.example", h);
    assertThat(h).containsEntry("Access-Control-Allow-Origin", "https://x.example").containsEntry("Vary", "Origin");
  }

  @Test
  void s1CorsIsOffByDefaultAndNeverReflectsEveryOriginWithCredentials() {
    assertThat(EngineOptions.defaults().cors()).isNull();
    assertThatIllegalStateException().isThrownBy(() -> CorsOptions.reflectOrigin().withCredentials());
    Map<String, String> star = new LinkedHashMap<>();
    CorsOptions.anyOrigin().withCredentials().apply("https://evil.example", star);
    // "*" with credentials: browsers refuse to share the answer, so nothing is reflected.
    assertThat(star).containsEntry("Access-Control-Allow-Origin", "*");
    assertThat(star.values()).doesNotContain("https://evil.example");
  }
}
