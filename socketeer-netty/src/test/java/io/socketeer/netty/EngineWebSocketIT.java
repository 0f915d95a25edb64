package io.socketeer.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.socketeer.engine.CloseReason;
import io.socketeer.engine.EngineOptions;
import io.socketeer.runtimetests.Loopback;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * WebSocket and upgrade over real sockets with the JDK WebSocket client as the peer: H10 and
 * H21-H24 of the digest's table 14.4 and the WebSocket rows of BAD_INPUTS 4.3. Every test leaves
 * no session behind.
 */
class EngineWebSocketIT {
  @RegisterExtension
  static final EchoEngineExtension fixture = new EchoEngineExtension(EngineOptions.defaults());
  private static EchoEngine echo;
  private static Loopback client;

  @BeforeAll
  static void start() {
    echo = fixture.echo();
    client = echo.client;
  }

  /** Upgrades a polling session; returns the WebSocket that now carries it. */
  private static Loopback.Ws upgrade(String sid) {
    Loopback.Ws ws = client.websocket("EIO=4&transport=websocket&sid=" + sid);
    ws.text("2probe");
    assertThat(ws.next()).isEqualTo("3probe");
    ws.text("5");
    await().atMost(Duration.ofSeconds(5)).until(() -> "websocket".equals(echo.engine.session(sid).transport()));
    return ws;
  }

