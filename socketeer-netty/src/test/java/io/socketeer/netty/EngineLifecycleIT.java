package io.socketeer.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.socketeer.engine.CloseReason;
import io.socketeer.engine.EngineOptions;
import io.socketeer.runtimetests.Loopback;
import io.socketeer.testkit.LogCapture;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Heartbeat, handshake filter and shutdown over real sockets, each on a server of its own. */
class EngineLifecycleIT {
  @org.junit.jupiter.api.BeforeAll
  static void captureLogs() {
    LogCapture.install();
  }

  @org.junit.jupiter.api.AfterAll
  static void noWarningsLogged() {
    System.gc();
    LogCapture.assertNoWarnings();
  }

  @Test
  void c46SilentClientIsClosedWithPingTimeout() throws Exception {
    try (EchoEngine echo = new EchoEngine(EngineOptions.builder()
        .pingInterval(Duration.ofMillis(300)).pingTimeout(Duration.ofMillis(200)).build())) {
      String sid = echo.client.handshake();
      HttpResponse<String> ping = echo.client.poll(sid);
      assertThat(ping.body()).isEqualTo("2");
      await().atMost(Duration.ofSeconds(2)).until(() -> echo.closeReasons.containsKey(sid));
      assertThat(echo.closeReasons.get(sid)).isEqualTo(CloseReason.PING_TIMEOUT);
      assertThat(echo.engine.sessionCount()).isZero();
    }
  }

  @Test
  void answeringPingsKeepsTheSessionAlive() throws Exception {
    // A generous pong timeout: a loaded machine must not make this test flaky.
    try (EchoEngine echo = new EchoEngine(EngineOptions.builder()
        .pingInterval(Duration.ofMillis(300)).pingTimeout(Duration.ofMillis(2000)).build())) {
      Loopback.Ws ws = echo.client.websocket("EIO=4&transport=websocket");
      ws.next();
      for (int i = 0; i < 4; i++) {
        assertThat(ws.next()).isEqualTo("2");
        ws.text("3");
      }
      assertThat(echo.engine.sessionCount()).isEqualTo(1);
      ws.socket.sendClose(1000, "").join();
      await().atMost(Duration.ofSeconds(2)).until(() -> echo.engine.sessionCount() == 0);
    }
  }

  @Test
  void h11RefusedHandshakeIs403WithCode4() {
    try (EchoEngine echo = new EchoEngine(EngineOptions.builder()
        .allowRequest(r -> "secret".equals(r.queryParam("token")) ? null : "").build())) {
      HttpResponse<String> r = echo.client.get("EIO=4&transport=polling");
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(r.body()).isEqualTo("{\"code\":4,\"message\":\"Forbidden\"}");
      Throwable failure = echo.client.websocketFailure("EIO=4&transport=websocket");
      assertThat(((WebSocketHandshakeException) failure).getResponse().statusCode()).isEqualTo(400);
      assertThat(echo.client.get("EIO=4&transport=polling&token=secret").body()).startsWith("0{");
    }
  }

  @Test
  void c12RefusalMessageIsReported() {
    try (EchoEngine echo = new EchoEngine(EngineOptions.builder().allowRequest(r -> "no \"guests\"").build())) {
      HttpResponse<String> r = echo.client.get("EIO=4&transport=polling");
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(r.body()).isEqualTo("{\"code\":4,\"message\":\"no \\\"guests\\\"\"}");
      assertThat(echo.engine.sessionCount()).isZero();
    }
  }

  @Test
  void c49ShutdownClosesEverySession() throws Exception {
    EchoEngine echo = new EchoEngine(EngineOptions.defaults());
    String polling = echo.client.handshake();
    CompletableFuture<String> get = CompletableFuture.supplyAsync(() -> echo.client.raw(
        "GET /engine.io/?EIO=4&transport=polling&sid=" + polling + " HTTP/1.1\r\nHost: localhost\r\n\r\n"));
    // Give the GET time to reach the server and wait there.
    await().atMost(Duration.ofSeconds(2)).pollDelay(Duration.ofMillis(300)).until(() -> true);
    String idle = echo.client.handshake();
    Loopback.Ws ws = echo.client.websocket("EIO=4&transport=websocket");
    ws.next();
    echo.close();
    assertThat(get.get(5, TimeUnit.SECONDS)).startsWith("HTTP/1.1 200 OK").endsWith("\r\n\r\n1");
    assertThat(ws.closeCode()).isNotNull();
    assertThat(echo.engine.sessionCount()).isZero();
    assertThat(echo.closeReasons).hasSize(3).containsEntry(polling, CloseReason.FORCED_CLOSE)
        .containsEntry(idle, CloseReason.FORCED_CLOSE);
    assertThat(echo.closeReasons.values()).containsOnly(CloseReason.FORCED_CLOSE);
  }

