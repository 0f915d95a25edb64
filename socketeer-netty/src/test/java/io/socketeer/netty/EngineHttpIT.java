package io.socketeer.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.socketeer.engine.CloseReason;
import io.socketeer.engine.CorsOptions;
import io.socketeer.engine.EngineOptions;
import io.socketeer.runtimetests.Loopback;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Polling over real sockets with the JDK HTTP client as the peer: the exchanges H1-H20 of the
 * digest's table 14.4 and the polling rows of BAD_INPUTS 4.1-4.2. Every test leaves no session
 * behind.
 */
class EngineHttpIT {
  private static final String JSON = "application/json";
  @RegisterExtension
  static final EchoEngineExtension fixture = new EchoEngineExtension(EngineOptions.builder().cors(CorsOptions.anyOrigin()).build());
  private static EchoEngine echo;
  private static Loopback client;

  @BeforeAll
  static void start() {
    echo = fixture.echo();
    client = echo.client;
  }

  private static void assertError(HttpResponse<String> r, int status, int code, String message) {
    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(r.headers().firstValue("content-type")).hasValue(JSON);
    assertThat(r.body()).isEqualTo("{\"code\":" + code + ",\"message\":\"" + message + "\"}");
  }

  private static void closeByClient(String sid) {
    assertThat(client.post(sid, "1").body()).isEqualTo("ok");
    assertThat(echo.closeReasons.get(sid)).isEqualTo(CloseReason.TRANSPORT_CLOSE);
  }

  @Test
  void h1HandshakeAnswersOpenPacket() {
    HttpResponse<String> r = client.get("EIO=4&transport=polling");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValue("text/plain; charset=UTF-8");
    assertThat(r.headers().firstValue("cache-control")).hasValue("no-store");
    assertThat(r.body()).matches("0\\{\"sid\":\"[A-Za-z0-9_-]{20}\",\"upgrades\":\\[\"websocket\"],"
        + "\"pingInterval\":25000,\"pingTimeout\":20000,\"maxPayload\":1000000}");
    closeByClient(r.body().substring(9, 29));
  }

  @ParameterizedTest
  @ValueSource(strings = {"EIO=4", "EIO=4&transport=abc", "EIO=4&transport=webtransport",
      "EIO=4&transport=__proto__", "EIO=4&transport=constructor", "EIO=4&transport=toString",
      "EIO=4&transport=polling&j=alert(1)//", "EIO=3&transport=polling&j=0"})
  void h2h3UnknownTransportIsCode0(String query) {
    assertError(client.get(query), 400, 0, "Transport unknown");
  }

