package io.socketeer.netty.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.socketeer.engine.EngineOptions;
import io.socketeer.engine.EngineServer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP handler on an {@link EmbeddedChannel}: no sockets, no threads. */
class HttpHandlerTest {
  private final EngineServer engine =
      EngineServer.create(EngineOptions.builder().maxHttpBufferSize(100).build(), s -> null);
  private final EmbeddedChannel channel = new EmbeddedChannel(new HttpServerCodec(), new HttpHandler(engine));

  @AfterEach
  void nothingLeftOver() {
    engine.close();
    channel.runPendingTasks();
    channel.finishAndReleaseAll();
  }

  private String exchange(String request) {
    channel.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.ISO_8859_1));
    channel.runPendingTasks();
    StringBuilder out = new StringBuilder();
    ByteBuf b;
    while ((b = channel.readOutbound()) != null) {
      out.append(b.toString(StandardCharsets.ISO_8859_1));
      b.release();
    }
    return out.toString();
  }

  @Test
  void otherPathsGet404AndTheConnectionCloses() {
    assertThat(exchange("GET /elsewhere HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 404 Not Found");
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void handshakeIsAnsweredAndTheConnectionKeptAlive() {
    String answer = exchange("GET /engine.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(answer).startsWith("HTTP/1.1 200 OK").contains("\r\n\r\n0{\"sid\":\"");
    assertThat(channel.isOpen()).isTrue();
    assertThat(engine.sessionCount()).isEqualTo(1);
  }

  @Test
  void bodyAnnouncedOverTheLimitIs413BeforeAnyOfItIsRead() {
    String sid = sid(exchange("GET /engine.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\n\r\n"));
    String answer = exchange("POST /engine.io/?EIO=4&transport=polling&sid=" + sid + " HTTP/1.1\r\nHost: x\r\n"
        + "Content-Length: 5000\r\n\r\n");
    assertThat(answer).startsWith("HTTP/1.1 413 ").containsIgnoringCase("connection: close");
    // The rest of the body is drained and dropped, then the connection ends.
    assertThat(exchange("4" + "x".repeat(4999))).isEmpty();
    assertThat(channel.isOpen()).isFalse();
    assertThat(engine.session(sid)).isNotNull();
  }

  @Test
  void chunkedBodyOverTheLimitIs413AsSoonAsTheLimitIsPassed() {
    String sid = sid(exchange("GET /engine.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\n\r\n"));
    String head = exchange("POST /engine.io/?EIO=4&transport=polling&sid=" + sid + " HTTP/1.1\r\nHost: x\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n32\r\n4" + "x".repeat(49) + "\r\n");
    assertThat(head).isEmpty();
    String answer = exchange("3c\r\n" + "y".repeat(60) + "\r\n");
    assertThat(answer).startsWith("HTTP/1.1 413 ");
  }

  @Test
  void bodyWithinTheLimitIsAnsweredOk() {
    String sid = sid(exchange("GET /engine.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\n\r\n"));
    String answer = exchange("POST /engine.io/?EIO=4&transport=polling&sid=" + sid + " HTTP/1.1\r\nHost: x\r\n"
        + "Content-Length: 6\r\n\r\n4hello");
    assertThat(answer).startsWith("HTTP/1.1 200 OK").endsWith("\r\n\r\nok");
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void textMessageThatIsNotUtf8ClosesTheWebSocketWith1007() {
    String upgrade = exchange("GET /engine.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: x\r\n"
        + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");
    assertThat(upgrade).startsWith("HTTP/1.1 101 ").contains("0{\"sid\":\"");
    // A masked text frame (zero mask) whose payload "4\xff" is not UTF-8.
    channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0x81, (byte) 0x82, 0, 0, 0, 0, '4', (byte) 0xff}));
    channel.runPendingTasks();
    StringBuilder out = new StringBuilder();
    ByteBuf b;
    while ((b = channel.readOutbound()) != null) {
      out.append(b.toString(StandardCharsets.ISO_8859_1));
      b.release();
    }
    // Found by the Autobahn suite (6.x): the message was delivered with a replacement character.
    String close = out.toString();
    assertThat(close.charAt(0)).isEqualTo('\u0088'); // a close frame
    assertThat(close.substring(2, 4)).isEqualTo("\u0003\u00ef"); // status 1007
  }

  private static String sid(String answer) {
    int i = answer.indexOf("\"sid\":\"") + 7;
    return answer.substring(i, answer.indexOf('"', i));
  }
}
