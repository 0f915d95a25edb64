package io.socketeer.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketeer.engine.EngineOptions;
import io.socketeer.runtimetests.Loopback;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile HTTP and WebSocket bytes on a raw socket against the default configuration (CORS off):
 * the rows of BAD_INPUTS 4.1-4.3 that need bytes no well-behaved client library would send.
 * Every test leaves no session behind, and nothing is logged at WARN or above.
 */
class WireEdgeCasesIT {
  private static final String UPGRADE = "Upgrade: websocket\r\nConnection: Upgrade\r\n"
      + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";
  @RegisterExtension
  static final EchoEngineExtension fixture = new EchoEngineExtension(EngineOptions.defaults());
  private static EchoEngine echo;
  private static Loopback client;

  @BeforeAll
  static void start() {
    echo = fixture.echo();
    client = echo.client;
  }

  private static String upgradeRequest(String path, String extraHeaders) {
    return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + UPGRADE + extraHeaders + "\r\n";
  }

  @ParameterizedTest
  @ValueSource(strings = {"constructor", "toString", "__proto__", "hasOwnProperty"})
  void c04PrototypeNamesAsTransportAreUnknownOnUpgrades(String transport) {
    String response = client.raw(upgradeRequest("/engine.io/?EIO=4&transport=" + transport, ""));
    assertThat(response).startsWith("HTTP/1.1 400 Bad Request\r\n").endsWith("\r\n\r\nTransport unknown");
  }