  @ParameterizedTest
  @ValueSource(strings = {"transport=polling", "EIO=abc&transport=polling", "EIO=3&transport=polling",
      "EIO=5&transport=polling"})
  void h4h5UnsupportedVersionIsCode5(String query) {
    assertError(client.get(query), 400, 5, "Unsupported protocol version");
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "PUT", "DELETE"})
  void h6h7HandshakeWithOtherMethodIsCode2(String method) {
    assertError(client.send(method, "EIO=4&transport=polling", "4x"), 400, 2, "Bad handshake method");
  }

  @ParameterizedTest
  @ValueSource(strings = {"nope", "__proto__", "constructor", "%00"})
  void h8UnknownSidIsCode1(String sid) {
    assertError(client.get("EIO=4&transport=polling&sid=" + sid), 400, 1, "Session ID unknown");
  }

  @Test
  void c05TenKilobyteSidIsCode1() {
    assertError(client.get("EIO=4&transport=polling&sid=" + "a".repeat(10_000)), 400, 1, "Session ID unknown");
  }

  @Test
  void c05EmptySidIsAHandshake() {
    HttpResponse<String> r = client.get("EIO=4&transport=polling&sid=");
    assertThat(r.body()).startsWith("0{");
    closeByClient(r.body().substring(9, 29));
  }

  @Test
  void h9WebSocketTransportOnPlainHttpIsCode3() {
    assertError(client.get("EIO=4&transport=websocket"), 400, 3, "Bad request");
  }

  @Test
  void h12PostIsAnsweredOkAndEchoComesWithNextGet() {
    String sid = client.handshake();
    HttpResponse<String> post = client.post(sid, "4hello");
    assertThat(post.statusCode()).isEqualTo(200);
    assertThat(post.body()).isEqualTo("ok");
    assertThat(post.headers().firstValue("content-type")).hasValue("text/html");
    assertThat(post.headers().firstValue("content-length")).hasValue("2");
    assertThat(client.poll(sid).body()).isEqualTo("4hello");
    closeByClient(sid);
  }

  @Test
  void multiplePacketsAndBinaryComeBackInOneGet() {
    String sid = client.handshake();
    client.post(sid, "4a\u001ebAQIDBA==\u001e4€");
    assertThat(client.poll(sid).body()).isEqualTo("4a\u001ebAQIDBA==\u001e4€");
    closeByClient(sid);
  }

  @Test
  void h13BinaryContentTypeInV4Is400AndClosesSession() throws Exception {
    String sid = client.handshake();
    HttpResponse<String> r = client.http.send(java.net.http.HttpRequest.newBuilder(
            client.uri("EIO=4&transport=polling&sid=" + sid))
        .header("Content-Type", "application/octet-stream")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, 3})).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).isEmpty();
    assertThat(echo.closeReasons.get(sid)).isEqualTo(CloseReason.TRANSPORT_ERROR);
    assertError(client.poll(sid), 400, 1, "Session ID unknown");
  }

  @Test
  void h14BodyOverLimitIs413AndSessionLives() {
    String sid = client.handshake();
    HttpResponse<String> r = client.post(sid, "4" + "x".repeat(1_000_000));
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.body()).isEmpty();
    assertThat(echo.engine.session(sid)).isNotNull();
    client.post(sid, "4after");
    assertThat(client.poll(sid).body()).isEqualTo("4after");
    closeByClient(sid);
  }

  @Test
  void c15ChunkedBodyOverLimitIs413() throws Exception {
    String sid = client.handshake();
    byte[] chunk = new byte[100_000];
    java.util.Arrays.fill(chunk, (byte) 'x');
    chunk[0] = '4';
    java.util.List<java.nio.ByteBuffer> parts = new java.util.ArrayList<>();
    for (int i = 0; i < 20; i++) {
      parts.add(java.nio.ByteBuffer.wrap(chunk));
    }
    // A publisher of unknown length makes the JDK client send the body chunked.
    java.net.http.HttpRequest.BodyPublisher chunked = java.net.http.HttpRequest.BodyPublishers.fromPublisher(
        java.net.http.HttpRequest.BodyPublishers.ofByteArrays(() -> parts.stream().map(b -> chunk).iterator()));
    HttpResponse<String> r;
    try {
      r = client.http.send(java.net.http.HttpRequest.newBuilder(client.uri("EIO=4&transport=polling&sid=" + sid))
          .POST(chunked).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(413);
    } catch (java.io.IOException e) {
      // The server may cut the connection once it has answered; what matters is the session below.
    }
    assertThat(echo.engine.session(sid)).isNotNull();
    closeByClient(sid);
  }

  @Test
  void h15BodyOfExactlyTheLimitIsAccepted() {
    String sid = client.handshake();
    String body = "4" + "y".repeat(999_999);
    assertThat(client.post(sid, body).body()).isEqualTo("ok");
    assertThat(client.poll(sid).body()).isEqualTo(body);
    closeByClient(sid);
  }

  @Test
  void h16OtherMethodWithSidIs500AndSessionLives() {
    String sid = client.handshake();
    HttpResponse<String> r = client.send("PUT", "EIO=4&transport=polling&sid=" + sid, "4x");
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body()).isEmpty();
    closeByClient(sid);
  }

  @Test
  void h17DuplicateGetClosesSession() throws Exception {
    String sid = client.handshake();
    CompletableFuture<HttpResponse<String>> first = client.sendAsync("GET", "EIO=4&transport=polling&sid=" + sid, null);
    await().atMost(Duration.ofSeconds(2)).pollDelay(Duration.ofMillis(50)).until(() -> true);
    HttpResponse<String> second = client.poll(sid);
    HttpResponse<String> other = first.get(5, TimeUnit.SECONDS);
    // Whichever GET the server saw second is refused; the waiting one is released with a close.
    HttpResponse<String> refused = second.statusCode() == 400 ? second : other;
    HttpResponse<String> released = refused == second ? other : second;
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).isEmpty();
    assertThat(released.statusCode()).isEqualTo(200);
    assertThat(released.body()).isEqualTo("1");
    assertThat(echo.closeReasons.get(sid)).isEqualTo(CloseReason.TRANSPORT_ERROR);
  }

  @Test
  void h18ClosePacketReleasesPendingGetWithNoop() throws Exception {
    String sid = client.handshake();
    CompletableFuture<HttpResponse<String>> get = client.sendAsync("GET", "EIO=4&transport=polling&sid=" + sid, null);
    await().atMost(Duration.ofSeconds(2)).pollDelay(Duration.ofMillis(50)).until(() -> true);
    assertThat(client.post(sid, "1").body()).isEqualTo("ok");
    assertThat(get.get(5, TimeUnit.SECONDS).body()).isEqualTo("6");
    assertError(client.poll(sid), 400, 1, "Session ID unknown");
    assertThat(echo.closeReasons.get(sid)).isEqualTo(CloseReason.TRANSPORT_CLOSE);
  }

  @Test
  void h19PingFromClientClosesSession() {
    String sid = client.handshake();
    assertThat(client.post(sid, "2").body()).isEqualTo("ok");
    assertThat(echo.closeReasons.get(sid)).isEqualTo(CloseReason.TRANSPORT_ERROR);
  }

  @Test
  void h20PreflightIsAnsweredWithCorsHeaders() {
    HttpResponse<String> r = client.send("OPTIONS", "EIO=4&transport=polling", null);
    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(r.headers().firstValue("access-control-allow-origin")).hasValue("*");
    assertThat(r.headers().firstValue("access-control-allow-methods")).hasValue("GET,HEAD,PUT,PATCH,POST,DELETE");
    assertThat(client.get("EIO=4").headers().firstValue("access-control-allow-origin")).hasValue("*");
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "", "\u001e\u001e", "7", "b!!!", "4a\u001e"})
  void c16BadPayloadIs400AndClosesSessionWithParseError(String body) {
    String sid = client.handshake();
    HttpResponse<String> r = client.post(sid, body);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(echo.closeReasons.get(sid)).isEqualTo(CloseReason.PARSE_ERROR);
    assertError(client.poll(sid), 400, 1, "Session ID unknown");
  }

  @Test
  void c09OriginWithControlCharacterIsRefused() {
    String response = client.raw("GET /engine.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: localhost\r\n"
        + "Origin: http://a\u0001b\r\n\r\n");
    assertThat(response).startsWith("HTTP/1.1 400 ");
    assertThat(echo.engine.sessionCount()).isZero();
  }

  @Test
  void c19ContentLengthWithChunkedIsRefusedAndConnectionClosed() {
    String sid = client.handshake();
    String response = client.raw("POST /engine.io/?EIO=4&transport=polling&sid=" + sid + " HTTP/1.1\r\n"
        + "Host: localhost\r\nContent-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
    assertThat(response).startsWith("HTTP/1.1 400 ");
    assertThat(response).doesNotContain("<timeout>");
    closeByClient(sid);
  }

  @Test
  void c21OverlappingPostsCloseSession() {
    String sid = client.handshake();
    try (java.net.Socket slow = new java.net.Socket("localhost", client.port)) {
      slow.getOutputStream().write(("POST /engine.io/?EIO=4&transport=polling&sid=" + sid + " HTTP/1.1\r\n"
          + "Host: localhost\r\nContent-Length: 10\r\n\r\n4abc").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      slow.getOutputStream().flush();
      await().atMost(Duration.ofSeconds(2)).pollDelay(Duration.ofMillis(300)).until(() -> true);
      HttpResponse<String> second = client.post(sid, "4second");
      assertThat(second.statusCode()).isEqualTo(400);
      assertThat(echo.closeReasons.get(sid)).isEqualTo(CloseReason.TRANSPORT_ERROR);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void c22HugeRequestLineAndHeadersAreRefusedByTheCodec() {
    assertThat(client.raw("GET /engine.io/?EIO=4&transport=polling&x=" + "a".repeat(20_000) + " HTTP/1.1\r\n"
        + "Host: localhost\r\n\r\n")).startsWith("HTTP/1.1 414 ");
    StringBuilder headers = new StringBuilder();
    for (int i = 0; i < 2_000; i++) {
      headers.append("X-H").append(i).append(": v\r\n");
    }
    assertThat(client.raw("GET /engine.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: localhost\r\n" + headers + "\r\n"))
        .startsWith("HTTP/1.1 431 ");
    assertThat(echo.engine.sessionCount()).isZero();
  }

  @Test
  void c28VanishedPollerEndsSessionAtOnce() throws Exception {
    String sid = client.handshake();
    try (java.net.Socket s = new java.net.Socket("localhost", client.port)) {
      s.getOutputStream().write(("GET /engine.io/?EIO=4&transport=polling&sid=" + sid + " HTTP/1.1\r\n"
          + "Host: localhost\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      await().atMost(Duration.ofSeconds(2)).pollDelay(Duration.ofMillis(100)).until(() -> true);
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> echo.closeReasons.containsKey(sid));
    assertThat(echo.closeReasons.get(sid)).isEqualTo(CloseReason.TRANSPORT_ERROR);
  }

  @Test
  void otherPathsAreNotServed() {
    assertThat(client.raw("GET /engine.io?EIO=4&transport=polling HTTP/1.1\r\nHost: localhost\r\n\r\n"))
        .startsWith("HTTP/1.1 404 ");
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrder() {
    String sid = client.handshake();
    String response = client.raw("POST /engine.io/?EIO=4&transport=polling&sid=" + sid + " HTTP/1.1\r\n"
        + "Host: localhost\r\nContent-Length: 6\r\n\r\n4hello"
        + "GET /engine.io/?EIO=4&transport=polling&sid=" + sid + " HTTP/1.1\r\nHost: localhost\r\n\r\n"
        + "GET /engine.io/?EIO=4&transport=polling&sid=nope HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    int ok = response.indexOf("\r\n\r\nok");
    int echoed = response.indexOf("\r\n\r\n4hello");
    int unknown = response.indexOf("Session ID unknown");
    assertThat(ok).isPositive();
    assertThat(echoed).isGreaterThan(ok);
    assertThat(unknown).isGreaterThan(echoed);
    closeByClient(sid);
  }

  @Test
  void largePollAnswerIsGzippedWhenTheClientAcceptsIt() throws Exception {
    String sid = client.handshake();
    String big = "4" + "g".repeat(5000);
    client.post(sid, big);
    HttpResponse<byte[]> r = client.http.send(java.net.http.HttpRequest.newBuilder(
            client.uri("EIO=4&transport=polling&sid=" + sid)).header("Accept-Encoding", "gzip").build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.headers().firstValue("content-encoding")).hasValue("gzip");
    assertThat(r.body().length).isLessThan(1000);
    byte[] plain = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(r.body())).readAllBytes();
    assertThat(new String(plain, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(big);
    closeByClient(sid);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ffffffffffffffff\r\n4x\r\n0\r\n\r\n", "zz\r\n4x\r\n0\r\n\r\n"})
  void c19MalformedChunkClosesTheConnectionAndTheSession(String chunks) {
    String sid = client.handshake();
    String response = client.raw("POST /engine.io/?EIO=4&transport=polling&sid=" + sid + " HTTP/1.1\r\n"
        + "Host: localhost\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks);
    assertThat(response).doesNotContain("<timeout>").doesNotContain("\r\n\r\nok");
    await().atMost(Duration.ofSeconds(5)).until(() -> echo.closeReasons.containsKey(sid));
    assertThat(echo.closeReasons.get(sid)).isEqualTo(CloseReason.TRANSPORT_ERROR);
  }
}
