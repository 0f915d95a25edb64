package io.socketeer.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socketeer.engine.CloseReason;
import io.socketeer.engine.EngineOptions;
import io.socketeer.server.ServerOptions;
import io.socketeer.server.SocketIoServer;
import io.socketeer.testkit.LogCapture;
import io.socketeer.testkit.NodeScripts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code permessage-deflate} WebSocket extension (RFC 7692): negotiation, compression from the
 * threshold on in both directions, the per-packet {@code compress} flag, and the decompression-bomb
 * bound, seen on the wire by a raw peer; and the official {@code engine.io-client}, which offers
 * the extension by default, exchanging compressed messages with us.
 */
class PerMessageDeflateIT {
  private static final String WS = "/engine.io/?EIO=4&transport=websocket";
  private static EchoEngine deflating;
  private static EchoEngine plain;

  @BeforeAll
  static void start() {
    LogCapture.install();
    deflating = new EchoEngine(EngineOptions.builder().perMessageDeflate(1024).build());
    plain = new EchoEngine(EngineOptions.defaults());
  }

  @AfterAll
  static void stop() {
    deflating.close();
    plain.close();
    LogCapture.assertNoWarnings();
  }

  private static DeflatePeer open(EchoEngine engine, String offer) throws Exception {
    DeflatePeer peer = new DeflatePeer(engine.server.port(), WS, offer);
    assertThat(peer.responseHead).startsWith("HTTP/1.1 101");
    DeflatePeer.Frame open = peer.read();
    assertThat(open.text()).startsWith("0{\"sid\":");
    assertThat(open.compressed()).as("the open packet is below the threshold").isFalse();
    return peer;
  }

  @Test
  void theOfferIsAcceptedAndLargeMessagesAreCompressedBothWays() throws Exception {
    try (DeflatePeer peer = open(deflating, "permessage-deflate; client_max_window_bits")) {
      assertThat(peer.header("Sec-WebSocket-Extensions")).startsWith("permessage-deflate");

      String big = "4" + "Socket.IO over a compressed WebSocket, ".repeat(60);
      peer.sendText(big, true);
      DeflatePeer.Frame echo = peer.readUntil(DeflatePeer.TEXT);
      assertThat(echo.compressed()).as("a message above the threshold goes out compressed").isTrue();
      assertThat(echo.text()).isEqualTo(big);

      peer.sendText("4small", false);
      echo = peer.readUntil(DeflatePeer.TEXT);
      assertThat(echo.compressed()).as("a message below the threshold goes out plain").isFalse();
      assertThat(echo.text()).isEqualTo("4small");

      peer.sendText("4also small but compressed by the client", true);
      assertThat(peer.readUntil(DeflatePeer.TEXT).text()).isEqualTo("4also small but compressed by the client");

      byte[] binary = new byte[5000];
      for (int i = 0; i < binary.length; i++) {
        binary[i] = (byte) (i % 7);
      }
      peer.send(DeflatePeer.BINARY, binary, true);
      echo = peer.readUntil(DeflatePeer.BINARY);
      assertThat(echo.compressed()).isTrue();
      assertThat(echo.payload()).isEqualTo(binary);

      // The server keeps its compression context: the same message again still inflates right.
      peer.sendText(big, false);
      assertThat(peer.readUntil(DeflatePeer.TEXT).text()).isEqualTo(big);
    }
  }

  @Test
  void theOfferIsDeclinedWhenTheOptionIsOff() throws Exception {
    try (DeflatePeer peer = open(plain, "permessage-deflate; client_max_window_bits")) {
      assertThat(peer.header("Sec-WebSocket-Extensions")).isNull();
      String big = "4" + "x".repeat(5000);
      peer.sendText(big, false);
      DeflatePeer.Frame echo = peer.readUntil(DeflatePeer.TEXT);
      assertThat(echo.compressed()).isFalse();
      assertThat(echo.text()).isEqualTo(big);

      // Without the extension, RSV1 is a protocol error (1002), as before.
      peer.sendText(big, true);
      assertThat(peer.readUntil(DeflatePeer.CLOSE).closeCode()).isEqualTo(1002);
    }
  }

  @Test
  void anOfferTheJdkZlibCannotServeIsDeclinedAndTheConnectionStaysPlain() throws Exception {
    try (DeflatePeer peer = open(deflating, "permessage-deflate; server_max_window_bits=10, x-unknown")) {
      assertThat(peer.header("Sec-WebSocket-Extensions")).isNull();
      String big = "4" + "y".repeat(3000);
      peer.sendText(big, false);
      DeflatePeer.Frame echo = peer.readUntil(DeflatePeer.TEXT);
      assertThat(echo.compressed()).isFalse();
      assertThat(echo.text()).isEqualTo(big);
    }
  }

  @Test
  void aDecompressionBombStopsAtTheMessageLimitWith1009() throws Exception {
    // 64 MB of zeros in about 64 KB: under maxHttpBufferSize (1e6) compressed, far above it inflated.
    byte[] bomb = new byte[64 << 20];
    bomb[0] = '4';
    byte[] compressed = DeflatePeer.deflate(bomb);
    assertThat(compressed.length).isLessThan(1_000_000);
    int closedBefore = deflating.closeReasons.size();
    try (DeflatePeer peer = open(deflating, "permessage-deflate")) {
      peer.sendRaw(DeflatePeer.TEXT, 0x4, compressed);
      DeflatePeer.Frame close = peer.readUntil(DeflatePeer.CLOSE);
      assertThat(close.closeCode()).isEqualTo(1009);
    }
    await().atMost(5, TimeUnit.SECONDS).until(() -> deflating.closeReasons.size() > closedBefore);
    assertThat(deflating.closeReasons.values()).contains(CloseReason.TRANSPORT_ERROR);
    // Nobody else is affected.
    try (DeflatePeer other = open(deflating, "permessage-deflate")) {
      other.sendText("4still here", true);
      assertThat(other.readUntil(DeflatePeer.TEXT).text()).isEqualTo("4still here");
    }
  }

