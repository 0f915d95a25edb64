package io.socketeer.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.socketeer.protocol.internal.JsJson;
import io.socketeer.server.ConnectError;
import io.socketeer.server.ServerOptions;
import io.socketeer.server.Socket;
import io.socketeer.server.SocketIoServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official {@code socket.io-client} 4.8.4, run by Node, against a Socketeer server on Netty:
 * one scenario per test, over WebSocket only, polling only, and polling then upgrade.
 */
class SocketIoClientInteropIT {
  private static SocketIoServer io;
  private static NettySocketIoServer server;
  private static final List<String> disconnects = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    io = SocketIoServer.create(ServerOptions.defaults());
    io.onConnection(socket -> {
      socket.emit("auth", socket.handshake().auth());
      socket.on("message", (args, ack) -> socket.emit("message-back", args.values()));
      socket.on("message-with-ack", (args, ack) -> ack.send(args.values()));
      socket.on("join", (args, ack) -> {
        socket.join(args.text(0));
        ack.send();
      });
      socket.on("to-room", (args, ack) -> {
        io.to(args.text(0)).emit("room-msg", args.get(1));
        ack.send();
      });
      socket.on("ask", (args, ack) -> socket.timeout(Duration.ofSeconds(5)).emitWithAck("question", args.get(0))
          .thenAccept(reply -> socket.emit("answer", reply.get(0))));
      socket.on("kick", (args, ack) -> socket.disconnect());
      socket.onDisconnect(reason -> disconnects.add(reason.text()));
    });
    io.of("/custom").onConnection(socket -> socket.emit("auth", socket.handshake().auth()));
    io.of("/auth").use((socket, next) -> {
      if ("bad".equals(socket.handshake().auth().path("token").asText())) {
        throw new ConnectError("not authorized", Map.of("content", "Please retry later"));
      }
      next.proceed();
    });
    server = NettySocketIoServer.start(io, 0);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static JsonNode run(String scenario, String transports) throws Exception {
    String url = "http://127.0.0.1:" + server.port() + "/";
    NodeInterop.Result result =
        NodeInterop.run(Duration.ofSeconds(60), "sio-client-scenarios.js", scenario, url, transports);
    assertThat(result.exitCode()).as(result.output()).isZero();
    String[] lines = result.output().trim().split("\n");
    JsonNode json = JsJson.parse(lines[lines.length - 1]);
    assertThat(json.has("error")).as("scenario %s failed: %s", scenario, result.output()).isFalse();
    return json;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"websocket", "polling", "polling,websocket"})
  void echoWithAcksAndBinaryBothWays(String transports) throws Exception {
    JsonNode r = run("echo", transports);
    String expected = "[1,\"two\",{\"three\":[true,null]},{\"$bin\":\"010203\"},{\"nested\":{\"$bin\":\"0405\"}}]";
    assertThat(r.get("auth")).isEqualTo(JsJson.parse("{\"token\":\"abc\"}"));
    assertThat(JsJson.toString(r.get("echoed"))).isEqualTo(expected);
    assertThat(JsJson.toString(r.get("acked"))).isEqualTo(expected);
    assertThat(r.get("id").asText()).hasSize(20);
    assertThat(r.get("transport").asText()).isEqualTo(transports.endsWith("websocket") ? "websocket" : "polling");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"websocket", "polling", "polling,websocket"})
  void messagesArriveInOrderExactlyOnce(String transports) throws Exception {
    JsonNode r = run("ordered", transports);
    List<Integer> received = new ArrayList<>();
    r.get("received").forEach(n -> received.add(n.intValue()));
    assertThat(received).hasSize(500);
    for (int i = 0; i < received.size(); i++) {
      assertThat(received.get(i)).isEqualTo(i);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"websocket", "polling,websocket"})
  void namespacesShareOneConnectionAndUnknownOnesAreRefused(String transports) throws Exception {
    JsonNode r = run("namespaces", transports);
    assertThat(JsJson.toString(r.get("auths"))).isEqualTo("[{},{\"n\":1}]");
    assertThat(r.get("unknownError").asText()).isEqualTo("Invalid namespace");
    assertThat(r.get("shared").asBoolean()).isTrue();
    assertThat(r.get("distinctIds").asBoolean()).isTrue();
    assertThat(r.get("stillConnected").asBoolean()).as("a refused namespace leaves the others connected").isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"websocket", "polling"})
  void middlewareRefusalCarriesMessageAndData(String transports) throws Exception {
    JsonNode r = run("refused", transports);
    assertThat(r.get("message").asText()).isEqualTo("not authorized");
    assertThat(JsJson.toString(r.get("data"))).isEqualTo("{\"content\":\"Please retry later\"}");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"websocket", "polling"})
  void serverAcksAndServerDisconnect(String transports) throws Exception {
    disconnects.clear();
    JsonNode r = run("serverAck", transports);
    assertThat(r.get("answer").intValue()).isEqualTo(42);
    assertThat(r.get("reason").asText()).isEqualTo("io server disconnect");
    assertThat(r.get("active").asBoolean()).as("no reconnection after a server disconnect").isFalse();
    await().atMost(5, TimeUnit.SECONDS).until(() -> disconnects.contains("server namespace disconnect"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"websocket", "polling"})
  void roomBroadcastReachesExactlyTheMembers(String transports) throws Exception {
    JsonNode r = run("rooms", transports);
    assertThat(JsJson.toString(r.get("got"))).isEqualTo("[[\"hello\"],[\"hello\"],[]]");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"websocket"})
  void connectionsAreReleasedAfterTheClientsLeave(String transports) throws Exception {
    run("echo", transports);
    await().atMost(15, TimeUnit.SECONDS).until(() -> io.connectionCount() == 0);
    assertThat(io.of("/").sockets()).isEmpty();
    assertThat(io.of("/").adapter().rooms()).isEmpty();
    List<Socket> none = new ArrayList<>(io.of("/custom").sockets().values());
    assertThat(none).isEmpty();
  }
}
