package io.socketeer.client;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socketeer.netty.NettySocketIoServer;
import io.socketeer.server.ConnectError;
import io.socketeer.server.Namespace;
import io.socketeer.server.RecoveryOptions;
import io.socketeer.server.ServerOptions;
import io.socketeer.server.SocketIoServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The same client scenarios against Socketeer's own server on Netty (with connection state
 * recovery on, as the Node scenario server), with the handlers of {@code
 * interop/client-scenarios-server.js} written in Java.
 */
class SocketeerServerIT extends ClientScenarios {
  private static SocketIoServer io;
  private static NettySocketIoServer server;
  private static final List<Integer> retrySeen = new ArrayList<>();

  @BeforeAll
  static void startServer() {
    io = SocketIoServer.create(
        ServerOptions.builder().connectionStateRecovery(RecoveryOptions.defaults()).build());
    install(io.of("/"));
    install(io.of("/admin"));
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
      ArrayNode received = JsonNodeFactory.instance.arrayNode();
      socket.onAny((event, args) -> {
        if (!"received".equals(event)) {
          ArrayNode e = received.addArray().add(event);
          args.forEach(e::add);
        }
      });
      socket.emit("welcome", socket.id(), socket.recovered());
      socket.on("echo", (args, ack) -> {
        if (ack.isRequested()) {
          ack.send(args.values());
        } else {
          socket.emit("echo", args.values());
        }
      });
      socket.on("received", (args, ack) -> ack.send(received));
      socket.on("handshake", (args, ack) -> {
        ObjectNode hs = JsonNodeFactory.instance.objectNode();
        hs.set("auth", socket.handshake().auth());
        ObjectNode query = hs.putObject("query");
        socket.handshake().query().forEach((k, v) -> query.put(k, v.isEmpty() ? "" : v.get(0)));
        ObjectNode headers = hs.putObject("headers");
        socket.handshake().headers().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(", ", v)));
        ack.send(hs);
      });
      socket.on("engine-count", (args, ack) -> ack.send(io.connectionCount()));
      socket.on("engine-id", (args, ack) -> ack.send(socket.conn().id()));
      socket.on("ask", (args, ack) -> socket.timeout(Duration.ofSeconds(5)).emitWithAck("question", args.get(0))
          .handle((reply, err) -> socket.emit("answer", err != null ? "timeout" : reply.get(0))));
      socket.on("binary", (args, ack) -> {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.putObject("nested").put("buf", new byte[] {4, 5});
        o.put("n", 1);
        socket.emit("binary-back", new byte[] {1, 2, 3}, o);
      });
      socket.on("kick", (args, ack) -> socket.disconnect());
      socket.on("drop-and-miss", (args, ack) -> {
        String id = socket.id();
        int count = args.get(0).asInt();
        socket.conn().close();
        CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS).execute(() -> {
          for (int i = 0; i < count; i++) {
            nsp.to(id).emit("missed", i);
          }
        });
      });
      // Retries: the first ack of every even value is "lost" (never sent).
      socket.on("retry", (args, ack) -> {
        int n = args.get(0).asInt();
        long times;
        synchronized (retrySeen) {
          retrySeen.add(n);
          times = retrySeen.stream().filter(x -> x == n).count();
        }
        if (n % 2 == 0 && times == 1) {
          return;
        }
        ack.send("ok-" + n);
      });
      socket.on("retry-seen", (args, ack) -> {
        synchronized (retrySeen) {
          ack.send(new ArrayList<>(retrySeen));
          retrySeen.clear();
        }
      });
    });
  }
}
