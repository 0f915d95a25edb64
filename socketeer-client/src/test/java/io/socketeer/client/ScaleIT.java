package io.socketeer.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketeer.testkit.NodeScenarioServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Opens many concurrent WebSocket clients from one JVM to the official server and reports the
 * connect rate and the heap each connection costs. The count is {@code -Dsocketeer.scale.clients}
 * (default 500, so that the regular build stays quick; the README's figures use 10000).
 */
class ScaleIT {
  @Test
  void holdsManyConcurrentWebSocketClients() throws Exception {
    int n = Integer.getInteger("socketeer.scale.clients", 500);
    try (NodeScenarioServer server = NodeScenarioServer.start()) {
      SocketIoClient client = SocketIoClient.create(2, 2);
      try {
        long heapBefore = usedHeap();
        ClientOptions options =
            ClientOptions.builder()
                .transports("websocket")
                .forceNew(true)
                .timeout(Duration.ofSeconds(60))
                .build();
        CountDownLatch connected = new CountDownLatch(n);
        List<Socket> sockets = new ArrayList<>(n);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
          Socket s = client.socket(server.url(), options);
          s.onConnect(connected::countDown);
          sockets.add(s);
        }
        assertThat(connected.await(5, TimeUnit.MINUTES))
            .as("all %d clients connected (missing %d)", n, connected.getCount())
            .isTrue();
        double seconds = (System.nanoTime() - t0) / 1e9;
        long heapAfter = usedHeap();
        long perConnection = (heapAfter - heapBefore) / n;
        System.out.printf(
            "SCALE clients=%d connect_seconds=%.2f rate_per_second=%.0f heap_per_connection_bytes=%d"
                + " leak_detection=%s%n",
            n, seconds, n / seconds, perConnection, io.netty.util.ResourceLeakDetector.getLevel());
        assertThat(sockets).allMatch(Socket::connected);
        // Every connection still works: a round trip on a sample of them.
        for (int i = 0; i < n; i += Math.max(1, n / 20)) {
          assertThat(sockets.get(i).emitWithAck("echo", i).get(30, TimeUnit.SECONDS).get(0).asInt())
              .isEqualTo(i);
        }
        assertThat(sockets.get(0).emitWithAck("engine-count").get(30, TimeUnit.SECONDS).get(0).asInt())
            .isEqualTo(n);
      } finally {
        client.close();
      }
    }
  }

  private static long usedHeap() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
