package io.socketeer.runtimetests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.socketeer.server.ServerOptions;
import io.socketeer.server.SocketIoServer;
import io.socketeer.testkit.LogCapture;
import io.socketeer.testkit.RawSocketIoPeer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Bad input at the Socket.IO layer over real WebSocket connections, from the JDK's own WebSocket
 * client as a raw peer: each ends as the reference ends it (connection closed, or the packet
 * ignored), nothing leaks, and other clients are not affected. Each runtime runs them through a
 * subclass, which adds its own check that closing its server twice is harmless.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AbstractSocketIoBadInput {
  private SocketIoServer io;
  private RunningServer server;

  /** Starts {@code io} on a free port of the runtime under test, with the reference defaults. */
  protected abstract RunningServer start(SocketIoServer io) throws Exception;

  @BeforeAll
  void start() throws Exception {
    LogCapture.install();
    io = SocketIoServer.create(ServerOptions.defaults());
    io.onConnection(socket -> socket.on("echo", (args, ack) -> ack.send(args.values())));
    io.of("/boom").use((socket, next) -> {
      throw new IllegalStateException("middleware bug");
    });
    server = start(io);
  }

  @AfterAll
  void stop() throws Exception {
    server.close();
  }

  @AfterEach
  void nothingLeaks() {
    await().atMost(5, TimeUnit.SECONDS).until(() -> io.connectionCount() == 0);
    assertThat(io.of("/").sockets()).isEmpty();
    assertThat(io.of("/").adapter().rooms()).isEmpty();
    LogCapture.assertNoWarnings();
  }

  private RawSocketIoPeer open() {
    return RawSocketIoPeer.open(server.port());
  }

  private static void assertClosedByServer(RawSocketIoPeer peer) {
    assertThat(peer.closed()).succeedsWithin(Duration.ofSeconds(5));
  }

  @Test
  void anEventForANamespaceNotJoinedClosesTheConnection() throws Exception {
    assertClosedByServer(open().send("42[\"echo\",1]"));
  }

  @Test
  void anUnknownAckIdIsIgnoredAndTheConnectionWorksOn() throws Exception {
    RawSocketIoPeer peer = open().join();
    peer.send("43999[1]").send("3").send("421[\"echo\",\"still here\"]");
    assertThat(peer.next()).isEqualTo("431[\"still here\"]");
    peer.close();
  }

  @Test
  void tooManyAttachmentsCloseTheConnection() throws Exception {
    assertClosedByServer(open().join().send("4511-[\"echo\"]"));
    assertClosedByServer(open().join().send("451000000000-[\"echo\"]"));
  }

  @Test
  void zeroAttachmentsThenBinaryFramesCloseTheConnection() throws Exception {
    RawSocketIoPeer peer = open().join().send("450-[\"echo\"]");
    assertClosedByServer(peer);
  }

  @Test
  void binaryWithoutAPendingPacketAndTextDuringReassemblyCloseTheConnection() throws Exception {
    assertClosedByServer(open().join().sendBinary((byte) 1));
    assertClosedByServer(open().join().send("451-[\"echo\",{\"_placeholder\":true,\"num\":0}]").send("42[\"echo\"]"));
  }

  @Test
  void malformedPacketsCloseTheConnection() throws Exception {
    for (String bad : new String[] {"42{}", "42[]", "42[\"connect\"]", "40/admin,\"str\"", "41{}", "44{}", "4x"}) {
      assertClosedByServer(open().join().send(bad));
    }
  }

  @Test
  void aMiddlewareThatThrowsRefusesTheJoinAndTheConnectionLives() throws Exception {
    RawSocketIoPeer peer = open();
    peer.send("40/boom,");
    assertThat(peer.next()).isEqualTo("44/boom,{\"message\":\"server error\"}");
    // An application bug, not a peer fault: logged once, with its stack trace.
    assertThat(LogCapture.takeWarnings())
        .containsExactly("WARN io.socketeer.server.Namespace: middleware of namespace /boom failed / middleware bug");
    peer.join().send("420[\"echo\",1]");
    assertThat(peer.next()).isEqualTo("430[1]");
    peer.close();
  }

  @Test
  void aBadClientDoesNotDisturbAGoodOne() throws Exception {
    RawSocketIoPeer good = open().join();
    assertClosedByServer(open().join().send("4abc"));
    good.send("427[\"echo\",\"ok\"]");
    assertThat(good.next()).isEqualTo("437[\"ok\"]");
    good.close();
  }
}
