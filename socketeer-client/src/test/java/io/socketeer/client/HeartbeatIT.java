package io.socketeer.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.socketeer.testkit.NodeScenarioServer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The heartbeat against the official server with short timings (pingInterval 300 ms, pingTimeout
 * 600 ms): pings keep a connection alive, and a server that goes silent (frozen with SIGSTOP) is
 * dropped with {@code ping timeout} after pingInterval + pingTimeout, then reconnected (and, since
 * the server has connection state recovery on, recovered).
 */
class HeartbeatIT {
  @Test
  void pingsKeepTheConnectionAndSilenceEndsItWithPingTimeout() throws Exception {
    try (NodeScenarioServer server = NodeScenarioServer.start("--ping-interval", "300", "--ping-timeout", "600");
        SocketIoClient client = SocketIoClient.create(1, 1)) {
      Socket socket =
          client.socket(
              server.url(),
              ClientOptions.builder()
                  .transports("websocket")
                  .reconnectionDelay(Duration.ofMillis(100))
                  .reconnectionDelayMax(Duration.ofMillis(200))
                  .build());
      AtomicInteger pings = new AtomicInteger();
      socket.manager().addListener(new ManagerListener() {
        @Override
        public void onPing() {
          pings.incrementAndGet();
        }
      });
      BlockingQueue<String> reasons = new LinkedBlockingQueue<>();
      socket.onDisconnect(reasons::add);
      // Warm up first: a cold JVM on a busy machine can miss the first pong deadline.
      await().atMost(Duration.ofSeconds(10)).until(() -> socket.connected() && pings.get() >= 2);
      reasons.clear();
      String id = socket.id();
      int before = pings.get();

      await().atMost(Duration.ofSeconds(5)).until(() -> pings.get() >= before + 4);
      assertThat(socket.connected()).isTrue();
      assertThat(socket.id()).isEqualTo(id);
      assertThat(reasons).isEmpty();

      server.freeze();
      long frozenAt = System.nanoTime();
      String reason = reasons.poll(10, TimeUnit.SECONDS);
      long silentMillis = (System.nanoTime() - frozenAt) / 1_000_000;
      server.resume();
      assertThat(reason).isEqualTo("ping timeout");
      // At most pingInterval + pingTimeout after the last ping, which came before the freeze.
      assertThat(silentMillis).isLessThan(2000);
      // The scenario server has connection state recovery on: the session comes back.
      await().atMost(Duration.ofSeconds(10)).until(socket::connected);
      assertThat(socket.recovered()).isTrue();
      assertThat(socket.id()).isEqualTo(id);
    }
  }
}
