package io.socketeer.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.socketeer.netty.NettySocketIoServer;
import io.socketeer.protocol.internal.JsJson;
import io.socketeer.server.RemoteSocket;
import io.socketeer.server.ServerOptions;
import io.socketeer.server.SocketIoServer;
import io.socketeer.testkit.NodeScripts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
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
        socket.on("ping-all", (args, ack) -> io.timeout(Duration.ofSeconds(3)).emitWithAck("ping")
            .whenComplete((replies, error) -> ack.send(error != null ? List.of("error: " + error)
                : replies.stream().map(r -> r.text(0)).sorted().collect(Collectors.toList()))));
        socket.on("hello-nodes", (args, ack) -> io.serverSideEmitWithAck("hello-node", "java")
            .whenComplete((replies, error) -> ack.send(error != null ? List.of("error: " + error) : replies)));
        socket.on("fetch", (args, ack) -> io.fetchSockets().whenComplete((sockets, error) ->
            ack.send(error != null ? List.of("error: " + error)
                : sockets.stream().map(RemoteSocket::id).sorted().collect(Collectors.toList()))));
      });
      io.onServerSideEvent("hello-java", (args, ack) -> ack.send("java says hi to " + args.text(0)));
      RedisEmitter emitter = RedisEmitter.create(client);
      io.onConnection(socket -> socket.on("java-emitter", (args, ack) -> {
        emitter.emit("news", "from the java emitter");
        ack.send();
      }));
      try (NettySocketIoServer server = NettySocketIoServer.start(io, 0)) {
        NodeScripts.Result result = NodeScripts.run(Duration.ofSeconds(60), "redis-cluster-scenario.js",
            "http://127.0.0.1:" + server.port() + "/", String.valueOf(redis.port()));
        assertThat(result.exitCode()).as(result.output()).isZero();
        JsonNode json = JsJson.parse(result.lastLine());
        JsonNode got = json.get("got");
        assertThat(texts(got.get("onJava"))).containsExactly(
            "[\"from node\",{\"$bin\":\"0102\"}]",
            "[\"from java\",{\"$bin\":\"03\"}]",
            "[\"node to room r\"]",
            "[\"java to room r\"]",
            "[\"to a room joined from node\"]");
        JsonNode ids = json.get("ids");
        // fetchSockets on the Node server sees the Java server's socket, with its handshake.
        assertThat(json.get("fetchedByNode").findValuesAsText("id"))
            .containsExactlyInAnyOrder(ids.get("onJava").asText(), ids.get("onNode").asText(), ids.get("onNodeToo").asText());
        assertThat(json.get("fetchedByNode").findValuesAsText("address")).contains("127.0.0.1");
        // ... and fetchSockets on the Java server sees the Node server's sockets.
        assertThat(texts(json.get("fetchedByJava"))).containsExactlyInAnyOrder(
            "\"" + ids.get("onJava").asText() + "\"", "\"" + ids.get("onNode").asText() + "\"",
            "\"" + ids.get("onNodeToo").asText() + "\"");
        // A broadcast with acks from the Node server collects the Java server's client's reply too.
        assertThat(texts(json.get("pongs"))).containsExactly(
            "\"pong from onJava\"", "\"pong from onNode\"", "\"pong from onNodeToo\"");
        // ... and one started on the Java server collects the Node server's clients' replies.
        assertThat(texts(json.get("pongsForJava"))).containsExactly(
            "\"pong from onJava\"", "\"pong from onNode\"", "\"pong from onNodeToo\"");
        // serverSideEmit with acks, both ways.
        assertThat(texts(json.get("javaReplies"))).containsExactly("\"java says hi to node\"");
        assertThat(texts(json.get("nodeReplies"))).containsExactly("\"node says hi to java\"");
        // The official emitter and ours reach the clients of both kinds of servers.
        for (String name : new String[] {"onJava", "onNode", "onNodeToo"}) {
          assertThat(texts(json.get("fromEmitters").get(name))).as(name)
              .containsExactly("[\"from the node emitter\"]", "[\"from the java emitter\"]");
        }
        for (String name : new String[] {"onNode", "onNodeToo"}) {
          assertThat(texts(got.get(name))).as(name).containsExactly(
              "[\"from node\",{\"$bin\":\"0102\"}]",
              "[\"from java\",{\"$bin\":\"03\"}]",
              "[\"node to all but r\"]");
        }
      } finally {
        emitter.close();
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
