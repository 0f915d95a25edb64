package io.socketeer.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.RedisClient;
import io.socketeer.redis.RedisAdapterOptions.Variant;
import io.socketeer.server.ServerOptions;
import io.socketeer.server.SocketIoServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A node in another process is killed (SIGKILL) while a request waits for its answer: the heartbeat
 * timeout ends the wait, long before the request timeout.
 */
class NodeHeartbeatIT {
  static final Duration INTERVAL = Duration.ofMillis(300);
  static final Duration TIMEOUT = Duration.ofMillis(1200);
  static final Duration REQUESTS = Duration.ofSeconds(10);

  static RedisAdapterOptions options(Variant variant) {
    return RedisAdapterOptions.builder().variant(variant).heartbeat(INTERVAL, TIMEOUT).requestsTimeout(REQUESTS).build();
  }

  @Test
  void requestToAKilledNodeEndsAtTheHeartbeatTimeout() throws Exception {
    try (RedisServer redis = RedisServer.start()) {
      String java = ProcessHandle.current().info().command().orElse("java");
      Process other = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          SilentNodeMain.class.getName(), redis.uri()).redirectErrorStream(true).start();
      RedisClient client = RedisClient.create(redis.uri());
      SocketIoServer io = null;
      try {
        BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
        String line;
        do {
          line = out.readLine();
        } while (line != null && !line.equals("ready"));
        assertThat(line).as("the other node started").isEqualTo("ready");
        io = SocketIoServer.create(ServerOptions.builder()
            .adapterFactory(RedisAdapter.factory(client, options(Variant.SHARDED))).build());
        ClusterCore adapter = (ClusterCore) io.of("/").adapter();
        await().atMost(Duration.ofSeconds(10)).until(() -> adapter.watchedNodes().size() == 1
            && adapter.serverCount().toCompletableFuture().get() == 2);

        CompletableFuture<List<JsonNode>> replies = io.serverSideEmitWithAck("slow");
        Thread.sleep(200);
        assertThat(replies).as("the other node does not answer").isNotDone();
        long killedAt = System.nanoTime();
        other.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        assertThat(replies.get(REQUESTS.toMillis(), TimeUnit.MILLISECONDS)).isEmpty();
        Duration waited = Duration.ofNanos(System.nanoTime() - killedAt);
        assertThat(waited).isLessThan(TIMEOUT.plusSeconds(2)).isLessThan(REQUESTS);
        assertThat(adapter.watchedNodes()).isEmpty();
        // A new request does not wait for the dead node either: Redis no longer lists it.
        assertThat(io.serverSideEmitWithAck("slow").get(2, TimeUnit.SECONDS)).isEmpty();
      } finally {
        other.destroyForcibly();
        if (io != null) {
          io.close();
        }
        client.shutdown();
      }
    }
  }
}
