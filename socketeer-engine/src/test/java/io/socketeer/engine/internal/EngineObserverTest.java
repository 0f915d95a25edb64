package io.socketeer.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketeer.engine.CloseReason;
import io.socketeer.engine.EngineObserver;
import io.socketeer.engine.EngineOptions;
import io.socketeer.engine.EngineSession;
import io.socketeer.protocol.engineio.EnginePacketType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an {@link EngineObserver} sees, in virtual time with fake transports. */
class EngineObserverTest {
  /** Observer calls as strings: "open:polling", "in:polling:MESSAGE:5", "upgraded", ... */
  private final List<String> seen = new ArrayList<>();

  private final EngineObserver observer = new EngineObserver() {
    @Override
    public void onSessionOpened(EngineSession session) {
      seen.add("open:" + session.transport());
    }

    @Override
    public void onSessionClosed(EngineSession session, CloseReason reason) {
      seen.add("close:" + session.transport() + ":" + reason.wireName());
    }

    @Override
    public void onPacketReceived(EngineSession session, EnginePacketType type, int bytes) {
      seen.add("in:" + session.transport() + ":" + type + ":" + bytes);
    }

    @Override
    public void onPacketSent(EngineSession session, EnginePacketType type, int bytes) {
      seen.add("out:" + session.transport() + ":" + type + ":" + bytes);
    }

    @Override
    public void onUpgraded(EngineSession session) {
      seen.add("upgraded");
    }

    @Override
    public void onUpgradeFailed(EngineSession session, String reason) {
      seen.add("upgrade failed:" + reason);
    }
  };

  private final EngineHarness h = new EngineHarness(EngineOptions.builder()
      .pingInterval(Duration.ofSeconds(60)).pingTimeout(Duration.ofSeconds(60)).observer(observer).build());

  @Test
  void pollingSessionPacketsWithTheirUtf8SizesThenUpgradeAndClose() {
    String sid = h.handshake();
    assertThat(seen).hasSize(2);
    assertThat(seen.get(0)).isEqualTo("open:polling");
    assertThat(seen.get(1)).matches("out:polling:OPEN:[1-9][0-9]*");
    seen.clear();

    h.post(sid, "4h\u00e9\u20ac\ud83d\ude00\u001ebAQID");   // 1 + 2 + 3 + 4 bytes, then 3 binary bytes
    assertThat(seen).containsExactly("in:polling:MESSAGE:10", "in:polling:MESSAGE:3");
    seen.clear();
    assertThat(h.get(sid).text()).startsWith("4h");
    assertThat(seen).containsExactly("out:polling:MESSAGE:10", "out:polling:MESSAGE:3");
    seen.clear();

    FakeWebSocket ws = h.probe(sid);
    ws.clientText("2probe");
    ws.clientText("5");
    assertThat(seen).containsExactly("upgraded");
    seen.clear();
    ws.clientText("4abc");
    assertThat(seen).containsExactly("in:websocket:MESSAGE:3", "out:websocket:MESSAGE:3");
    seen.clear();
    ws.clientText("1");
    assertThat(seen).containsExactly("in:websocket:CLOSE:0", "close:websocket:transport close");
  }

  @Test
  void upgradeTimeoutIsAFailedUpgrade() {
    String sid = h.handshake();
    FakeWebSocket ws = h.probe(sid);
    ws.clientText("2probe");
    seen.clear();
    h.advance(9_999);
    assertThat(seen).isEmpty();
    h.advance(1);
    assertThat(seen).containsExactly("upgrade failed:upgrade timeout");
  }

  @Test
  void probeThatClosesIsAFailedUpgrade() {
    String sid = h.handshake();
    FakeWebSocket ws = h.probe(sid);
    seen.clear();
    ws.clientClose();
    assertThat(seen).containsExactly("upgrade failed:probe closed");
  }

  @Test
  void webSocketOnlySessionOpensOnWebSocket() {
    h.websocket(EngineHarness.query("EIO", "4", "transport", "websocket"));
    assertThat(seen.get(0)).isEqualTo("open:websocket");
    assertThat(seen.get(1)).startsWith("out:websocket:OPEN:");
  }

  @Test
  void utf8LengthCountsLikeTheEncoderLoneSurrogatesAsReplacementCharacters() {
    for (String s : List.of("", "a", "\u00e9", "\u20ac", "\ud83d\ude00", "\ud83d", "x\ude00y")) {
      assertThat(Session.utf8Length(s)).as(s).isEqualTo(io.socketeer.protocol.internal.ByteSink.utf8(s).length);
    }
  }
}
