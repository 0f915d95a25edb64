package io.socketeer.redis;

import static io.socketeer.redis.ShardedMixedClusterIT.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.socketeer.netty.NettySocketIoServer;
import io.socketeer.protocol.internal.JsJson;
import io.socketeer.redis.RedisAdapterOptions.Variant;
import io.socketeer.server.RecoveryOptions;
import io.socketeer.server.ServerOptions;
import io.socketeer.server.SocketIoServer;
import io.socketeer.testkit.NodeScripts;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A Socketeer server and an official Node server ({@code socket.io} with {@code
 * @socket.io/redis-streams-adapter}) on one Redis stream, official clients on both: broadcasts and
 * cluster-wide requests both ways, and connection state recovery across the two servers — a client
 * that loses its connection and comes back on the other server gets its id, rooms, data and the
 * broadcasts it missed.
 */
class StreamsMixedClusterIT {
  @Test
  void streamsClusterOfJavaAndNodeServersRecoversSessionsAcrossServers() throws Exception {
    try (RedisServer redis = RedisServer.start()) {
      RedisClient client = RedisClient.create(redis.uri());
      client.setOptions(ClientOptions.builder()
          .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
      SocketIoServer io = SocketIoServer.create(ServerOptions.builder()
          .adapterFactory(RedisAdapter.factory(client, RedisAdapterOptions.builder().variant(Variant.STREAMS).build()))
          .connectionStateRecovery(RecoveryOptions.defaults().withMaxDisconnectionDuration(Duration.ofMinutes(1)))
          .build());
      ClusterScenarioHandlers.install(io);
      try (NettySocketIoServer server = NettySocketIoServer.start(io, 0)) {
        NodeScripts.Result result = NodeScripts.run(Duration.ofSeconds(70), "redis-streams-scenario.js",
            "http://127.0.0.1:" + server.port() + "/", String.valueOf(redis.port()));
        assertThat(result.exitCode()).as(result.output()).isZero();
        JsonNode json = JsJson.parse(result.lastLine());
        JsonNode got = json.get("got");
        // Every event carries its stream offset last (recovery is on on both servers).
        assertThat(withoutOffsets(got.get("onJava"))).containsExactly(
            "[\"from node\",{\"$bin\":\"0102\"}]",
            "[\"from java\",{\"$bin\":\"03\"}]",
            "[\"node to room r\"]",
            "[\"java to all but n\"]",
            "[\"not for the club\"]");
        assertThat(withoutOffsets(got.get("onNode"))).containsExactly(
            "[\"from node\",{\"$bin\":\"0102\"}]",
            "[\"from java\",{\"$bin\":\"03\"}]",
            "[\"node to all but r\"]",
            "[\"java to all but n\"]",
            "[\"not for the club\"]");
        assertThat(withoutOffsets(got.get("onNodeToo"))).containsExactly(
            "[\"from node\",{\"$bin\":\"0102\"}]",
            "[\"from java\",{\"$bin\":\"03\"}]",
            "[\"java to room n\"]",
            "[\"node to all but r\"]",
            "[\"not for the club\"]");
        assertThat(texts(json.get("fetchedByJava"))).isEqualTo(texts(json.get("fetchedByNode"))).hasSize(5);
        assertThat(texts(json.get("javaReplies"))).containsExactly("\"java says hi to node\"");
        assertThat(texts(json.get("nodeReplies"))).containsExactly("\"node says hi to java\"");
        assertThat(texts(json.get("pongsForJava")))
            .containsExactly("\"pong from fromJava\"", "\"pong from fromNode\"", "\"pong from onJava\"",
                "\"pong from onNode\"", "\"pong from onNodeToo\"");

        for (String[] mover : new String[][] {{"fromJava", "java", "node"}, {"fromNode", "node", "java"}}) {
          String name = mover[0];
          JsonNode before = json.get("before").get(name);
          JsonNode after = json.get("after").get(name);
          assertThat(before.path("whoami").path("server").asText()).as(name).isEqualTo(mover[1]);
          assertThat(before.path("offset").asText()).as(name).matches("[0-9]+-[0-9]+");
          assertThat(after.path("whoami").path("server").asText()).as(name).isEqualTo(mover[2]);
          assertThat(after.path("recovered").asBoolean()).as(name + " recovered").isTrue();
          assertThat(after.path("id").asText()).as(name).isEqualTo(before.path("id").asText());
          assertThat(after.path("whoami").path("data").path("name").asText()).as(name).isEqualTo(name);
          assertThat(texts(after.path("whoami").path("rooms"))).as(name)
              .isEqualTo(texts(before.path("whoami").path("rooms"))).contains("\"club\"");
          assertThat(withoutOffsets(after.path("received"))).as(name)
              .containsExactly("[\"missed, from node\"]", "[\"missed, from java\"]");
        }
      } finally {
        io.close();
        client.shutdown();
      }
    }
  }

  /** The events' arguments without the stream offset each ends with (checked to be one). */
  private static java.util.List<String> withoutOffsets(JsonNode events) {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (JsonNode event : events) {
      assertThat(event.get(event.size() - 1).asText()).as(event.toString()).matches("[0-9]+-[0-9]+");
      com.fasterxml.jackson.databind.node.ArrayNode copy = (com.fasterxml.jackson.databind.node.ArrayNode) event.deepCopy();
      copy.remove(copy.size() - 1);
      out.add(JsJson.toString(copy));
    }
    return out;
  }
}
