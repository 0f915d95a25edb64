package io.socketeer.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.socketeer.engine.CloseReason;
import io.socketeer.engine.CorsOptions;
import io.socketeer.engine.EngineOptions;
import io.socketeer.engine.EngineServer;
import io.socketeer.runtimetests.EchoSessions;
import io.socketeer.runtimetests.Loopback;
import io.socketeer.runtimetests.Loopback.Ws;
import io.socketeer.server.ServerOptions;
import io.socketeer.server.SocketIoServer;
import io.socketeer.testkit.LogCapture;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Raw peers (the JDK's HTTP client, WebSocket client and plain sockets) against an echo engine on
 * {@code /engine.io/} and a Socket.IO server on {@code /socket.io/}, both mounted in one servlet
 * context: the error codes, body limits and WebSocket limits must be the Netty runtime's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractRawPeerTests {
  private static final String JSON = "application/json";
  private static final int LIMIT = 100_000;

  private final EchoSessions echo = new EchoSessions();
  private final Map<String, CloseReason> closeReasons = echo.closeReasons;
  private Container.Host host;
  private Loopback client;
  private HttpClient http;
  private ServletMount engineMount;
  private ServletMount ioMount;

  /** The container under test. */
  abstract Container container();

  @BeforeAll
  void start() throws Exception {
    LogCapture.install();
    EngineServer engine = EngineServer.create(EngineOptions.builder().maxHttpBufferSize(LIMIT)
        .cors(CorsOptions.anyOrigin()).build(), echo::open);
    EngineServer fast = EngineServer.create(EngineOptions.builder().path("/fast.io/")
        .pingInterval(Duration.ofMillis(300)).pingTimeout(Duration.ofMillis(200)).build(), echo::open);
    SocketIoServer io = SocketIoServer.create(ServerOptions.defaults());
    host = container().start(context -> {
      engineMount = SocketIoServletInstaller.builder(engine).threads(2).install(context);
      SocketIoServletInstaller.builder(fast).threads(1).install(context);
      ioMount = SocketIoServletInstaller.install(context, io);
    });
    client = new Loopback(host.port());
    http = client.http;
  }

  @AfterAll
  void stop() throws Exception {
    client.handshake(); // at least one session is open when the container stops
    Ws ws = client.websocket("EIO=4&transport=websocket");
    ws.next();
    host.close();
    // Destroying the servlet closed the mounts: every session ended, every session thread stopped.
    assertThat(engineMount.engine().sessionCount()).isZero();
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("socketeer-"));
  }

  @AfterEach
  void noWarningsLogged() {
    LogCapture.assertNoWarnings();
  }

  // ---------------------------------------------------------------------------------------------
  // Polling

  @Test
  void handshakeAnswersOpenPacket() {
    HttpResponse<String> r = client.get("EIO=4&transport=polling");
    assertThat(r.statusCode()).isEqualTo(200);
    // Jetty writes the media type in its own normal form (text/plain;charset=utf-8): same meaning.
    assertThat(r.headers().firstValue("content-type").orElseThrow().replace(" ", ""))
        .isEqualToIgnoringCase("text/plain;charset=UTF-8");
    assertThat(r.headers().firstValue("cache-control")).hasValue("no-store");
    assertThat(r.body()).matches("0\\{\"sid\":\"[A-Za-z0-9_-]{20}\",\"upgrades\":\\[\"websocket\"],"
        + "\"pingInterval\":25000,\"pingTimeout\":20000,\"maxPayload\":100000}");
  }

  @Test
  void unknownSidIs400WithCode1() {
    assertError(client.get("EIO=4&transport=polling&sid=nope"), 400, 1, "Session ID unknown");
    assertError(client.send("POST", "EIO=4&transport=polling&sid=nope", "4x"), 400, 1, "Session ID unknown");
  }

  @Test
  void unknownTransportIs400WithCode0() {
    assertError(client.get("EIO=4&transport=carrier-pigeon"), 400, 0, "Transport unknown");
    assertError(client.get("EIO=4"), 400, 0, "Transport unknown");
  }

  @Test
  void unsupportedVersionIs400WithCode5() {
    assertError(client.get("EIO=3&transport=polling"), 400, 5, "Unsupported protocol version");
  }

  @Test
  void postIsAnsweredOkAndEchoComesWithNextGet() {
    String sid = client.handshake();
    HttpResponse<String> post = client.send("POST", "EIO=4&transport=polling&sid=" + sid, "4hello\u001e4€");
    assertThat(post.statusCode()).isEqualTo(200);
    assertThat(post.body()).isEqualTo("ok");
    assertThat(client.poll(sid).body()).isEqualTo("4hello\u001e4€");
    closeByClient(sid);
  }

  @Test
  void longPollIsAnsweredWhenDataArrives() throws Exception {
    String sid = client.handshake();
    CompletableFuture<HttpResponse<String>> pending = http.sendAsync(
        HttpRequest.newBuilder(client.uri("EIO=4&transport=polling&sid=" + sid)).timeout(Duration.ofSeconds(20)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    Thread.sleep(200); // the GET is waiting in the container, no thread held
    assertThat(pending).isNotDone();
    assertThat(client.send("POST", "EIO=4&transport=polling&sid=" + sid, "4late").body()).isEqualTo("ok");
    assertThat(pending.get(5, TimeUnit.SECONDS).body()).isEqualTo("4late");
    closeByClient(sid);
  }

  @Test
  void longPollWhoseClientLeavesEndsTheSessionByTheHeartbeat() throws Exception {
    // Containers do not report a client that leaves while its GET waits; the heartbeat ends the
    // session instead (here on a mount with the protocol suites' short timings).
    HttpResponse<String> open = http(HttpRequest.newBuilder(
        URI.create("http://localhost:" + host.port() + "/fast.io/?EIO=4&transport=polling")).GET().build());
    String sid = open.body().substring(9, open.body().indexOf('"', 9));
    try (Socket socket = new Socket("localhost", host.port())) {
      socket.getOutputStream().write(("GET /fast.io/?EIO=4&transport=polling&sid=" + sid + " HTTP/1.1\r\n"
          + "Host: localhost\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      Thread.sleep(100); // the GET is waiting
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> closeReasons.containsKey(sid));
    assertThat(closeReasons.get(sid)).isIn(CloseReason.PING_TIMEOUT, CloseReason.TRANSPORT_ERROR);
  }

  @Test
  void largePollingAnswerIsCompressedWhenAsked() throws Exception {
    String sid = client.handshake();
    String message = "4" + "compress me ".repeat(200);
    assertThat(client.send("POST", "EIO=4&transport=polling&sid=" + sid, message).body()).isEqualTo("ok");
    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(client.uri("EIO=4&transport=polling&sid=" + sid))
        .header("Accept-Encoding", "gzip").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-encoding")).hasValue("gzip");
    assertThat(r.body().length).isLessThan(message.length() / 4);
    try (InputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(r.body()))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(message);
    }
    closeByClient(sid);
  }

  @Test
  void bodyOverLimitIs413AndSessionLives() {
    String sid = client.handshake();
    char[] big = new char[LIMIT + 1];
    Arrays.fill(big, 'x');
    big[0] = '4';
    HttpResponse<String> r = client.send("POST", "EIO=4&transport=polling&sid=" + sid, new String(big));
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.body()).isEmpty();
    assertThat(engineMount.engine().session(sid)).isNotNull();
    assertThat(client.send("POST", "EIO=4&transport=polling&sid=" + sid, "4after").body()).isEqualTo("ok");
    assertThat(client.poll(sid).body()).isEqualTo("4after");
    closeByClient(sid);
  }

  @Test
  void chunkedBodyOverLimitIs413() {
    String sid = client.handshake();
    byte[] chunk = new byte[30_000];
    Arrays.fill(chunk, (byte) 'x');
    chunk[0] = '4';
    List<byte[]> parts = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      parts.add(chunk);
    }
    // A publisher of unknown length makes the JDK client send the body chunked.
    HttpRequest.BodyPublisher chunked = HttpRequest.BodyPublishers.fromPublisher(
        HttpRequest.BodyPublishers.ofByteArrays(parts));
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(client.uri("EIO=4&transport=polling&sid=" + sid))
          .POST(chunked).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(413);
    } catch (IOException | InterruptedException e) {
      // The server may cut the connection once it has answered; what matters is the session below.
    }
    assertThat(engineMount.engine().session(sid)).isNotNull();
    closeByClient(sid);
  }

  @Test
  void bodyOfExactlyTheLimitIsAccepted() {
    String sid = client.handshake();
    char[] body = new char[LIMIT];
    Arrays.fill(body, 'y');
    body[0] = '4';
    assertThat(client.send("POST", "EIO=4&transport=polling&sid=" + sid, new String(body)).body()).isEqualTo("ok");
    assertThat(client.poll(sid).body()).isEqualTo(new String(body));
    closeByClient(sid);
  }

  @Test
  void preflightIsAnsweredWithCorsHeaders() {
    HttpResponse<String> r = http(HttpRequest.newBuilder(client.uri("EIO=4&transport=polling"))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "http://example.test").build());
    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(r.headers().firstValue("access-control-allow-origin")).hasValue("*");
    assertThat(r.headers().firstValue("access-control-allow-methods")).hasValue("GET,HEAD,PUT,PATCH,POST,DELETE");
    HttpResponse<String> handshake = http(HttpRequest.newBuilder(client.uri("EIO=4&transport=polling"))
        .header("Origin", "http://example.test").GET().build());
    assertThat(handshake.headers().firstValue("access-control-allow-origin")).hasValue("*");
  }

  @Test
  void pathOutsideTheEngineIs404() {
    HttpResponse<String> r = http(HttpRequest.newBuilder(URI.create("http://localhost:" + host.port()
        + "/engine.io.not/?EIO=4&transport=polling")).GET().build());
    assertThat(r.statusCode()).isEqualTo(404);
  }

  // ---------------------------------------------------------------------------------------------
  // WebSocket

  @Test
  void webSocketUpgradeWithUnknownSidIs400WithBareMessage() {
    String response = client.raw("GET /engine.io/?EIO=4&transport=websocket&sid=nope HTTP/1.1\r\n"
        + "Host: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    assertThat(response).startsWith("HTTP/1.1 400 ");
    assertThat(response).endsWith("\r\n\r\nSession ID unknown");
  }

  @Test
  void webSocketUpgradeOnPollingTransportIs400TransportUnknown() {
    int sessions = engineMount.engine().sessionCount();
    String response = client.raw("GET /engine.io/?EIO=4&transport=polling HTTP/1.1\r\n"
        + "Host: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    assertThat(response).startsWith("HTTP/1.1 400 ");
    assertThat(response).endsWith("\r\n\r\nTransport unknown");
    assertThat(engineMount.engine().sessionCount()).isEqualTo(sessions);
  }

  @Test
  void webSocketEchoesTextAndBinaryAndClosesOnClosePacket() throws Exception {
    Ws ws = client.websocket("EIO=4&transport=websocket");
    String open = (String) ws.next();
    assertThat(open).startsWith("0{\"sid\":\"");
    String sid = open.substring(9, open.indexOf('"', 9));
    ws.socket.sendText("4hello €😀", true).join();
    assertThat(ws.next()).isEqualTo("4hello €😀");
    ws.socket.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true).join();
    assertThat((byte[]) ws.next()).containsExactly(1, 2, 3);
    ws.socket.sendText("1", true).join();
    await().atMost(Duration.ofSeconds(5)).until(() -> closeReasons.get(sid) == CloseReason.TRANSPORT_CLOSE);
    // Netty sends no status code (1005 at the peer); Jakarta WebSocket can only send a real one.
    assertThat(ws.closeCode()).isEqualTo(1000);
  }

  @Test
  void webSocketMessageOfExactlyTheLimitIsAcceptedInFragments() throws Exception {
    Ws ws = client.websocket("EIO=4&transport=websocket");
    ws.next();
    char[] text = new char[LIMIT];
    Arrays.fill(text, 'z');
    text[0] = '4';
    // Fragmented by the client: the container hands the parts over, the runtime joins them.
    ws.socket.sendText(new String(text, 0, 40_000), false).join();
    ws.socket.sendText(new String(text, 40_000, LIMIT - 40_000), true).join();
    assertThat(ws.next()).isEqualTo(new String(text));
    byte[] binary = new byte[LIMIT];
    binary[LIMIT - 1] = 7;
    ws.socket.sendBinary(ByteBuffer.wrap(binary), true).join();
    assertThat((byte[]) ws.next()).isEqualTo(binary);
    ws.socket.abort();
  }

  @Test
  void webSocketMessageOverTheLimitClosesWith1009() throws Exception {
    Ws ws = client.websocket("EIO=4&transport=websocket");
    String open = (String) ws.next();
    String sid = open.substring(9, open.indexOf('"', 9));
    char[] text = new char[LIMIT + 1];
    Arrays.fill(text, 'z');
    text[0] = '4';
    ws.socket.sendText(new String(text), true);
    assertThat(ws.closeCode()).isEqualTo(1009);
    await().atMost(Duration.ofSeconds(5)).until(() -> closeReasons.get(sid) == CloseReason.TRANSPORT_ERROR);
  }

  @Test
  void upgradeFromPollingToWebSocket() throws Exception {
    String sid = client.handshake();
    Ws ws = client.websocket("EIO=4&transport=websocket&sid=" + sid);
    ws.socket.sendText("2probe", true).join();
    assertThat(ws.next()).isEqualTo("3probe");
    ws.socket.sendText("5", true).join();
    await().atMost(Duration.ofSeconds(5))
        .until(() -> "websocket".equals(engineMount.engine().session(sid).transport()));
    ws.socket.sendText("4upgraded", true).join();
    assertThat(ws.next()).isEqualTo("4upgraded");
    ws.socket.sendText("1", true).join();
    await().atMost(Duration.ofSeconds(5)).until(() -> closeReasons.get(sid) == CloseReason.TRANSPORT_CLOSE);
  }

  // ---------------------------------------------------------------------------------------------
  // Socket.IO mount

  @Test
  void browserClientIsServedWithEtag() {
    HttpResponse<String> r = http(HttpRequest.newBuilder(
        URI.create("http://localhost:" + host.port() + "/socket.io/socket.io.min.js")).GET().build());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElseThrow()).startsWith("application/javascript");
    assertThat(r.body()).contains("Socket.IO v4.8.4");
    String etag = r.headers().firstValue("etag").orElseThrow();
    assertThat(etag).isEqualTo("\"4.8.4\"");
    HttpResponse<String> again = http(HttpRequest.newBuilder(
        URI.create("http://localhost:" + host.port() + "/socket.io/socket.io.min.js"))
        .header("If-None-Match", etag).GET().build());
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
  }

  @Test
  void socketIoMountAnswersItsHandshake() {
    HttpResponse<String> r = http(HttpRequest.newBuilder(
        URI.create("http://localhost:" + host.port() + "/socket.io/?EIO=4&transport=polling")).GET().build());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).startsWith("0{\"sid\":\"");
    assertThat(ioMount.path()).isEqualTo("/socket.io/");
  }

  // ---------------------------------------------------------------------------------------------

  private void assertError(HttpResponse<String> r, int status, int code, String message) {
    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(r.headers().firstValue("content-type")).hasValue(JSON);
    assertThat(r.body()).isEqualTo("{\"code\":" + code + ",\"message\":\"" + message + "\"}");
  }

  private void closeByClient(String sid) {
    assertThat(client.send("POST", "EIO=4&transport=polling&sid=" + sid, "1").body()).isEqualTo("ok");
    assertThat(closeReasons.get(sid)).isEqualTo(CloseReason.TRANSPORT_CLOSE);
  }

  private HttpResponse<String> http(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(request + " failed", e);
    }
  }

}
