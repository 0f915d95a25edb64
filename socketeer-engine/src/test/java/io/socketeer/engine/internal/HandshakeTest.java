package io.socketeer.engine.internal;

import static io.socketeer.engine.internal.EngineHarness.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.socketeer.engine.EngineOptions;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Handshake details of digest section 5 and the id generator (C-07). */
class HandshakeTest {
  @Test
  void initialPacketFollowsOpenPacketInFirstAnswer() {
    EngineHarness h = new EngineHarness(EngineOptions.builder().initialPacket("welcome").build());
    FakeExchange e = h.request("GET", query("EIO", "4", "transport", "polling"), "");
    assertThat(e.text()).startsWith("0{\"sid\":\"sid1\"").endsWith("}\u001e4welcome");
  }

  @Test
  void upgradesAreEmptyWhenUpgradesAreNotAllowed() {
    EngineHarness h = new EngineHarness(EngineOptions.builder().allowUpgrades(false).build());
    assertThat(h.request("GET", query("EIO", "4", "transport", "polling"), "").text())
        .contains("\"upgrades\":[]");
  }

  @Test
  void pollingDisabledRefusesPollingHandshake() {
    EngineHarness h = new EngineHarness(EngineOptions.builder().polling(false).build());
    FakeExchange e = h.request("GET", query("EIO", "4", "transport", "polling"), "");
    assertThat(e.status).isEqualTo(400);
    assertThat(e.text()).isEqualTo("{\"code\":0,\"message\":\"Transport unknown\"}");
  }

  @Test
  void listenerSeesOpenAfterTheOpenPacketIsAnswered() {
    EngineHarness h = new EngineHarness();
    h.request("GET", query("EIO", "4", "transport", "polling"), "");
    assertThat(h.events).containsExactly("open");
    assertThat(h.core.session("sid1").handshakeQuery()).containsEntry("EIO", "4");
  }

  @Test
  void v3SessionRefusesV4RequestsAndBinaryGoesInV3Formats() {
    EngineHarness h = new EngineHarness(EngineOptions.builder().allowEio3(true).build());
    h.request("GET", query("EIO", "3", "transport", "polling"), "");
    assertThat(h.request("GET", query("EIO", "4", "transport", "polling", "sid", "sid1"), "").text())
        .isEqualTo("{\"code\":3,\"message\":\"Bad request\"}");
    h.request("POST", query("EIO", "3", "transport", "polling", "sid", "sid1"), "2:4€6:b4AQID");
    FakeExchange get = h.request("GET", query("EIO", "3", "transport", "polling", "sid", "sid1"), "");
    assertThat(get.responseHeaders).containsEntry("Content-Type", "application/octet-stream");
    assertThat(get.responseBody).containsExactly(0, 4, 0xff, '4', 0xe2, 0x82, 0xac, 1, 4, 0xff, 4, 1, 2, 3);
  }

