package io.socketeer.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketeer.engine.EngineOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The upgrade from polling to WebSocket (digest section 9) in virtual time. */
class UpgradeTest {
  private final EngineHarness h = new EngineHarness(
      EngineOptions.builder().pingInterval(Duration.ofSeconds(60)).pingTimeout(Duration.ofSeconds(60)).build());

  @Test
  void probeIsAnsweredAndPendingGetReleasedWithNoopEvery100Ms() {
    String sid = h.handshake();
    FakeWebSocket ws = h.probe(sid);
    FakeExchange get = h.get(sid);
    ws.clientText("2probe");
    assertThat(ws.frames).containsExactly("3probe");
    h.advance(99);
    assertThat(get.responded()).isFalse();
    h.advance(1);
    assertThat(get.text()).isEqualTo("6");
    FakeExchange next = h.get(sid);
    h.advance(99);
    assertThat(next.responded()).isFalse();
    h.advance(1);
    assertThat(next.text()).isEqualTo("6");
  }

  @Test
  void upgradeFlushesBufferedPacketsOverWebSocketInOrder() {
    String sid = h.handshake();
    FakeWebSocket ws = h.probe(sid);
    ws.clientText("2probe");
    assertThat(h.post(sid, "4a\u001e4b\u001ebAQID").text()).isEqualTo("ok");
    ws.clientText("5");
    assertThat(ws.frames).hasSize(4);
    assertThat(ws.frames.subList(0, 3)).containsExactly("3probe", "4a", "4b");
    assertThat((byte[]) ws.frames.get(3)).containsExactly(1, 2, 3);
    assertThat(h.core.session(sid).transport()).isEqualTo("websocket");
    ws.clientText("4c");
    assertThat(ws.frames).last().isEqualTo("4c");
    FakeExchange stale = h.get(sid);
    assertThat(stale.status).isEqualTo(400);
    assertThat(stale.text()).isEqualTo("{\"code\":3,\"message\":\"Bad request\"}");
    assertThat(h.core.sessionCount()).isEqualTo(1);
  }

  @Test
  void upgradeTimeoutClosesProbeAndKeepsPolling() {
    String sid = h.handshake();
    FakeWebSocket ws = h.probe(sid);
    ws.clientText("2probe");
    h.advance(9_999);
    assertThat(ws.closed).isFalse();
    h.advance(1);
    assertThat(ws.closed).isTrue();
    assertThat(h.core.session(sid).transport()).isEqualTo("polling");
    h.post(sid, "4hi");
    assertThat(h.get(sid).text()).isEqualTo("4hi");
    // The noop timer stopped with the probe.
    FakeExchange get = h.get(sid);
    h.advance(1_000);
    assertThat(get.responded()).isFalse();
  }

  @Test
  void otherPacketOnProbeAbortsUpgrade() {
    String sid = h.handshake();
    FakeWebSocket ws = h.probe(sid);
    ws.clientText("4hello");
    assertThat(ws.closed).isTrue();
    assertThat(h.core.session(sid).transport()).isEqualTo("polling");
    assertThat(h.events).containsExactly("open");
    FakeWebSocket again = h.probe(sid);
    again.clientText("2probe");
    again.clientText("5");
    assertThat(h.core.session(sid).transport()).isEqualTo("websocket");
  }

  @Test
  void secondWebSocketForUpgradedSessionIsClosedAndFirstKeepsWorking() {
    String sid = h.handshake();
    FakeWebSocket ws = h.probe(sid);
    ws.clientText("2probe");
    ws.clientText("5");
    FakeWebSocket second = h.probe(sid);
    assertThat(second).isNotNull();
    assertThat(second.closed).isTrue();
    ws.clientText("4still");
    assertThat(ws.frames).last().isEqualTo("4still");
  }

  @Test
  void secondProbeDuringUpgradeIsClosed() {
    String sid = h.handshake();
    FakeWebSocket first = h.probe(sid);
    FakeWebSocket second = h.probe(sid);
    assertThat(second.closed).isTrue();
    assertThat(first.closed).isFalse();
  }

  @Test
  void sessionClosingDuringProbeClosesProbe() {
    String sid = h.handshake();
    FakeWebSocket ws = h.probe(sid);
    h.post(sid, "1");
    assertThat(ws.closed).isTrue();
    assertThat(h.core.sessionCount()).isZero();
  }

  @Test
  void closedUpgradedWebSocketEndsSessionWithTransportClose() {
    String sid = h.handshake();
    FakeWebSocket ws = h.probe(sid);
    ws.clientText("2probe");
    ws.clientText("5");
    ws.clientClose();
    assertThat(h.events).containsExactly("open", "close:transport close");
    assertThat(h.core.sessionCount()).isZero();
  }
}
