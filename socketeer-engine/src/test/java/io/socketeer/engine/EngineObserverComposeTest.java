package io.socketeer.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socketeer.protocol.engineio.EnginePacketType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineObserverComposeTest {
  private final List<String> calls = new ArrayList<>();

  private EngineObserver recorder(String name) {
    return new EngineObserver() {
      @Override
      public void onSessionOpened(EngineSession session) {
        calls.add(name + " opened");
      }

      @Override
      public void onSessionClosed(EngineSession session, CloseReason reason) {
        calls.add(name + " closed " + reason.wireName());
      }

      @Override
      public void onPacketReceived(EngineSession session, EnginePacketType type, int bytes) {
        calls.add(name + " in " + type + " " + bytes);
      }

      @Override
      public void onPacketSent(EngineSession session, EnginePacketType type, int bytes) {
        calls.add(name + " out " + type + " " + bytes);
      }

      @Override
      public void onUpgraded(EngineSession session) {
        calls.add(name + " upgraded");
      }

      @Override
      public void onUpgradeFailed(EngineSession session, String reason) {
        calls.add(name + " upgrade failed " + reason);
      }
    };
  }

  @Test
  void composedObserverCallsBothInOrderForEveryEvent() {
    EngineObserver both = EngineObserver.compose(recorder("a"), recorder("b"));
    both.onSessionOpened(null);
    both.onPacketReceived(null, EnginePacketType.MESSAGE, 5);
    both.onPacketSent(null, EnginePacketType.PING, 0);
    both.onUpgraded(null);
    both.onUpgradeFailed(null, "upgrade timeout");
    both.onSessionClosed(null, CloseReason.TRANSPORT_CLOSE);
    assertThat(calls).containsExactly(
        "a opened", "b opened",
        "a in MESSAGE 5", "b in MESSAGE 5",
        "a out PING 0", "b out PING 0",
        "a upgraded", "b upgraded",
        "a upgrade failed upgrade timeout", "b upgrade failed upgrade timeout",
        "a closed transport close", "b closed transport close");
  }

  @Test
  void nullIsSkippedSoThatNoObserverStaysNone() {
    EngineObserver a = recorder("a");
    assertThat(EngineObserver.compose(a, null)).isSameAs(a);
    assertThat(EngineObserver.compose(null, a)).isSameAs(a);
    assertThat(EngineObserver.compose(null, null)).isNull();
  }

  @Test
  void secondIsCalledWhenFirstThrows() {
    EngineObserver failing = new EngineObserver() {
      @Override
      public void onUpgraded(EngineSession session) {
        throw new IllegalStateException("boom");
      }
    };
    EngineObserver both = EngineObserver.compose(failing, recorder("b"));
    assertThatThrownBy(() -> both.onUpgraded(null)).hasMessage("boom");
    assertThat(calls).containsExactly("b upgraded");
  }
}
