package io.socketeer.engine.internal;

import static io.socketeer.engine.internal.EngineHarness.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.socketeer.engine.EngineOptions;
import io.socketeer.protocol.engineio.EnginePacket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every way a session ends (digest section 10), with the answers the client sees. */
class ClosePathTest {
  private final EngineHarness h = new EngineHarness(
      EngineOptions.builder().pingInterval(Duration.ofSeconds(100)).pingTimeout(Duration.ofSeconds(100)).build());

  @Test
  void serverCloseWithGetPendingAnswersItWithClose() {
    String sid = h.handshake();
    FakeExchange get = h.get(sid);
    h.core.session(sid).close();
    assertThat(get.text()).isEqualTo("1");
    assertThat(h.events).containsExactly("open", "close:forced close");
    assertThat(h.core.sessionCount()).isZero();
  }

  @Test
  void serverCloseWithoutGetAnswersNextGetWithNoopThenClose() {
    String sid = h.handshake();
    h.core.session(sid).close();
    assertThat(h.core.sessionCount()).isEqualTo(1);
    assertThat(h.core.session(sid).isOpen()).isFalse();
    assertThat(h.get(sid).text()).isEqualTo("6\u001e1");
    assertThat(h.events).containsExactly("open", "close:forced close");
    assertThat(h.core.sessionCount()).isZero();
  }

  @Test
  void queuedPacketsGoOutBeforeTheClose() {
    String sid = h.handshake();
    FakeExchange get = h.get(sid);
    h.core.session(sid).send(EnginePacket.message("bye"));
    h.core.session(sid).close();
    assertThat(get.text()).isEqualTo("4bye");
    assertThat(h.get(sid).text()).isEqualTo("6\u001e1");
    assertThat(h.core.session(sid)).isNull();
  }

  @Test
  void queuedPacketsWithoutGetGoOutOnNextGetAndCloseOnTheOneAfter() {
    String sid = h.handshake();
    h.core.session(sid).send(EnginePacket.message("bye"));
    h.core.session(sid).close();
    assertThat(h.core.session(sid).send(EnginePacket.message("late"))).isFalse();
    assertThat(h.get(sid).text()).isEqualTo("4bye");
    assertThat(h.get(sid).text()).isEqualTo("6\u001e1");
  }

  @Test
  void serverCloseWithoutAnyGetEndsAfterPollingCloseTimeout() {
    String sid = h.handshake();
    h.core.session(sid).close();
    h.advance(29_999);
    assertThat(h.core.sessionCount()).isEqualTo(1);
    h.advance(1);
    assertThat(h.core.sessionCount()).isZero();
    assertThat(h.events).containsExactly("open", "close:forced close");
  }

  @Test
  void clientClosePacketAnswersPendingGetWithNoop() {
    String sid = h.handshake();
    FakeExchange get = h.get(sid);
    FakeExchange post = h.post(sid, "4last\u001e1\u001e4ignored");
    assertThat(get.text()).isEqualTo("4last");
    assertThat(post.text()).isEqualTo("ok");
    assertThat(h.events).containsExactly("open", "message:last", "close:transport close");
    // The GET was used up by the echo, so one racing GET is still answered with a noop.
    assertThat(h.get(sid).text()).isEqualTo("6");
    assertThat(h.get(sid).text()).isEqualTo("{\"code\":1,\"message\":\"Session ID unknown\"}");
  }

  @Test
  void getRacingTheClientsClosePostIsAnsweredWithNoopOnce() {
    String sid = h.handshake();
    h.post(sid, "1");
    assertThat(h.core.sessionCount()).isZero();
    assertThat(h.events).containsExactly("open", "close:transport close");
    assertThat(h.get(sid).text()).isEqualTo("6");
    assertThat(h.get(sid).text()).isEqualTo("{\"code\":1,\"message\":\"Session ID unknown\"}");
  }

  @Test
  void closedSessionIsForgottenAfterOneSecond() {
    String sid = h.handshake();
    h.post(sid, "1");
    h.advance(999);
    h.scheduler.runPending();
    FakeExchange early = new FakeExchange(h.scheduler, "POST", query("EIO", "4", "transport", "polling", "sid", sid), new byte[0]);
    h.core.handleRequest(early, java.util.Map.of());
    assertThat(early.status).isEqualTo(400);
    h.advance(1);
    assertThat(h.get(sid).text()).isEqualTo("{\"code\":1,\"message\":\"Session ID unknown\"}");
  }

