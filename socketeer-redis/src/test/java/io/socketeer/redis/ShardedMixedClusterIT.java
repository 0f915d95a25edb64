package io.socketeer.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.socketeer.netty.NettySocketIoServer;
import io.socketeer.protocol.internal.JsJson;
import io.socketeer.redis.RedisAdapterOptions.Variant;
import io.socketeer.server.ServerOptions;
import io.socketeer.server.SocketIoServer;
import io.socketeer.testkit.NodeScripts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Socketeer server and an official Node server ({@code socket.io} with {@code
 * createShardedAdapter} of {@code @socket.io/redis-adapter}) on Redis sharded pub/sub, official
 * clients on both: broadcasts to all, to a room (on the room's own channel) and to all but a room
 * from each side reach exactly the right clients; fetchSockets, socketsJoin, serverSideEmit with
 * acks, broadcasts with acks and serverCount work both ways.
 */
class ShardedMixedClusterIT {
  @Test
  void shardedClusterOfJavaAndNodeServers() throws Exception {
    try (RedisServer redis = RedisServer.start()) {
      RedisClient client = RedisClient.create(redis.uri());
      client.setOptions(ClientOptions.builder()
          .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
      SocketIoServer io = SocketIoServer.create(ServerOptions.builder()
          .adapterFactory(RedisAdapter.factory(client, RedisAdapterOptions.builder().variant(Variant.SHARDED).build()))
          .build());
      ClusterScenarioHandlers.install(io);
      try (NettySocketIoServer server = NettySocketIoServer.start(io, 0)) {
        NodeScripts.Result result = NodeScripts.run(Duration.ofSeconds(60), "redis-sharded-scenario.js",
            "http://127.0.0.1:" + server.port() + "/", String.valueOf(redis.port()));
        assertThat(result.exitCode()).as(result.output()).isZero();
        JsonNode json = JsJson.parse(result.lastLine());
        JsonNode got = json.get("got");
        assertThat(texts(got.get("onJava"))).containsExactly(
            "[\"from node\",{\"$bin\":\"0102\"}]",
            "[\"from java\",{\"$bin\":\"03\"}]",
            "[\"node to room r\"]",
            "[\"java to all but n\"]",
            "[\"to a room joined from node\"]");
        assertThat(texts(got.get("onNode"))).containsExactly(
            "[\"from node\",{\"$bin\":\"0102\"}]",
            "[\"from java\",{\"$bin\":\"03\"}]",
            "[\"node to all but r\"]",
            "[\"java to all but n\"]");
        assertThat(texts(got.get("onNodeToo"))).containsExactly(
            "[\"from node\",{\"$bin\":\"0102\"}]",
            "[\"from java\",{\"$bin\":\"03\"}]",
            "[\"java to room n\"]",
            "[\"node to all but r\"]");
        JsonNode ids = json.get("ids");
        String[] all = {ids.get("onJava").asText(), ids.get("onNode").asText(), ids.get("onNodeToo").asText()};
        assertThat(json.get("fetchedByNode").findValuesAsText("id")).containsExactlyInAnyOrder(all);
        assertThat(json.get("fetchedByNode").findValuesAsText("address")).containsOnly("127.0.0.1");
        List<String> quoted = new ArrayList<>();
        for (String id : all) {
          quoted.add("\"" + id + "\"");
        }
        assertThat(texts(json.get("fetchedByJava"))).containsExactlyInAnyOrderElementsOf(quoted);
        List<String> pongs = List.of("\"pong from onJava\"", "\"pong from onNode\"", "\"pong from onNodeToo\"");
        assertThat(texts(json.get("pongs"))).containsExactlyElementsOf(pongs);
        assertThat(texts(json.get("pongsForJava"))).containsExactlyElementsOf(pongs);
        assertThat(texts(json.get("javaReplies"))).containsExactly("\"java says hi to node\"");
        assertThat(texts(json.get("nodeReplies"))).containsExactly("\"node says hi to java\"");
        assertThat(json.get("serverCountOnNode").asInt()).isEqualTo(2);
        assertThat(json.get("serverCountOnJava").asInt()).isEqualTo(2);
      } finally {
        io.close();
        client.shutdown();
      }
    }
  }

  static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(JsJson.toString(n)));
    return out;
  }
}
