package io.socketeer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What the command prints against a server that has the handlers of {@code
 * interop/client-scenarios-server.js}: {@code echo} (acknowledges with its arguments, or emits them
 * back), {@code handshake}, {@code binary} (answers {@code binary-back} with buffers), and the
 * {@code /private} namespace that wants {@code {"token":"secret"}}.
 */
abstract class CliScenarios {
  abstract String url();

  @Test
  void oneShotEmitWaitsForTheAckAndExits() {
    CliRun run = CliRun.oneShot(url(), "--emit", "echo", "[\"hi\",{\"n\":1},[true,null]]", "--wait-ack", "--exit");

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.lines().get(0)).matches("connect id=\\S+ transport=(polling|websocket)");
    assertThat(run.lines()).contains("ack echo [\"hi\",{\"n\":1},[true,null]]", "disconnect io client disconnect");
  }

  @Test
  void oneShotWithSeveralEmitsOverWebSocketOnly() {
    CliRun run = CliRun.oneShot(url(), "-t", "websocket", "-e", "echo", "1", "-e", "echo", "[2,3]", "--wait-ack", "--exit");

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.lines().get(0)).matches("connect id=\\S+ transport=websocket");
    assertThat(run.lines()).containsSubsequence("ack echo [1]", "ack echo [2,3]");
  }

  @Test
  void printsEventsWithBinaryAsAShortNote() {
    CliRun run = CliRun.interactive(url());
    run.awaitLineStartingWith("connect ");
    run.type("emit binary");
    // With connection state recovery on (the Node server), events carry one more argument: the offset.
    run.awaitLineStartingWith("event binary-back [\"<binary 3 bytes: 010203>\",{\"nested\":{\"buf\":\"<binary 2 bytes: 0405>\"},\"n\":1}");
    assertThat(run.finish()).isZero();
  }

  @Test
  void interactiveEmitsAndAcksWithJsonArguments() {
    CliRun run = CliRun.interactive(url(), "--ack-timeout", "10000");
    String connect = run.awaitLineStartingWith("connect ");
    String id = connect.substring("connect id=".length()).split(" ")[0];
    run.awaitLineStartingWith("event welcome [\"" + id + "\",false");

    run.type("emit echo 1 \"two\"   {\"three\":[3]}");
    run.awaitLineStartingWith("event echo [1,\"two\",{\"three\":[3]}");
    run.type("ack echo {\"a\":true} null");
    run.awaitLine("ack echo [{\"a\":true},null]");
    run.type("emit echo {broken");
    run.awaitLineStartingWith("error bad input: ");
    run.type("frobnicate");
    run.awaitLineStartingWith("error unknown command: frobnicate");
    run.type("quit");

    assertThat(run.finish()).isZero();
    assertThat(run.lines()).endsWith("disconnect io client disconnect");
  }

  @Test
  void sendsAuthQueryAndHeadersToANamespace() {
    CliRun run = CliRun.oneShot(url(), "--namespace", "/private", "--auth", "{\"token\":\"secret\"}",
        "-q", "color=blue", "-H", "X-Trace=abc", "--emit", "handshake", "[]", "--wait-ack", "--exit");

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    String ack = run.lines().stream().filter(l -> l.startsWith("ack handshake ")).findFirst().orElseThrow();
    assertThat(ack).contains("\"auth\":{\"token\":\"secret\"}", "\"color\":\"blue\"", "\"x-trace\":\"abc\"");
  }

  @Test
  void refusedConnectionPrintsTheErrorAndExitsWithOne() {
    CliRun run = CliRun.oneShot(url() + "/private", "--auth", "{\"token\":\"wrong\"}", "--emit", "echo", "[]", "--exit");

    assertThat(run.exitCode()).isEqualTo(Main.EXIT_CONNECT_FAILED);
    assertThat(run.lines()).contains("connect_error not authorized {\"reason\":\"no token\"}");
    assertThat(run.lines()).noneMatch(l -> l.startsWith("connect "));
  }

  @Test
  void ackTimeoutPrintsAnErrorAndExitsWithThree() {
    CliRun run = CliRun.oneShot(url(), "--emit", "nobody-answers", "[]", "--wait-ack", "--ack-timeout", "300", "--exit");

    assertThat(run.exitCode()).isEqualTo(Main.EXIT_ACK_FAILED);
    assertThat(run.lines()).contains("ack_error nobody-answers operation has timed out");
  }

  @Test
  void serverDisconnectIsPrinted() {
    CliRun run = CliRun.interactive(url());
    run.awaitLineStartingWith("connect ");
    run.type("emit kick");
    run.awaitLine("disconnect io server disconnect");
    assertThat(run.finish()).isZero();
  }
}