  @Test
  void c27SilentConnectionsAreClosedButLongPollsAreNot() throws Exception {
    try (EchoEngine echo = new EchoEngine(EngineOptions.defaults(), Duration.ofMillis(300))) {
      long start = System.nanoTime();
      String response = echo.client.raw("GET /engine.io/?EIO=4&tra");
      assertThat(response).isEmpty();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
      String stalled = echo.client.handshake();
      String slowBody = echo.client.raw("POST /engine.io/?EIO=4&transport=polling&sid=" + stalled + " HTTP/1.1\r\n"
          + "Host: localhost\r\nContent-Length: 100\r\n\r\n4abc");
      assertThat(slowBody).isEmpty();
      await().atMost(Duration.ofSeconds(2)).until(() -> echo.closeReasons.containsKey(stalled));
      assertThat(echo.closeReasons.get(stalled)).isEqualTo(CloseReason.TRANSPORT_ERROR);
      String sid = echo.client.handshake();
      CompletableFuture<HttpResponse<String>> poll =
          echo.client.sendAsync("GET", "EIO=4&transport=polling&sid=" + sid, null);
      await().pollDelay(Duration.ofMillis(1000)).atMost(Duration.ofSeconds(2)).until(() -> true);
      assertThat(poll).isNotDone();
      assertThat(echo.client.post(sid, "4late").body()).isEqualTo("ok");
      assertThat(poll.get(5, TimeUnit.SECONDS).body()).isEqualTo("4late");
      echo.client.post(sid, "1");
    }
  }

  @Test
  void c10WebSocketFromOriginOutsideTheAllowListIsRefused() {
    try (EchoEngine echo = new EchoEngine(EngineOptions.builder()
        .cors(io.socketeer.engine.CorsOptions.origins("https://good.example")).build())) {
      java.util.List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
      echo.engine.onConnectionError((request, error, message) -> errors.add(message));
      String upgrade = "GET /engine.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: localhost\r\n"
          + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
          + "Sec-WebSocket-Version: 13\r\nOrigin: ";
      String evil = echo.client.raw(upgrade + "https://evil.example\r\n\r\n");
      assertThat(evil).startsWith("HTTP/1.1 400 Bad Request\r\n").endsWith("\r\n\r\nForbidden");
      assertThat(errors).containsExactly("Forbidden");
      // Accepted: the connection stays open, so read for a moment only.
      String good = echo.client.raw((upgrade + "https://good.example\r\n\r\n")
          .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), Duration.ofMillis(500));
      assertThat(good).startsWith("HTTP/1.1 101 ");
      await().atMost(Duration.ofSeconds(5)).until(() -> echo.engine.sessionCount() == 0);
    }
  }

  @Test
  void c10PollingFromOriginOutsideTheAllowListIsRefusedToo() {
    try (EchoEngine echo = new EchoEngine(EngineOptions.builder()
        .cors(io.socketeer.engine.CorsOptions.origins("https://good.example").withCredentials()).build())) {
      String handshake = "GET /engine.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: localhost\r\n"
          + "Connection: close\r\nOrigin: ";
      String evil = echo.client.raw(handshake + "https://evil.example\r\n\r\n");
      assertThat(evil).startsWith("HTTP/1.1 403 ").endsWith("{\"code\":4,\"message\":\"Forbidden\"}")
          .doesNotContainIgnoringCase("access-control-allow-origin");
      String preflight = echo.client.raw("OPTIONS /engine.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: localhost\r\n"
          + "Connection: close\r\nOrigin: https://evil.example\r\n\r\n");
      assertThat(preflight).startsWith("HTTP/1.1 204 ").doesNotContainIgnoringCase("access-control-allow-origin");
      assertThat(echo.engine.sessionCount()).isZero();
      String good = echo.client.raw(handshake + "https://good.example\r\n\r\n");
      assertThat(good).startsWith("HTTP/1.1 200 ")
          .containsIgnoringCase("access-control-allow-origin: https://good.example")
          .containsIgnoringCase("access-control-allow-credentials: true");
      // Clients that send no Origin (not browsers) are not concerned.
      assertThat(echo.client.get("EIO=4&transport=polling").body()).startsWith("0{");
      assertThat(echo.engine.sessionCount()).isEqualTo(2);
    }
  }
}