  @Test
  void clientCloseWithGetPendingAndNothingQueuedAnswersNoop() {
    String sid = h.handshake();
    FakeExchange get = h.get(sid);
    h.post(sid, "1");
    assertThat(get.text()).isEqualTo("6");
  }

  @Test
  void duplicateGetClosesSessionAndAnswersFirstWithClose() {
    String sid = h.handshake();
    FakeExchange first = h.get(sid);
    FakeExchange second = h.get(sid);
    assertThat(second.status).isEqualTo(400);
    assertThat(second.responseBody).isEmpty();
    assertThat(first.text()).isEqualTo("1");
    assertThat(h.events).containsExactly("open", "close:transport error");
    assertThat(h.core.sessionCount()).isZero();
  }

  @Test
  void abortedGetIsATransportError() {
    String sid = h.handshake();
    FakeExchange get = h.get(sid);
    get.abort();
    assertThat(h.events).containsExactly("open", "close:transport error");
    assertThat(h.core.sessionCount()).isZero();
  }

  @Test
  void badPayloadDeliversPacketsBeforeTheFaultThenClosesWithParseError() {
    String sid = h.handshake();
    h.echo = false;
    FakeExchange post = h.post(sid, "4a\u001e\u001e4b");
    assertThat(post.status).isEqualTo(400);
    assertThat(h.events).containsExactly("open", "message:a", "close:parse error");
    assertThat(h.core.sessionCount()).isZero();
  }

  @Test
  void tooLargePostIs413AndKeepsTheSession() {
    EngineHarness small = new EngineHarness(EngineOptions.builder().maxHttpBufferSize(10).build());
    String sid = small.handshake();
    assertThat(small.post(sid, "4" + "x".repeat(10)).status).isEqualTo(413);
    assertThat(small.post(sid, "4" + "x".repeat(9)).text()).isEqualTo("ok");
    assertThat(small.get(sid).text()).isEqualTo("4" + "x".repeat(9));
    assertThat(small.core.sessionCount()).isEqualTo(1);
  }

  @Test
  void binaryContentTypeInV4IsRefusedAndClosesSession() {
    String sid = h.handshake();
    FakeExchange post = new FakeExchange(h.scheduler, "POST",
        query("EIO", "4", "transport", "polling", "sid", sid), new byte[] {1, 2})
        .header("Content-Type", "application/octet-stream");
    h.core.handleRequest(post, java.util.Map.of());
    assertThat(post.status).isEqualTo(400);
    assertThat(h.events).containsExactly("open", "close:transport error");
  }

  @Test
  void otherMethodOnSessionIs500AndKeepsTheSession() {
    String sid = h.handshake();
    assertThat(h.request("PUT", query("EIO", "4", "transport", "polling", "sid", sid), "").status).isEqualTo(500);
    assertThat(h.core.sessionCount()).isEqualTo(1);
  }

  @Test
  void echoIsQueuedBeforeThePostIsAnswered() {
    String sid = h.handshake();
    FakeExchange post = h.post(sid, "4one\u001e4two");
    assertThat(post.text()).isEqualTo("ok");
    assertThat(h.get(sid).text()).isEqualTo("4one\u001e4two");
  }

  @Test
  void engineCloseForcesEverySessionClosed() {
    String polling = h.handshake();
    FakeExchange get = h.get(polling);
    h.handshake();
    FakeWebSocket ws = h.websocket(query("EIO", "4", "transport", "websocket"));
    h.core.close();
    h.scheduler.runPending();
    assertThat(get.text()).isEqualTo("1");
    assertThat(ws.closed).isTrue();
    assertThat(h.core.sessionCount()).isZero();
    assertThat(h.events).filteredOn(e -> e.startsWith("close:")).containsOnly("close:forced close").hasSize(3);
    assertThat(h.request("GET", query("EIO", "4", "transport", "polling"), "").status).isEqualTo(400);
  }

  @Test
  void packetsSentAsOneUnitGoOutTogetherAndNotAfterClose() {
    String sid = h.handshake();
    io.socketeer.engine.EngineSession s = h.core.session(sid);
    assertThat(s.send(java.util.List.of(EnginePacket.message("a"), EnginePacket.binary(new byte[] {1})))).isTrue();
    assertThat(h.get(sid).text()).isEqualTo("4a\u001ebAQ==");
    s.close();
    assertThat(s.send(java.util.List.of(EnginePacket.message("late")))).isFalse();
    assertThat(h.get(sid).text()).isEqualTo("6\u001e1");
  }
}
