package io.socketeer.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socketeer.netty.NettySocketIoServer;
import io.socketeer.server.ConnectError;
import io.socketeer.server.Namespace;
import io.socketeer.server.ServerOptions;
import io.socketeer.server.SocketIoServer;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The command against Socketeer's own server on Netty, with the Node scenario handlers in Java. */
class SocketeerServerCliIT extends CliScenarios {
  private static NettySocketIoServer server;

  @BeforeAll
  static void startServer() {
    SocketIoServer io = SocketIoServer.create(ServerOptions.defaults());
    install(io.of("/"));
    Namespace priv = io.of("/private");
    priv.use((socket, next) -> {
      if (!"secret".equals(socket.handshake().auth().path("token").asText())) {
        throw new ConnectError("not authorized", Map.of("reason", "no token"));
      }
      next.proceed();
    });
    install(priv);
    server = NettySocketIoServer.start(io, 0);
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Override
  String url() {
    return "http://127.0.0.1:" + server.port();
  }

  private static void install(Namespace nsp) {
    nsp.onConnection(socket -> {
      socket.emit("welcome", socket.id(), socket.recovered());
      socket.on("echo", (args, ack) -> {
        if (ack.isRequested()) {
          ack.send(args.values());
        } else {
          socket.emit("echo", args.values());
        }
      });
      socket.on("handshake", (args, ack) -> {
        ObjectNode hs = JsonNodeFactory.instance.objectNode();
        hs.set("auth", socket.handshake().auth());
        ObjectNode query = hs.putObject("query");
        socket.handshake().query().forEach((k, v) -> query.put(k, v.isEmpty() ? "" : v.get(0)));
        ObjectNode headers = hs.putObject("headers");
        socket.handshake().headers().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(", ", v)));
        ack.send(hs);
      });
      socket.on("binary", (args, ack) -> {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.putObject("nested").put("buf", new byte[] {4, 5});
        o.put("n", 1);
        socket.emit("binary-back", new byte[] {1, 2, 3}, o);
      });
      socket.on("kick", (args, ack) -> socket.disconnect());
    });
  }
}
