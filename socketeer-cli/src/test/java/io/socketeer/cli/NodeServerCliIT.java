package io.socketeer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketeer.testkit.NodeScenarioServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The command against the official Node server (socket.io 4.8.4). */
class NodeServerCliIT extends CliScenarios {
  private static NodeScenarioServer server;

  @BeforeAll
  static void startServer() {
    server = NodeScenarioServer.start();
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Override
  String url() {
    return server.url();
  }

  @Test
  void followsReconnectionsWhenTheServerRestarts() {
    CliRun run = CliRun.interactive(url(), "--reconnection-delay", "100", "--reconnection-delay-max", "300");
    run.awaitLineStartingWith("connect ");

    server.restart();

    // "transport error" while polling (the request fails), "transport close" on WebSocket.
    run.awaitLineStartingWith("disconnect transport ");
    run.awaitLineStartingWith("reconnect_attempt ");
    run.awaitLineStartingWith("reconnect ");
    run.type("ack echo \"after\"");
    run.awaitLine("ack echo [\"after\"]");
    assertThat(run.finish()).isZero();
    assertThat(run.lines().stream().filter(l -> l.startsWith("connect ")).count()).isEqualTo(2);
  }

  @Test
  void unreachableServerWithoutReconnectionExitsWithOne() {
    CliRun run = CliRun.oneShot("http://127.0.0.1:1", "--no-reconnection", "--emit", "echo", "[]", "--exit");

    assertThat(run.exitCode()).isEqualTo(Main.EXIT_CONNECT_FAILED);
    assertThat(run.lines()).anyMatch(l -> l.startsWith("connect_error "));
  }
}
