package io.socketeer.runtimetests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.socketeer.engine.EngineOptions;
import io.socketeer.protocol.internal.JsJson;
import io.socketeer.server.ConnectError;
import io.socketeer.server.RecoveryOptions;
import io.socketeer.server.ServerOptions;
import io.socketeer.server.Socket;
import io.socketeer.server.SocketIoServer;
import io.socketeer.testkit.LogCapture;
import io.socketeer.testkit.NodeScripts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official {@code socket.io-client} 4.8.4, run by Node, against a Socketeer server on the
 * runtime under test: one scenario per test, over WebSocket only, polling only, and polling then
 * upgrade. Each runtime runs them through a subclass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AbstractSocketIoClientInterop {
  private SocketIoServer io;
  private RunningServer server;
  private RunningServer recoveryServer;
  private RunningServer legacyServer;
  private final List<String> disconnects = new CopyOnWriteArrayList<>();

  /** Starts {@code io} on a free port of the runtime under test, with these engine options. */
  protected abstract RunningServer start(SocketIoServer io, EngineOptions engineOptions) throws Exception;

  @BeforeAll
  void start() throws Exception {
    LogCapture.install();
    io = SocketIoServer.create(ServerOptions.defaults());
    configure(io);
    server = start(io, SocketIoServer.defaultEngineOptions());

    SocketIoServer legacy = SocketIoServer.create(ServerOptions.defaults());
    configure(legacy);
    legacyServer = start(legacy, SocketIoServer.defaultEngineOptions().toBuilder().allowEio3(true).build());

    SocketIoServer recovering = SocketIoServer.create(
        ServerOptions.builder().connectionStateRecovery(RecoveryOptions.defaults()).build());
    recovering.onConnection(socket -> {
      socket.emit("welcome");
      socket.on("emit-later", (args, ack) -> {
        long delay = args.get(0).asLong();
        String id = socket.id();
        // Emitted while the client is away: to its room, since the socket object itself is gone.
        CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS)
            .execute(() -> recovering.to(id).emit("later", "while you were away"));
        ack.send();
      });
    });
    recoveryServer = start(recovering, SocketIoServer.defaultEngineOptions());
  }

  /** The handlers every test server has: the protocol suite's, plus rooms, server acks and kicks. */
  private void configure(SocketIoServer io) {
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
  }

  @AfterEach
  void noWarningsLogged() {
    LogCapture.assertNoWarnings();
  }

  @AfterAll
  void stop() throws Exception {
    server.close();
    recoveryServer.close();
    legacyServer.close();
  }

  private JsonNode run(String scenario, String transports) throws Exception {
    return run(server, scenario, transports);
  }

  private static JsonNode run(RunningServer target, String scenario, String transports) throws Exception {
    String url = "http://127.0.0.1:" + target.port() + "/";
    NodeScripts.Result result =
        NodeScripts.run(Duration.ofSeconds(60), "sio-client-scenarios.js", scenario, url, transports);
    assertThat(result.exitCode()).as(result.output()).isZero();
    JsonNode json = JsJson.parse(result.lastLine());
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
  @ValueSource(strings = {"websocket", "polling"})
  void connectionStateRecoveryReplaysWhatTheClientMissed(String transports) throws Exception {
    JsonNode r = run(recoveryServer, "recovery", transports);
    assertThat(r.get("first").get("recovered").asBoolean()).isFalse();
    assertThat(r.get("second").get("recovered").asBoolean()).isTrue();
    assertThat(r.get("second").get("id").asText()).isEqualTo(r.get("first").get("id").asText());
    assertThat(JsJson.toString(r.get("received"))).isEqualTo("[\"while you were away\"]");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"websocket", "polling", "polling,websocket"})
  void socketIoV2ClientsOverEngineIoV3(String transports) throws Exception {
    String url = "http://127.0.0.1:" + legacyServer.port() + "/";
    NodeScripts.Result result =
        NodeScripts.run(Duration.ofSeconds(60), "sio-v2-client-scenarios.js", url, transports);
    assertThat(result.exitCode()).as(result.output()).isZero();
    JsonNode r = JsJson.parse(result.lastLine());
    assertThat(r.has("error")).as(result.output()).isFalse();
    assertThat(JsJson.toString(r.get("auth"))).isEqualTo("{}");
    assertThat(JsJson.toString(r.get("echoed"))).isEqualTo("[1,\"two\",{\"$bin\":\"010203\"}]");
    assertThat(JsJson.toString(r.get("acked"))).isEqualTo("[1,\"two\",{\"$bin\":\"010203\"}]");
    assertThat(JsJson.toString(r.get("customAuth"))).isEqualTo("{\"token\":\"v2\"}");
    assertThat(JsJson.toString(r.get("refusal"))).isEqualTo("{\"content\":\"Please retry later\"}");
    assertThat(r.get("idIsEngineId").asBoolean()).isTrue();
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