  @Test
  void sessionIdsAreTwentyUrlSafeCharactersAndUnique() {
    SessionIds ids = new SessionIds();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      String id = ids.get();
      assertThat(id).hasSize(20).matches("[A-Za-z0-9_-]+");
      assertThat(seen.add(id)).isTrue();
    }
  }

  @Test
  void onePacketSentToManyWebSocketSessionsSharesItsEncodedData() {
    EngineHarness h = new EngineHarness();
    h.echo = false;
    java.util.List<io.socketeer.engine.spi.WebSocketConnection> seen = new java.util.ArrayList<>();
    java.util.List<byte[]> tails = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      FakeWebSocket ws = new FakeWebSocket() {
        @Override
        public void sendText(byte[] head, byte[] tail) {
          super.sendText(head, tail);
          tails.add(tail);
        }
      };
      io.socketeer.engine.spi.UpgradeDecision d =
          h.core.handleUpgrade(new FakeExchange(h.scheduler, "GET", query("EIO", "4", "transport", "websocket"), new byte[0]));
      ws.handler = d.open(ws);
      seen.add(ws);
    }
    h.scheduler.runPending();
    tails.clear();
    io.socketeer.protocol.engineio.EnginePacket packet = io.socketeer.protocol.engineio.EnginePacket.message("hello all");
    for (io.socketeer.engine.EngineSession s : h.core.sessions()) {
      s.send(packet);
    }
    assertThat(tails).hasSize(3);
    assertThat(tails.get(1)).isSameAs(tails.get(0));
    assertThat(tails.get(2)).isSameAs(tails.get(0));
    assertThat(((FakeWebSocket) seen.get(0)).frames).last().isEqualTo("4hello all");
  }

  @Test
  void v3WebSocketFramesCarryTheTypeByteAndB64ClientsGetBase64() {
    EngineHarness h = new EngineHarness(EngineOptions.builder().allowEio3(true).build());
    FakeWebSocket ws = h.websocket(query("EIO", "3", "transport", "websocket"));
    ws.handler.onBinary(new byte[] {4, 1, 2, 3});
    assertThat((byte[]) ws.frames.get(ws.frames.size() - 1)).containsExactly(4, 1, 2, 3);
    ws.clientText("2");
    assertThat(ws.frames).last().isEqualTo("3");
    FakeWebSocket b64 = h.websocket(query("EIO", "3", "transport", "websocket", "b64", "1"));
    b64.clientText("b4AQID");
    assertThat(b64.frames).last().isEqualTo("b4AQID");
    assertThat(h.events).containsExactly("open", "binary:3", "open", "binary:3");
  }

  @Test
  void v4WebSocketWithB64GetsBinaryAsBase64TextFrames() {
    EngineHarness h = new EngineHarness();
    FakeWebSocket ws = h.websocket(query("EIO", "4", "transport", "websocket", "b64", "1"));
    ws.handler.onBinary(new byte[] {1, 2, 3});
    assertThat(ws.frames).last().isEqualTo("bAQID");
  }

  @Test
  void largePollingAnswersAreGzippedWhenAccepted() throws Exception {
    EngineHarness h = new EngineHarness();
    String sid = h.handshake();
    String big = "4" + "z".repeat(2000);
    h.post(sid, big);
    FakeExchange get = new FakeExchange(h.scheduler, "GET", query("EIO", "4", "transport", "polling", "sid", sid), new byte[0])
        .header("Accept-Encoding", "gzip, deflate");
    h.core.handleRequest(get, java.util.Map.of());
    assertThat(get.responseHeaders).containsEntry("Content-Encoding", "gzip");
    byte[] plain = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(get.responseBody)).readAllBytes();
    assertThat(new String(plain, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(big);

    h.post(sid, "4small");
    FakeExchange small = new FakeExchange(h.scheduler, "GET", query("EIO", "4", "transport", "polling", "sid", sid), new byte[0])
        .header("Accept-Encoding", "gzip");
    h.core.handleRequest(small, java.util.Map.of());
    assertThat(small.responseHeaders).doesNotContainKey("Content-Encoding");
    assertThat(small.text()).isEqualTo("4small");
  }

  @Test
  void compressionCanBeTurnedOff() {
    EngineHarness h = new EngineHarness(EngineOptions.builder().noHttpCompression().build());
    String sid = h.handshake();
    h.post(sid, "4" + "z".repeat(2000));
    FakeExchange get = new FakeExchange(h.scheduler, "GET", query("EIO", "4", "transport", "polling", "sid", sid), new byte[0])
        .header("Accept-Encoding", "gzip");
    h.core.handleRequest(get, java.util.Map.of());
    assertThat(get.responseHeaders).doesNotContainKey("Content-Encoding");
  }

  @Test
  void cookieIsSetOnlyOnThePollingHandshake() {
    EngineHarness h = new EngineHarness(EngineOptions.builder().cookie("io").build());
    FakeExchange hs = h.request("GET", query("EIO", "4", "transport", "polling"), "");
    assertThat(hs.responseHeaders).containsEntry("Set-Cookie", "io=sid1; Path=/; HttpOnly; SameSite=Lax");
    h.post("sid1", "4x");
    assertThat(h.get("sid1").responseHeaders).doesNotContainKey("Set-Cookie");
    EngineHarness none = new EngineHarness();
    assertThat(none.request("GET", query("EIO", "4", "transport", "polling"), "").responseHeaders)
        .doesNotContainKey("Set-Cookie");
  }

  @Test
  void refusedRequestsAreReportedAsConnectionErrors() {
    EngineHarness h = new EngineHarness(EngineOptions.builder().allowRequest(r -> r.queryParam("ok") == null ? "go away" : null).build());
    java.util.List<String> errors = new java.util.ArrayList<>();
    h.core.onConnectionError((request, error, message) -> errors.add(error.code() + ":" + message));
    h.request("GET", query("EIO", "4"), "");
    h.request("GET", query("EIO", "4", "transport", "polling", "sid", "nope"), "");
    h.request("GET", query("EIO", "4", "transport", "polling"), "");
    h.websocket(query("EIO", "4", "transport", "websocket", "sid", "nope"));
    h.request("GET", query("EIO", "4", "transport", "polling", "ok", "1"), "");
    assertThat(errors).containsExactly("0:Transport unknown", "1:Session ID unknown", "4:go away",
        "1:Session ID unknown");
  }
}
