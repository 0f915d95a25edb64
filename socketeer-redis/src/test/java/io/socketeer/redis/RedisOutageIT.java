package io.socketeer.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.socketeer.netty.NettySocketIoServer;
import io.socketeer.server.ServerOptions;
import io.socketeer.server.SocketIoServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Redis dies while two Socketeer servers broadcast, and comes back: local delivery never stops,
 * nothing throws, and once Redis is back the servers reach each other's clients again without
 * being restarted (Lettuce reconnects and subscribes again).
 */
class RedisOutageIT {
  /** A raw WebSocket client that records the events it receives. */
  private static final class Client implements WebSocket.Listener {
    final List<String> events = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    WebSocket ws;

    static Client connect(int port) throws Exception {
      Client c = new Client();
      c.ws = HttpClient.newHttpClient().newWebSocketBuilder()
          .buildAsync(URI.create("ws://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=websocket"), c)
          .get(5, TimeUnit.SECONDS);
      await().atMost(5, TimeUnit.SECONDS).until(() -> c.events.stream().anyMatch(e -> e.startsWith("0{")));
      c.ws.sendText("40", true).join();
      await().atMost(5, TimeUnit.SECONDS).until(() -> c.events.stream().anyMatch(e -> e.startsWith("40{")));
      return c;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        if (text.equals("2")) {
          webSocket.sendText("3", true);
        } else {
          events.add(text);
        }
      }
      webSocket.request(1);
      return null;
    }
  }

  private static SocketIoServer node(RedisClient redis) {
    return SocketIoServer.create(ServerOptions.builder().adapterFactory(RedisAdapter.factory(redis)).build());
  }

  @Test
  void theClusterHealsAfterRedisRestarts() throws Exception {
    try (RedisServer redis = RedisServer.start()) {
      RedisClient client = RedisClient.create(redis.uri());
      client.setOptions(ClientOptions.builder()
          .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
      SocketIoServer a = node(client);
      SocketIoServer b = node(client);
      try (NettySocketIoServer serverA = NettySocketIoServer.start(a, 0);
          NettySocketIoServer serverB = NettySocketIoServer.start(b, 0)) {
        Client onA = Client.connect(serverA.port());
        Client onB = Client.connect(serverB.port());

        a.emit("news", "before");
        await().atMost(5, TimeUnit.SECONDS).until(() -> onB.events.contains("42[\"news\",\"before\"]"));

        redis.kill();
        for (int i = 0; i < 20; i++) {
          a.emit("news", "during " + i); // must neither throw nor queue up
        }
        await().atMost(5, TimeUnit.SECONDS).until(() -> onA.events.contains("42[\"news\",\"during 19\"]"));

        redis.startProcess();
        await().atMost(30, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(200)).until(() -> {
          a.emit("news", "after");
          return onB.events.contains("42[\"news\",\"after\"]");
        });
        b.emit("news", "back");
        await().atMost(5, TimeUnit.SECONDS).until(() -> onA.events.contains("42[\"news\",\"back\"]"));
        assertThat(onA.events).contains("42[\"news\",\"before\"]");
        onA.ws.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
        onB.ws.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
      } finally {
        client.shutdown();
      }
    }
  }
}
