package io.socketeer.adminui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socketeer.netty.NettySocketIoServer;
import io.socketeer.server.ServerOptions;
import io.socketeer.server.SocketIoServer;
import io.socketeer.testkit.LogCapture;
import io.socketeer.testkit.NodeScripts;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's side of the Admin UI protocol, played by {@code interop/admin-ui-client.js}
 * with the official {@code socket.io-client}, against the official {@code socket.io} server
 * instrumented by the official {@code @socket.io/admin-ui} ({@code interop/admin-ui-server.js}),
 * and against a Socketeer server with the same application instrumented by {@link AdminUi}: both
 * transcripts must be the same.
 */
class AdminUiIT {
  /** bcrypt (cost 10) of "changeit", made with the bcryptjs that the reference uses. */
  static final String HASH = "$2a$10$EOaE.4h8fAYDevxY0Gt/jeJsR/3aPbp1BQpJs7AihHoFnCP5LvNyG";

  private static final ObjectMapper JSON = new ObjectMapper();
  private NettySocketIoServer server;
  private AdminUi adminUi;

  @BeforeAll
  static void capture() {
    LogCapture.install();
  }

  @AfterEach
  void stop() {
    if (adminUi != null) {
      adminUi.close();
    }
    if (server != null) {
      server.close();
    }
    LogCapture.assertNoWarnings();
  }

  /** The application of admin-ui-server.js, on Socketeer. */
  private NettySocketIoServer startSocketeer(AdminUiOptions options) {
    SocketIoServer io = SocketIoServer.create(ServerOptions.defaults());
    io.use((socket, next) -> {
      socket.data().put("user", "u-" + socket.handshake().queryParam("name"));
      next.proceed();
    });
    io.onConnection(socket -> {
      socket.on("hello", (args, ack) -> {
        socket.emit("greeting", "hi " + args.text(0));
        ack.send("ok");
      });
      socket.on("rooms", (args, ack) -> ack.send(List.copyOf(socket.rooms())));
    });
    adminUi = AdminUi.instrument(io, options);
    server = NettySocketIoServer.builder(io).port(0).start();
    return server;
  }

  private static JsonNode transcript(String url) throws IOException {
    NodeScripts.Result r = NodeScripts.run(Duration.ofSeconds(60), "admin-ui-client.js", url, "changeit");
    assertThat(r.exitCode()).as(r.output()).isZero();
    return JSON.readTree(r.lastLine());
  }

  @Test
  void dashboardSeesTheSameFromSocketeerAsFromTheReferenceInstrumentation() throws Exception {
    JsonNode reference;
    try (NodeServer node = NodeServer.start()) {
      reference = transcript("http://127.0.0.1:" + node.port);
    }
    startSocketeer(AdminUiOptions.builder()
        .auth(AdminUiOptions.Auth.basic("admin", HASH))
        .serverId("test-server")
        .build());
    JsonNode ours = transcript("http://127.0.0.1:" + server.port());

    // The reference run went through every step (so the comparison below compares something).
    assertThat(reference.path("error").isMissingNode()).as(reference.toString()).isTrue();
    assertThat(reference.at("/steps/badPassword/connectError/message").asText()).isEqualTo("invalid credentials");
    assertThat(reference.at("/steps/kick/reasonOfB").asText()).isEqualTo("io server disconnect");
    assertThat(reference.at("/steps/adminConnect/events").size()).isEqualTo(5);

    for (String step : List.of("badPassword", "adminConnect", "sessionReuse", "clients", "events", "join", "emit",
        "leave", "kick", "bye")) {
      assertThat(ours.at("/steps/" + step)).as("step " + step + "\nSocketeer: "
          + JSON.writerWithDefaultPrettyPrinter().writeValueAsString(ours.at("/steps/" + step))
          + "\nreference: " + JSON.writerWithDefaultPrettyPrinter().writeValueAsString(reference.at("/steps/" + step)))
          .isEqualTo(reference.at("/steps/" + step));
    }
    assertThat(ours.get("stats")).as("server_stats").isEqualTo(reference.get("stats"));
    assertThat(ours).isEqualTo(reference);
  }

  /** {@code interop/admin-ui-server.js}: the official server and instrument(); stops when its stdin closes. */
  private static final class NodeServer implements AutoCloseable {
    final Process process;
    final int port;

    private NodeServer(Process process, int port) {
      this.process = process;
      this.port = port;
    }

    static NodeServer start() {
      NodeScripts.Server server = NodeScripts.startServer("admin-ui-server.js", List.of(HASH));
      return new NodeServer(server.process(), server.port());
    }

    @Override
    public void close() throws Exception {
      process.getOutputStream().close();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