  @Test
  void c11NoCorsHeadersUnlessConfigured() {
    String preflight = client.raw("OPTIONS /engine.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: localhost\r\n"
        + "Origin: https://evil.example\r\nAccess-Control-Request-Method: POST\r\nConnection: close\r\n\r\n");
    assertThat(preflight).doesNotContainIgnoringCase("access-control-allow-origin")
        .doesNotContainIgnoringCase("access-control-allow-credentials");
    String handshake = client.raw("GET /engine.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: localhost\r\n"
        + "Origin: https://evil.example\r\nConnection: close\r\n\r\n");
    assertThat(handshake).startsWith("HTTP/1.1 200 ").doesNotContainIgnoringCase("access-control-allow");
    String sid = handshake.substring(handshake.indexOf("\"sid\":\"") + 7, handshake.indexOf("\",\"upgrades\""));
    assertThat(client.post(sid, "1").body()).isEqualTo("ok");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "POST /engine.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding : chunked\r\n\r\n"
          + "0\r\n\r\n",
      "\u0000GET /engine.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: localhost\r\n\r\n",
      "POST /engine.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
          + "2;ext\n4x\r\n0\r\n\r\n"})
  void c19SmugglingShapesAreRefusedAndTheConnectionClosed(String request) {
    String response = client.raw(request);
    assertThat(response).doesNotContain("<timeout>").doesNotContain(" 200 OK");
    if (!response.isEmpty()) {
      assertThat(response).startsWith("HTTP/1.1 400 ");
    }
  }

  @Test
  void c23HugeHeaderValuesAreAnsweredInLinearTime() {
    long start = System.nanoTime();
    String protocols = client.raw(upgradeRequest("/engine.io/?EIO=4&transport=websocket",
        "Sec-WebSocket-Protocol: b" + " ".repeat(65_533) + "x\r\n"));
    assertThat(protocols).startsWith("HTTP/1.1 431 ");
    String language = client.raw("GET /engine.io/?EIO=4&transport=abc HTTP/1.1\r\nHost: localhost\r\n"
        + "Accept-Language: " + "a;q=".repeat(1_800) + "\r\nAccept-Encoding: " + "gzip;q=".repeat(100)
        + "\r\nConnection: close\r\n\r\n");
    assertThat(language).startsWith("HTTP/1.1 400 ").endsWith("Transport unknown\"}");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "7", "8"})
  void c24OldVersionsGet426(String version) {
    String response = client.raw(upgradeRequest("/engine.io/?EIO=4&transport=websocket", "")
        .replace("Version: 13", "Version: " + version));
    assertThat(response).startsWith("HTTP/1.1 426 ");
  }

  @Test
  void c24UpgradeWithoutConnectionHeaderIsAPlainBadRequest() {
    String response = client.raw("GET /engine.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: localhost\r\n"
        + "Upgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
        + "Connection: close\r\n\r\n");
    assertThat(response).startsWith("HTTP/1.1 400 ").doesNotContain(" 101 ");
  }

  @Test
  void c24UnknownExtensionIsIgnored() {
    List<Frame> frames = new ArrayList<>();
    String head = exchange(upgradeRequest("/engine.io/?EIO=4&transport=websocket",
        "Sec-WebSocket-Extensions: constructor\r\n"), frame(0x8, true, closePayload(1000)), frames);
    assertThat(head).startsWith("HTTP/1.1 101 ").doesNotContainIgnoringCase("sec-websocket-extensions");
    assertThat(frames.get(0).text()).startsWith("0{\"sid\"");
  }

  @Test
  void c25H2cUpgradeIsNotAWebSocket() {
    // HTTP/2 is not spoken: the request is served as HTTP/1.1, where a WebSocket needs an upgrade.
    String response = client.raw(("GET /engine.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: localhost\r\n"
        + "Upgrade: h2c\r\nConnection: Upgrade, HTTP2-Settings\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1), Duration.ofMillis(500));
    assertThat(response).startsWith("HTTP/1.1 400 ").endsWith("{\"code\":3,\"message\":\"Bad request\"}<timeout>");
  }

  @Test
  void c25UpgradeOutsideTheEnginePathIsRefusedAndClosed() {
    String response = client.raw(upgradeRequest("/elsewhere/?EIO=4&transport=websocket", ""));
    assertThat(response).startsWith("HTTP/1.1 404 ").doesNotContain("<timeout>");
  }

  @Test
  void c25PeerResettingDuringTheCloseHandshakeIsQuiet() throws Exception {
    for (int i = 0; i < 20; i++) {
      try (Socket socket = new Socket("localhost", client.port)) {
        socket.getOutputStream().write(upgradeRequest("/engine.io/?EIO=4&transport=websocket", "")
            .getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().write(frame(0x1, true, "4bye".getBytes(StandardCharsets.UTF_8)));
        socket.getOutputStream().write(frame(0x8, true, closePayload(1000)));
        socket.getOutputStream().flush();
        socket.setSoLinger(true, 0); // close sends RST
      }
    }
    // The extension's WARN check after the class covers the "errors swallowed" part.
  }

  @Test
  void c30UnmaskedClientFrameIs1002() {
    byte[] unmasked = {(byte) 0x81, 0x02, '4', 'x'};
    assertThat(closeCodesAfter(unmasked)).containsExactly(1002);
  }

  @Test
  void c30ReservedOpcodesAre1002() {
    for (int opcode : new int[] {3, 7, 11, 15}) {
      assertThat(closeCodesAfter(frame(opcode, true, new byte[0]))).as("opcode %d", opcode).containsExactly(1002);
    }
  }

  @Test
  void c30BadControlFramesAre1002() {
    assertThat(closeCodesAfter(frame(0x9, false, new byte[0]))).as("fragmented ping").containsExactly(1002);
    assertThat(closeCodesAfter(frame(0x9, true, new byte[126]))).as("ping of 126 bytes").containsExactly(1002);
    assertThat(closeCodesAfter(frame(0x8, true, new byte[] {3}))).as("close of 1 byte").containsExactly(1002);
    for (int code : new int[] {0, 999, 1004, 1005, 1006, 1016, 1100, 2000, 2999}) {
      assertThat(closeCodesAfter(frame(0x8, true, closePayload(code)))).as("close code %d", code)
          .containsExactly(1002);
    }
  }

  @Test
  void c30InvalidUtf8Is1007() {
    assertThat(closeCodesAfter(frame(0x1, true, new byte[] {'4', (byte) 0xc3, 0x28}))).containsExactly(1007);
    byte[] split = concat(frame(0x1, false, new byte[] {'4', (byte) 0xe2, (byte) 0x82}),
        frame(0x0, true, new byte[] {0x28}));
    assertThat(closeCodesAfter(split)).as("split across fragments").containsExactly(1007);
    byte[] badReason = closePayload(1000);
    assertThat(closeCodesAfter(frame(0x8, true, concat(badReason, new byte[] {(byte) 0xff}))))
        .as("close reason").containsExactly(1007);
  }

  @Test
  void c30ValidCloseIsAnsweredWithTheSameCodeOnce() {
    assertThat(closeCodesAfter(frame(0x8, true, closePayload(1000)))).containsExactly(1000);
    assertThat(closeCodesAfter(frame(0x8, true, closePayload(4000)))).containsExactly(4000);
    // Codes from 5000 are outside RFC 6455's ranges; Autobahn (7.13) takes echoing them as fine.
    assertThat(closeCodesAfter(frame(0x8, true, closePayload(5000)))).containsExactly(5000);
  }

  @Test
  void c45dPingFloodFromAPeerThatDoesNotReadQueuesNoPongs() throws Exception {
    int pings = 100_000;
    try (Socket socket = new Socket("localhost", client.port)) {
      socket.setSoTimeout(10_000);
      socket.setReceiveBufferSize(64 * 1024);
      socket.getOutputStream().write(upgradeRequest("/engine.io/?EIO=4&transport=websocket", "")
          .getBytes(StandardCharsets.ISO_8859_1));
      // 100,000 pings of 125 bytes: answering each would queue 12.7 MB for a peer that reads nothing.
      byte[] ping = frame(0x9, true, new byte[125]);
      java.io.BufferedOutputStream out = new java.io.BufferedOutputStream(socket.getOutputStream(), 1 << 16);
      for (int i = 0; i < pings; i++) {
        out.write(ping);
      }
      out.write(frame(0x1, true, "4still here".getBytes(StandardCharsets.UTF_8)));
      out.flush();
      InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
      assertThat(readHead(in)).startsWith("HTTP/1.1 101 ");
      int pongs = 0;
      while (true) {
        int opcode = in.read() & 0x0f;
        int len = in.read() & 0x7f;
        if (len == 126) {
          len = in.read() << 8 | in.read();
        }
        byte[] payload = in.readNBytes(len);
        if (opcode == 0xA) {
          pongs++;
        } else if (opcode == 0x1 && new String(payload, StandardCharsets.UTF_8).equals("4still here")) {
          break;
        } else {
          assertThat(opcode).as("unexpected frame").isEqualTo(0x1);
        }
      }
      // Pongs were skipped while the peer did not read, and the session still works.
      assertThat(pongs).isLessThan(pings);
      socket.getOutputStream().write(frame(0x8, true, closePayload(1000)));
    }
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.append((char) b);
    }
    return head.toString();
  }

  /** Opens a WebSocket session, writes {@code bytes}, returns the codes of every close frame received. */
  private static List<Integer> closeCodesAfter(byte[] bytes) {
    List<Frame> frames = new ArrayList<>();
    String head = exchange(upgradeRequest("/engine.io/?EIO=4&transport=websocket", ""), bytes, frames);
    assertThat(head).startsWith("HTTP/1.1 101 ");
    assertThat(frames).isNotEmpty();
    assertThat(frames.get(0).text()).startsWith("0{\"sid\"");
    List<Integer> codes = new ArrayList<>();
    for (Frame f : frames) {
      if (f.opcode == 0x8) {
        codes.add(f.payload.length >= 2 ? (f.payload[0] & 0xff) << 8 | (f.payload[1] & 0xff) : -1);
      }
    }
    return codes;
  }

  /**
   * Writes the upgrade, waits for the open packet, writes {@code after}, then reads until the
   * server closes the TCP connection (failing if it does not within 5 s). Returns the response
   * head; the frames go to {@code frames}.
   */
  private static String exchange(String upgrade, byte[] after, List<Frame> frames) {
    try (Socket socket = new Socket("localhost", client.port)) {
      socket.setSoTimeout(5_000);
      socket.getOutputStream().write(upgrade.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      boolean sent = false;
      int n;
      while ((n = in.read(buf)) >= 0) {
        all.write(buf, 0, n);
        byte[] bytes = all.toByteArray();
        int end = indexOfHeadEnd(bytes);
        if (!sent && end > 0 && parseFrames(bytes, end, new ArrayList<>()) > 0) {
          socket.getOutputStream().write(after);
          socket.getOutputStream().flush();
          sent = true;
        }
      }
      byte[] bytes = all.toByteArray();
      int end = indexOfHeadEnd(bytes);
      if (end > 0) {
        parseFrames(bytes, end, frames);
      }
      return new String(bytes, 0, end > 0 ? end : bytes.length, StandardCharsets.ISO_8859_1);
    } catch (java.net.SocketTimeoutException e) {
      throw new AssertionError("the server did not close the connection", e);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static int indexOfHeadEnd(byte[] b) {
    for (int i = 3; i < b.length; i++) {
      if (b[i - 3] == '\r' && b[i - 2] == '\n' && b[i - 1] == '\r' && b[i] == '\n') {
        return i + 1;
      }
    }
    return -1;
  }

  /** Parses the server's (unmasked) frames from {@code from}; returns how many were complete. */
  private static int parseFrames(byte[] b, int from, List<Frame> out) {
    int i = from;
    int count = 0;
    while (i + 2 <= b.length) {
      int opcode = b[i] & 0x0f;
      int len = b[i + 1] & 0x7f;
      int at = i + 2;
      if (len == 126) {
        if (at + 2 > b.length) {
          break;
        }
        len = (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
        at += 2;
      } else if (len == 127) {
        break;
      }
      if (at + len > b.length) {
        break;
      }
      out.add(new Frame(opcode, java.util.Arrays.copyOfRange(b, at, at + len)));
      count++;
      i = at + len;
    }
    return count;
  }

  private record Frame(int opcode, byte[] payload) {
    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  /** A masked client frame. */
  private static byte[] frame(int opcode, boolean fin, byte[] payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write((fin ? 0x80 : 0) | opcode);
    if (payload.length < 126) {
      out.write(0x80 | payload.length);
    } else {
      out.write(0x80 | 126);
      out.write(payload.length >> 8);
      out.write(payload.length & 0xff);
    }
    byte[] mask = {0x11, 0x22, 0x33, 0x44};
    out.writeBytes(mask);
    for (int i = 0; i < payload.length; i++) {
      out.write(payload[i] ^ mask[i % 4]);
    }
    return out.toByteArray();
  }

  private static byte[] closePayload(int code) {
    return new byte[] {(byte) (code >> 8), (byte) code};
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
