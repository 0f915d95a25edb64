package io.socketeer.redis;

import io.socketeer.server.RemoteSocket;
import io.socketeer.server.SocketIoServer;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** The Java side of the mixed-cluster scenarios in {@code interop/redis-*-scenario.js}. */
final class ClusterScenarioHandlers {
  private ClusterScenarioHandlers() {}

  static void install(SocketIoServer io) {
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
      socket.on("to-all-but", (args, ack) -> {
        io.except(args.text(0)).emit("news", args.get(1));
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
      socket.on("set-data", (args, ack) -> {
        socket.data().put("name", args.text(0));
        ack.send();
      });
      socket.on("whoami", (args, ack) -> {
        var answer = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("server", "java");
        answer.set("data", socket.data());
        socket.rooms().stream().sorted().forEach(answer.putArray("rooms")::add);
        ack.send(answer);
      });
      socket.on("server-count", (args, ack) -> io.of("/").adapter().serverCount()
          .whenComplete((count, error) -> ack.send(error != null ? -1 : count)));
    });
    io.onServerSideEvent("hello-java", (args, ack) -> ack.send("java says hi to " + args.text(0)));
  }
}
