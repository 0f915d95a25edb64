package io.socketeer.engine.internal;

import static io.socketeer.engine.internal.EngineHarness.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.socketeer.engine.EngineOptions;
import org.junit.jupiter.api.Test;

/** Heartbeat timers of digest section 8, each checked at both edges in virtual time. */
class HeartbeatTest {
  private final EngineHarness h = new EngineHarness();

  @Test
  void firstPingIsSentExactlyOnePingIntervalAfterTheHandshake() {
    String sid = h.handshake();
    FakeExchange get = h.get(sid);
    h.advance(24_999);
    assertThat(get.responded()).isFalse();
    h.advance(1);
    assertThat(get.status).isEqualTo(200);
    assertThat(get.text()).isEqualTo("2");
  }

  @Test
  void missingPongClosesSessionWithPingTimeoutAfterPingTimeout() {
    String sid = h.handshake();
    h.advance(25_000);
    h.advance(19_999);
    assertThat(h.core.sessionCount()).isEqualTo(1);
    assertThat(h.events).doesNotContain("close:ping timeout");
    h.advance(1);
    assertThat(h.events).containsExactly("open", "close:ping timeout");
    assertThat(h.core.sessionCount()).isZero();
    assertThat(h.get(sid).text()).isEqualTo("{\"code\":1,\"message\":\"Session ID unknown\"}");
  }

  @Test
  void pendingGetReceivesClosePacketOnPingTimeout() {
    String sid = h.handshake();
    h.advance(25_000); // the ping is buffered: no GET pending
    FakeExchange get = h.get(sid);
    assertThat(get.text()).isEqualTo("2");
    FakeExchange waiting = h.get(sid);
    h.advance(19_999);
    assertThat(waiting.responded()).isFalse();
    h.advance(1);
    assertThat(waiting.text()).isEqualTo("1");
  }

  @Test
  void pongRearmsTheNextPingOnePingIntervalAfterThePong() {
    String sid = h.handshake();
    h.advance(25_000);
    assertThat(h.get(sid).text()).isEqualTo("2");
    h.advance(5_000);
    assertThat(h.post(sid, "3").text()).isEqualTo("ok");
    FakeExchange get = h.get(sid);
    h.advance(24_999);
    assertThat(get.responded()).isFalse();
    assertThat(h.core.sessionCount()).isEqualTo(1);
    h.advance(1);
    assertThat(get.text()).isEqualTo("2");
  }

  @Test
  void otherTrafficDoesNotKeepSessionAlive() {
    h.echo = false;
    String sid = h.handshake();
    h.advance(25_000);
    h.advance(10_000);
    h.post(sid, "4still here");
    h.advance(10_000);
    assertThat(h.events).contains("close:ping timeout");
  }

  @Test
  void pingFromV4ClientIsATransportError() {
    String sid = h.handshake();
    FakeExchange post = h.post(sid, "2");
    assertThat(post.text()).isEqualTo("ok");
    assertThat(h.events).containsExactly("open", "close:transport error");
    assertThat(h.core.sessionCount()).isZero();
  }

  @Test
  void websocketSessionGetsPingFrameAndTimesOut() {
    FakeWebSocket ws = h.websocket(query("EIO", "4", "transport", "websocket"));
    assertThat(ws.frames).hasSize(1);
    h.advance(24_999);
    assertThat(ws.frames).hasSize(1);
    h.advance(1);
    assertThat(ws.frames).hasSize(2).last().isEqualTo("2");
    ws.clientText("3");
    h.advance(24_999);
    assertThat(ws.frames).hasSize(2);
    h.advance(1);
    assertThat(ws.frames).hasSize(3).last().isEqualTo("2");
    h.advance(20_000);
    assertThat(ws.closed).isTrue();
    assertThat(h.events).containsExactly("open", "close:ping timeout");
  }

  @Test
  void v3ClientMustPingWithinIntervalPlusTimeout() {
    EngineHarness v3 = new EngineHarness(EngineOptions.builder().allowEio3(true).build());
    FakeExchange hs = v3.request("GET", query("EIO", "3", "transport", "polling"), "");
    String open = "0{\"sid\":\"sid1\",\"upgrades\":[\"websocket\"],\"pingInterval\":25000,"
        + "\"pingTimeout\":20000,\"maxPayload\":1000000}";
    assertThat(hs.text()).isEqualTo(open.length() + ":" + open);
    v3.advance(10_000);
    FakeExchange post = v3.request("POST", query("EIO", "3", "transport", "polling", "sid", "sid1"), "1:2");
    assertThat(post.text()).isEqualTo("ok");
    assertThat(v3.request("GET", query("EIO", "3", "transport", "polling", "sid", "sid1"), "").text())
        .isEqualTo("1:3");
    FakeExchange waiting = v3.request("GET", query("EIO", "3", "transport", "polling", "sid", "sid1"), "");
    v3.advance(44_999);
    assertThat(waiting.responded()).isFalse();
    v3.advance(1);
    assertThat(waiting.text()).isEqualTo("1:1");
    assertThat(v3.events).containsExactly("open", "close:ping timeout");
  }

  @Test
  void pongFromV3ClientIsATransportError() {
    EngineHarness v3 = new EngineHarness(EngineOptions.builder().allowEio3(true).build());
    v3.request("GET", query("EIO", "3", "transport", "polling"), "");
    v3.request("POST", query("EIO", "3", "transport", "polling", "sid", "sid1"), "1:3");
    assertThat(v3.events).containsExactly("open", "close:transport error");
  }
}
