package io.socketeer.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.socketeer.engine.EngineOptions;
import io.socketeer.server.ServerOptions;
import io.socketeer.server.Socket;
import io.socketeer.server.SocketIoServer;
import io.socketeer.testkit.LogCapture;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading while the server keeps emitting (BAD_INPUTS C-45): the server holds
 * no more than its outbound limit for it, ends its session with {@code transport error} and drops
 * the connection, and the other clients go on as before.
 */
class SlowConsumerIT {
  private static final int LIMIT = 1 << 20;
  private static SocketIoServer io;
  private static NettySocketIoServer server;
  private static final LinkedBlockingQueue<Socket> connected = new LinkedBlockingQueue<>();

  @BeforeAll
  static void start() {
    LogCapture.install();
    io = SocketIoServer.create(ServerOptions.defaults());
    io.onConnection(connected::add);
    server = NettySocketIoServer.builder(io).port(0)
        .engineOptions(EngineOptions.builder().path("/socket.io/").maxBuffered(LIMIT, 100_000).build()).start();
  }

  @AfterAll
  static void stop() {
    server.close();
    LogCapture.assertNoWarnings();
  }

  private static DeflatePeer join() throws Exception {
    DeflatePeer peer = new DeflatePeer(server.port(), "/socket.io/?EIO=4&transport=websocket", null);
    peer.readUntil(DeflatePeer.TEXT); // open
    peer.sendText("40", false);
    assertThat(peer.readUntil(DeflatePeer.TEXT).text()).startsWith("40{\"sid\":");
    return peer;
  }

  @Test
  void aClientThatStopsReadingIsDisconnectedAtTheLimitAndOthersGoOn() throws Exception {
    try (DeflatePeer slow = join(); DeflatePeer healthy = join()) {
      Socket slowSocket = connected.poll(5, TimeUnit.SECONDS);
      Socket healthySocket = connected.poll(5, TimeUnit.SECONDS);
      CompletableFuture<String> reason = new CompletableFuture<>();
      slowSocket.onDisconnect(r -> reason.complete(r.text()));

      // The slow peer reads nothing from now on; the server emits 10 KB events to it.
      String tenKb = "y".repeat(10_000);
      long sentBytes = 0;
      while (!reason.isDone() && sentBytes < 256L << 20) {
        slowSocket.emit("bulk", tenKb);
        sentBytes += 10_000;
        if (sentBytes % (1 << 20) < 10_000) {
          Thread.sleep(5); // let the event loop write and meet the full socket buffers
        }
      }
      assertThat(reason).succeedsWithin(Duration.ofSeconds(10)).isEqualTo("transport error");
      assertThat(sentBytes).as("the session ended long before 256 MB were queued").isLessThan(256L << 20);

      healthySocket.emit("still", "fine");
      assertThat(healthy.readUntil(DeflatePeer.TEXT).text()).isEqualTo("42[\"still\",\"fine\"]");
      await().atMost(5, TimeUnit.SECONDS).until(() -> io.connectionCount() == 1);
    }
  }
}