  @Test
  void websocketOnlySessionOpensWithNoUpgradesAndEchoes() {
    Loopback.Ws ws = client.websocket("EIO=4&transport=websocket");
    assertThat((String) ws.next()).matches("0\\{\"sid\":\"[A-Za-z0-9_-]{20}\",\"upgrades\":\\[],"
        + "\"pingInterval\":25000,\"pingTimeout\":20000,\"maxPayload\":1000000}");
    ws.text("4hello");
    assertThat(ws.next()).isEqualTo("4hello");
    ws.socket.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true).join();
    assertThat((byte[]) ws.next()).containsExactly(1, 2, 3);
    ws.socket.sendClose(1000, "").join();
    ws.closeCode();
    await().atMost(Duration.ofSeconds(5)).until(() -> echo.engine.sessionCount() == 0);
    assertThat(echo.closeReasons.values()).contains(CloseReason.TRANSPORT_CLOSE);
  }

  @Test
  void h10PollingAfterUpgradeIsCode3AndWebSocketKeepsWorking() {
    String sid = client.handshake();
    Loopback.Ws ws = upgrade(sid);
    HttpResponse<String> r = client.poll(sid);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).isEqualTo("{\"code\":3,\"message\":\"Bad request\"}");
    HttpResponse<String> post = client.post(sid, "4x");
    assertThat(post.body()).isEqualTo("{\"code\":3,\"message\":\"Bad request\"}");
    ws.text("4after");
    assertThat(ws.next()).isEqualTo("4after");
    ws.text("1");
    assertThat(ws.closeCode()).isNotNegative();
    await().atMost(Duration.ofSeconds(5)).until(() -> echo.closeReasons.containsKey(sid));
    assertThat(echo.closeReasons.get(sid)).isEqualTo(CloseReason.TRANSPORT_CLOSE);
  }

  @Test
  void upgradeReleasesPendingGetWithNoopAndMovesQueuedPackets() throws Exception {
    String sid = client.handshake();
    CompletableFuture<HttpResponse<String>> get = client.sendAsync("GET", "EIO=4&transport=polling&sid=" + sid, null);
    Loopback.Ws ws = client.websocket("EIO=4&transport=websocket&sid=" + sid);
    ws.text("2probe");
    assertThat(ws.next()).isEqualTo("3probe");
    assertThat(get.get(2, TimeUnit.SECONDS).body()).isEqualTo("6");
    ws.text("5");
    ws.text("4on ws");
    assertThat(ws.next()).isEqualTo("4on ws");
    ws.socket.sendClose(1000, "").join();
    await().atMost(Duration.ofSeconds(5)).until(() -> echo.closeReasons.containsKey(sid));
    assertThat(echo.closeReasons.get(sid)).isEqualTo(CloseReason.TRANSPORT_CLOSE);
  }

  @Test
  void h21UnknownSidIsRawBadRequest() {
    String response = client.raw("GET /engine.io/?EIO=4&transport=websocket&sid=nope HTTP/1.1\r\n"
        + "Host: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    assertThat(response).startsWith("HTTP/1.1 400 Bad Request\r\n");
    assertThat(response).containsIgnoringCase("content-type: text/html");
    assertThat(response).endsWith("\r\n\r\nSession ID unknown");
    Throwable failure = client.websocketFailure("EIO=4&transport=websocket&sid=nope");
    assertThat(failure).isInstanceOf(WebSocketHandshakeException.class);
    assertThat(((WebSocketHandshakeException) failure).getResponse().statusCode()).isEqualTo(400);
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "polling", "__proto__"})
  void h22UnknownTransportIsRawBadRequest(String transport) {
    String response = client.raw("GET /engine.io/?EIO=4&transport=" + transport + " HTTP/1.1\r\n"
        + "Host: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    assertThat(response).startsWith("HTTP/1.1 400 Bad Request\r\n");
    assertThat(response).endsWith("\r\n\r\nTransport unknown");
  }

  @Test
  void unsupportedVersionIsRefusedBeforeUpgrading() {
    Throwable failure = client.websocketFailure("EIO=3&transport=websocket");
    assertThat(failure).isInstanceOf(WebSocketHandshakeException.class);
    assertThat(((WebSocketHandshakeException) failure).getResponse().statusCode()).isEqualTo(400);
    assertThat(echo.engine.sessionCount()).isZero();
  }

  @ParameterizedTest
  @ValueSource(ints = {1_000_001, 1_500_000})
  void h23BinaryMessageOverLimitClosesWith1009(int size) {
    Loopback.Ws ws = client.websocket("EIO=4&transport=websocket");
    ws.next();
    ws.socket.sendBinary(ByteBuffer.wrap(new byte[size]), true);
    assertThat(ws.closeCode()).isEqualTo(1009);
    await().atMost(Duration.ofSeconds(5)).until(() -> echo.engine.sessionCount() == 0);
    assertThat(echo.closeReasons.values()).contains(CloseReason.TRANSPORT_ERROR);
  }

  @Test
  void c20wTextMessageOverLimitClosesWith1009() {
    Loopback.Ws ws = client.websocket("EIO=4&transport=websocket");
    ws.next();
    ws.socket.sendText("4" + "x".repeat(1_000_000), true);
    assertThat(ws.closeCode()).isEqualTo(1009);
  }

  @Test
  void fragmentedMessageOverLimitClosesWith1009() {
    Loopback.Ws ws = client.websocket("EIO=4&transport=websocket");
    ws.next();
    ws.socket.sendBinary(ByteBuffer.wrap(new byte[600_000]), false).join();
    ws.socket.sendBinary(ByteBuffer.wrap(new byte[600_000]), true);
    assertThat(ws.closeCode()).isEqualTo(1009);
  }

  @Test
  void messageOfExactlyTheLimitIsEchoed() {
    Loopback.Ws ws = client.websocket("EIO=4&transport=websocket");
    ws.next();
    ws.socket.sendBinary(ByteBuffer.wrap(new byte[1_000_000]), true).join();
    assertThat((byte[]) ws.next()).hasSize(1_000_000);
    ws.socket.sendClose(1000, "").join();
  }

  @Test
  void h24Base64TextFrameIsABinaryMessage() {
    Loopback.Ws ws = client.websocket("EIO=4&transport=websocket");
    ws.next();
    ws.text("bAQID");
    assertThat((byte[]) ws.next()).containsExactly(1, 2, 3);
    ws.socket.sendClose(1000, "").join();
  }

  @Test
  void undecodableTextFrameClosesWithParseError() {
    Loopback.Ws ws = client.websocket("EIO=4&transport=websocket");
    String open = (String) ws.next();
    String sid = open.substring(9, 29);
    ws.text("abc");
    ws.closeCode();
    await().atMost(Duration.ofSeconds(5)).until(() -> echo.closeReasons.containsKey(sid));
    assertThat(echo.closeReasons.get(sid)).isEqualTo(CloseReason.PARSE_ERROR);
  }

  @Test
  void c39SecondWebSocketForUpgradedSessionIsClosedAndFirstKeepsWorking() {
    String sid = client.handshake();
    Loopback.Ws ws = upgrade(sid);
    Loopback.Ws second = client.websocket("EIO=4&transport=websocket&sid=" + sid);
    assertThat(second.closeCode()).isNotNegative();
    ws.text("4hello");
    assertThat(ws.next()).isEqualTo("4hello");
    ws.socket.sendClose(1000, "").join();
  }

  @Test
  void c40SecondProbeDuringUpgradeIsClosed() {
    String sid = client.handshake();
    Loopback.Ws first = client.websocket("EIO=4&transport=websocket&sid=" + sid);
    Loopback.Ws second = client.websocket("EIO=4&transport=websocket&sid=" + sid);
    assertThat(second.closeCode()).isNotNegative();
    first.text("2probe");
    assertThat(first.next()).isEqualTo("3probe");
    first.text("5");
    first.text("4ok");
    assertThat(first.next()).isEqualTo("4ok");
    first.socket.sendClose(1000, "").join();
  }

  @Test
  void c24OldWebSocketVersionIsRefused() {
    String response = client.raw("GET /engine.io/?EIO=4&transport=websocket HTTP/1.1\r\n"
        + "Host: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 8\r\n\r\n");
    assertThat(response).startsWith("HTTP/1.1 426 ");
    assertThat(echo.engine.sessionCount()).isZero();
  }

  @Test
  void c24MissingKeyIsRefused() {
    String response = client.raw("GET /engine.io/?EIO=4&transport=websocket HTTP/1.1\r\n"
        + "Host: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n");
    assertThat(response).startsWith("HTTP/1.1 400 ");
  }

  @Test
  void c26InvalidFrameAfterHandshakeClosesWith1002() {
    byte[] head = ("GET /engine.io/?EIO=4&transport=websocket HTTP/1.1\r\n"
        + "Host: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
        .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] body = "test".getBytes(java.nio.charset.StandardCharsets.US_ASCII); // 't' = 0x74: RSV2+RSV3 set
    byte[] request = new byte[head.length + body.length];
    System.arraycopy(head, 0, request, 0, head.length);
    System.arraycopy(body, 0, request, head.length, body.length);
    String response = client.raw(request, Duration.ofSeconds(5));
    assertThat(response).startsWith("HTTP/1.1 101 ");
    // After the open packet frame, one close frame (0x88) with status 1002 (0x03EA) and a reason.
    assertThat(response).containsPattern("\u0088[\\x02-\\x7d]\u0003\u00ea");
    assertThat(response).doesNotContain("<timeout>");
  }
}
