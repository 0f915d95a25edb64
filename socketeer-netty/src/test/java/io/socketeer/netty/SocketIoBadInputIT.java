package io.socketeer.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.socketeer.server.ServerOptions;
import io.socketeer.server.SocketIoServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input at the Socket.IO layer over real WebSocket connections, from the JDK's own WebSocket
 * client as a raw peer: each ends as the reference ends it (connection closed, or the packet
 * ignored), nothing leaks, and other clients are not affected.
 */
class SocketIoBadInputIT {
  private static SocketIoServer io;
  private static NettySocketIoServer server;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    LogCapture.install();
    io = SocketIoServer.create(ServerOptions.defaults());
    io.onConnection(socket -> socket.on("echo", (args, ack) -> ack.send(args.values())));
    io.of("/boom").use((socket, next) -> {
      throw new IllegalStateException("middleware bug");
    });
    server = NettySocketIoServer.start(io, 0);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @AfterEach
  void nothingLeaks() {
    await().atMost(5, TimeUnit.SECONDS).until(() -> io.connectionCount() == 0);
    assertThat(io.of("/").sockets()).isEmpty();
    assertThat(io.of("/").adapter().rooms()).isEmpty();
    LogCapture.assertNoWarnings();
  }

  /** A raw client: every text frame it receives, and how the connection ended. */
  private static final class Peer implements WebSocket.Listener {
    final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    WebSocket ws;
    private final StringBuilder partial = new StringBuilder();

    static Peer open() throws Exception {
      Peer peer = new Peer();
      peer.ws = HTTP.newWebSocketBuilder()
          .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/socket.io/?EIO=4&transport=websocket"), peer)
          .get(5, TimeUnit.SECONDS);
      assertThat(peer.next()).startsWith("0{\"sid\":");
      return peer;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        texts.add(partial.toString());
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.complete(-1);
    }

    String next() throws InterruptedException {
      String s = texts.poll(5, TimeUnit.SECONDS);
      assertThat(s).as("a packet from the server").isNotNull();
      return s;
    }

    Peer send(String text) {
      ws.sendText(text, true).join();
      return this;
    }

    Peer sendBinary(byte... bytes) {
      ws.sendBinary(ByteBuffer.wrap(bytes), true).join();
      return this;
    }

    Peer join() throws InterruptedException {
      send("40");
      assertThat(next()).startsWith("40{\"sid\":");
      return this;
    }

    void assertClosedByServer() {
      assertThat(closed).succeedsWithin(Duration.ofSeconds(5));
    }

    void close() {
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
    }
  }

  @Test
  void anEventForANamespaceNotJoinedClosesTheConnection() throws Exception {
    Peer.open().send("42[\"echo\",1]").assertClosedByServer();
  }

  @Test
  void anUnknownAckIdIsIgnoredAndTheConnectionWorksOn() throws Exception {
    Peer peer = Peer.open().join();
    peer.send("43999[1]").send("3").send("421[\"echo\",\"still here\"]");
    assertThat(peer.next()).isEqualTo("431[\"still here\"]");
    peer.close();
  }

  @Test
  void tooManyAttachmentsCloseTheConnection() throws Exception {
    Peer.open().join().send("4511-[\"echo\"]").assertClosedByServer();
    Peer.open().join().send("451000000000-[\"echo\"]").assertClosedByServer();
  }

  @Test
  void zeroAttachmentsThenBinaryFramesCloseTheConnection() throws Exception {
    Peer peer = Peer.open().join().send("450-[\"echo\"]");
    peer.assertClosedByServer();
  }

  @Test
  void binaryWithoutAPendingPacketAndTextDuringReassemblyCloseTheConnection() throws Exception {
    Peer.open().join().sendBinary((byte) 1).assertClosedByServer();
    Peer.open().join().send("451-[\"echo\",{\"_placeholder\":true,\"num\":0}]").send("42[\"echo\"]")
        .assertClosedByServer();
  }

  @Test
  void malformedPacketsCloseTheConnection() throws Exception {
    for (String bad : new String[] {"42{}", "42[]", "42[\"connect\"]", "40/admin,\"str\"", "41{}", "44{}", "4x"}) {
      Peer.open().join().send(bad).assertClosedByServer();
    }
  }

  @Test
  void aMiddlewareThatThrowsRefusesTheJoinAndTheConnectionLives() throws Exception {
    Peer peer = Peer.open();
    peer.send("40/boom,");
    assertThat(peer.next()).isEqualTo("44/boom,{\"message\":\"server error\"}");
    // An application bug, not a peer fault: logged once, with its stack trace.
    assertThat(LogCapture.takeWarnings())
        .containsExactly("WARN io.socketeer.server.Namespace: middleware of namespace /boom failed");
    peer.join().send("420[\"echo\",1]");
    assertThat(peer.next()).isEqualTo("430[1]");
    peer.close();
  }

  @Test
  void closingAServerTwiceIsHarmless() {
    NettySocketIoServer other = NettySocketIoServer.start(SocketIoServer.create(ServerOptions.defaults()), 0);
    other.close();
    other.close();
    assertThat(other.io().connectionCount()).isZero();
  }

  @Test
  void aBadClientDoesNotDisturbAGoodOne() throws Exception {
    Peer good = Peer.open().join();
    Peer.open().join().send("4abc").assertClosedByServer();
    good.send("427[\"echo\",\"ok\"]");
    assertThat(good.next()).isEqualTo("437[\"ok\"]");
    good.close();
  }
}
