package io.socketeer.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EngineEndpointTest {
  @Test
  void utf8LengthMatchesTheEncoder() {
    Random random = new Random(42);
    String[] alphabet = {"a", "é", "€", "😀", "\u0000", "\u07ff", "\u0800", "\uffff"};
    for (int i = 0; i < 1000; i++) {
      StringBuilder b = new StringBuilder();
      int n = random.nextInt(20);
      for (int j = 0; j < n; j++) {
        b.append(alphabet[random.nextInt(alphabet.length)]);
      }
      String s = b.toString();
      assertThat(EngineEndpoint.utf8Length(s)).as(s).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
    }
  }

  @Test
  void aSurrogatePairSplitAcrossPartsStillCountsFourBytes() {
    String emoji = "😀";
    assertThat(EngineEndpoint.utf8Length(emoji.substring(0, 1)) + EngineEndpoint.utf8Length(emoji.substring(1)))
        .isEqualTo(4);
  }
}
