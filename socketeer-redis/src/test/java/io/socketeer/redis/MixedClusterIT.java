package io.socketeer.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.socketeer.netty.NettySocketIoServer;
import io.socketeer.protocol.internal.JsJson;
import io.socketeer.server.ServerOptions;
import io.socketeer.server.SocketIoServer;
import io.socketeer.testkit.NodeScripts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Socketeer server and an official Node server ({@code socket.io} with {@code
 * @socket.io/redis-adapter}) on one real Redis, official clients on both: broadcasts to all, to a
 * room and to all but a room, from each side, reach exactly the right clients on both servers.
 */
class MixedClusterIT {
  @Test
  void broadcastsReachTheClientsOfBothServers() throws Exception {
    try (RedisServer redis = RedisServer.start()) {
      RedisClient client = RedisClient.create(redis.uri());
      client.setOptions(ClientOptions.builder()
          .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
      SocketIoServer io = SocketIoServer.create(
          ServerOptions.builder().adapterFactory(RedisAdapter.factory(client)).build());
      io.onConnection(socket -> {
        socket.on("join", (args, ack) -> {
          socket.join(args.text(0));
          ack.send();
        });
        socket.on("to-all", (args, ack) -> {
          io.emit("news", args.values());
          ack.send();
        });
        socket.on("to-room", (args, ack) -> {
          io.to(args.text(0)).emit("news", args.get(1));
          ack.send();
        });
      });
      try (NettySocketIoServer server = NettySocketIoServer.start(io, 0)) {
        NodeScripts.Result result = NodeScripts.run(Duration.ofSeconds(60), "redis-cluster-scenario.js",
            "http://127.0.0.1:" + server.port() + "/", String.valueOf(redis.port()));
        assertThat(result.exitCode()).as(result.output()).isZero();
        JsonNode got = JsJson.parse(result.lastLine()).get("got");
        assertThat(texts(got.get("onJava"))).containsExactly(
            "[\"from node\",{\"$bin\":\"0102\"}]",
            "[\"from java\",{\"$bin\":\"03\"}]",
            "[\"node to room r\"]",
            "[\"java to room r\"]");
        for (String name : new String[] {"onNode", "onNodeToo"}) {
          assertThat(texts(got.get(name))).as(name).containsExactly(
              "[\"from node\",{\"$bin\":\"0102\"}]",
              "[\"from java\",{\"$bin\":\"03\"}]",
              "[\"node to all but r\"]");
        }
      } finally {
        client.shutdown();
      }
    }
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(JsJson.toString(n)));
    return out;
  }
}
