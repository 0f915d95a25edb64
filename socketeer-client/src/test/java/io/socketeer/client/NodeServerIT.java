package io.socketeer.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The client scenarios against the official Node server (socket.io 4.8.4), plus the ones that
 * need what only it has so far: connection state recovery and the handshake cookie.
 */
class NodeServerIT extends ClientScenarios {
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
  void serverSeesTheUpgradedWebSocket() throws Exception {
    Socket socket = client.socket(url(), options().forceNew(true).build());
    awaitConnected(socket);
    await().atMost(WAIT).untilAsserted(
        () -> assertThat(ack(socket, "handshake").get(0).path("transport").asText()).isEqualTo("websocket"));
  }

  @Test
  void keepsAndSendsBackCookiesWithCredentials() throws Exception {
    Socket socket = client.socket(url(), options().forceNew(true).withCredentials(true).build());
    awaitConnected(socket);
    await().atMost(WAIT).until(() -> "websocket".equals(socket.manager().transport()));
    JsonNode cookies = ack(socket, "cookies").get(0);
    assertThat(cookies.path("with").asInt()).isGreaterThan(0);
    assertThat(cookies.path("without").asInt()).isZero();
  }

  @Test
  void sendsNoCookiesWithoutCredentials() throws Exception {
    Socket socket = client.socket(url(), options().forceNew(true).build());
    awaitConnected(socket);
    await().atMost(WAIT).until(() -> "websocket".equals(socket.manager().transport()));
    JsonNode cookies = ack(socket, "cookies").get(0);
    assertThat(cookies.path("with").asInt()).isZero();
    assertThat(cookies.path("without").asInt()).isGreaterThan(0);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"polling,websocket", "polling", "websocket"})
  void recoversTheSessionAndReplaysMissedPackets(String transports) throws Exception {
    Socket socket = client.socket(url(), options().forceNew(true).transports(transports.split(",")).build());
    BlockingQueue<Arguments> missed = new LinkedBlockingQueue<>();
    socket.on("missed", (args, ack) -> missed.add(args));
    BlockingQueue<String> reasons = new LinkedBlockingQueue<>();
    socket.onDisconnect(reasons::add);
    CompletableFuture<Void> welcomed = new CompletableFuture<>();
    socket.on("welcome", (args, ack) -> welcomed.complete(null));
    awaitConnected(socket);
    welcomed.get(10, TimeUnit.SECONDS);
    String id = socket.id();
    assertThat(socket.recovered()).isFalse();

    socket.emit("drop-and-miss", 3);
    assertThat(reasons.poll(10, TimeUnit.SECONDS)).isEqualTo("transport close");
    awaitConnected(socket);
    await().atMost(WAIT).until(() -> missed.size() == 3);
    assertThat(socket.recovered()).isTrue();
    assertThat(socket.id()).isEqualTo(id);
    List<Integer> values = new ArrayList<>();
    for (Arguments a : missed) {
      values.add(a.get(0).asInt());
      assertThat(a.size()).isEqualTo(2); // the value, then the offset added by the server
    }
    assertThat(values).containsExactly(0, 1, 2);
  }

}
