package io.socketeer.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestHeadTest {
  @Test
  void queryIsDecodedInOrderWithTheFirstValueOfEachName() {
    Map<String, String> q = RequestHead.parseQuery("EIO=4&transport=polling&t=a%20b+c&EIO=3&flag&&x=%E2%82%AC");
    assertThat(List.copyOf(q.keySet())).containsExactly("EIO", "transport", "t", "flag", "x");
    assertThat(q).containsEntry("EIO", "4").containsEntry("t", "a b c").containsEntry("flag", "")
        .containsEntry("x", "€");
  }

  @Test
  void emptyOrMissingQueryHasNoParameters() {
    assertThat(RequestHead.parseQuery(null)).isEmpty();
    assertThat(RequestHead.parseQuery("")).isEmpty();
  }

  @Test
  void malformedPercentEncodingIsRefused() {
    assertThatThrownBy(() -> RequestHead.parseQuery("sid=%zz")).isInstanceOf(IllegalArgumentException.class);
  }
}