  @Test
  void aMessageJustUnderTheLimitInflatesWhole() throws Exception {
    byte[] message = new byte[999_000];
    message[0] = '4';
    for (int i = 1; i < message.length; i++) {
      message[i] = (byte) ('a' + i % 26);
    }
    try (DeflatePeer peer = open(deflating, "permessage-deflate")) {
      peer.send(DeflatePeer.TEXT, message, true);
      DeflatePeer.Frame echo = peer.readUntil(DeflatePeer.TEXT);
      assertThat(echo.payload()).isEqualTo(message);
    }
  }

  @Test
  void corruptCompressedDataIs1007() throws Exception {
    try (DeflatePeer peer = open(deflating, "permessage-deflate")) {
      peer.sendRaw(DeflatePeer.TEXT, 0x4, new byte[] {(byte) 0xff, (byte) 0xff, 0x01, 0x02, 0x03});
      assertThat(peer.readUntil(DeflatePeer.CLOSE).closeCode()).isEqualTo(1007);
    }
  }

  @Test
  void reservedBitsNoExtensionClaimsAre1002() throws Exception {
    try (DeflatePeer peer = open(deflating, "permessage-deflate")) {
      peer.sendRaw(DeflatePeer.TEXT, 0x2, "4rsv2".getBytes(StandardCharsets.UTF_8));
      assertThat(peer.readUntil(DeflatePeer.CLOSE).closeCode()).isEqualTo(1002);
    }
  }

  @Test
  void socketIoCompressFalseKeepsAPacketPlainOnWebSocketAndPolling() throws Exception {
    SocketIoServer io = SocketIoServer.create(ServerOptions.defaults());
    String payload = "z".repeat(4000);
    io.onConnection(socket -> {
      socket.on("plain", (args, ack) -> socket.compress(false).emit("plain", payload));
      socket.on("packed", (args, ack) -> socket.emit("packed", payload));
    });
    NettySocketIoServer server = NettySocketIoServer.builder(io).port(0)
        .engineOptions(EngineOptions.builder().path("/socket.io/").perMessageDeflate(1024).build()).start();
    try {
      try (DeflatePeer peer = new DeflatePeer(server.port(), "/socket.io/?EIO=4&transport=websocket", "permessage-deflate")) {
        peer.readUntil(DeflatePeer.TEXT); // open
        peer.sendText("40", false);
        assertThat(peer.readUntil(DeflatePeer.TEXT).text()).startsWith("40{\"sid\":");
        peer.sendText("42[\"plain\"]", false);
        DeflatePeer.Frame plainFrame = peer.readUntil(DeflatePeer.TEXT);
        assertThat(plainFrame.text()).isEqualTo("42[\"plain\",\"" + payload + "\"]");
        assertThat(plainFrame.compressed()).isFalse();
        peer.sendText("42[\"packed\"]", false);
        DeflatePeer.Frame packedFrame = peer.readUntil(DeflatePeer.TEXT);
        assertThat(packedFrame.text()).isEqualTo("42[\"packed\",\"" + payload + "\"]");
        assertThat(packedFrame.compressed()).isTrue();
      }

      // Polling: an answer of compress(false) packets only is not gzipped, whatever its size.
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://localhost:" + server.port() + "/socket.io/?EIO=4&transport=polling";
      String open = http.send(HttpRequest.newBuilder(URI.create(base)).build(), HttpResponse.BodyHandlers.ofString()).body();
      int at = open.indexOf("\"sid\":\"") + 7;
      String polled = base + "&sid=" + open.substring(at, open.indexOf('"', at));
      post(http, polled, "40");
      assertThat(poll(http, polled).body()).startsWith("40{\"sid\":");
      post(http, polled, "42[\"plain\"]");
      HttpResponse<String> plainAnswer = poll(http, polled);
      assertThat(plainAnswer.body()).isEqualTo("42[\"plain\",\"" + payload + "\"]");
      assertThat(plainAnswer.headers().firstValue("Content-Encoding")).isEmpty();
      post(http, polled, "42[\"packed\"]");
      HttpResponse<String> packedAnswer = poll(http, polled);
      assertThat(packedAnswer.headers().firstValue("Content-Encoding")).contains("gzip");
    } finally {
      server.close();
    }
  }

  private static void post(HttpClient http, String url, String body) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
  }

  /** A polling GET that accepts gzip; the body is decoded only when it came plain. */
  private static HttpResponse<String> poll(HttpClient http, String url) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept-Encoding", "gzip")
        .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1));
    assertThat(r.statusCode()).isEqualTo(200);
    return r;
  }

  @Test
  void theOfficialEngineIoClientExchangesCompressedMessagesWithUs() throws Exception {
    NodeScripts.Result result = NodeScripts.run(Duration.ofSeconds(40), "engine-client-deflate.js",
        "http://localhost:" + deflating.server.port(), "300");
    assertThat(result.exitCode()).as("node output:%n%s", result.output()).isZero();
    JsonNode outcome = new ObjectMapper().readTree(result.lastLine());
    assertThat(outcome.get("ok").asBoolean()).as(result.output()).isTrue();
    assertThat(outcome.get("received").asInt()).isEqualTo(300);
    assertThat(outcome.get("extensions").asText()).startsWith("permessage-deflate");
    assertThat(outcome.get("compressedFramesIn").asInt()).as("frames with RSV1 from the server").isGreaterThan(0);
  }
}
