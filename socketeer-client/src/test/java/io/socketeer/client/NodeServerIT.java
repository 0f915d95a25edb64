package io.socketeer.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.socketeer.testkit.NodeScenarioServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client scenarios against the official Node server (socket.io 4.8.4), plus the ones that
 * need what only it has so far: the handshake cookie and the server-side view of the transport.
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
}
