package io.socketeer.spring.boot.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.socketeer.protocol.internal.JsJson;
import io.socketeer.server.DisconnectReason;
import io.socketeer.testkit.LogCapture;
import io.socketeer.testkit.NodeScripts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The starter on Spring Boot's embedded Tomcat: the server is mounted on the application's own
 * port, and the official {@code socket.io-client} talks to the annotated {@link TestController}
 * over WebSocket, polling, and polling then upgrade.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "socketeer.cors.origins=https://example.com")
class ServletRuntimeIT {
  @LocalServerPort
  int port;

  @Autowired
  TestController controller;

  @Autowired
  MeterRegistry registry;

  @BeforeEach
  void captureLogs() {
    LogCapture.install();
    LogCapture.takeWarnings();
  }

  @AfterEach
  void noWarningsLogged() {
    LogCapture.assertNoWarnings();
  }

  private JsonNode run(String script, String scenario, String transports) throws Exception {
    NodeScripts.Result result = NodeScripts.run(Duration.ofSeconds(60), script, scenario,
        "http://127.0.0.1:" + port + "/", transports);
    assertThat(result.exitCode()).as(result.output()).isZero();
    JsonNode json = JsJson.parse(result.lastLine());
    assertThat(json.has("error")).as("scenario %s failed: %s", scenario, result.output()).isFalse();
    return json;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"websocket", "polling", "polling,websocket"})
  void echoWithAcksAndBinaryThroughAnnotatedMethods(String transports) throws Exception {
    JsonNode r = run("sio-client-scenarios.js", "echo", transports);
    String expected = "[1,\"two\",{\"three\":[true,null]},{\"$bin\":\"010203\"},{\"nested\":{\"$bin\":\"0405\"}}]";
    assertThat(r.get("auth")).isEqualTo(JsJson.parse("{\"token\":\"abc\"}"));
    assertThat(JsJson.toString(r.get("echoed"))).isEqualTo(expected);
    assertThat(JsJson.toString(r.get("acked"))).isEqualTo(expected);
    assertThat(r.get("transport").asText()).isEqualTo(transports.endsWith("websocket") ? "websocket" : "polling");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"websocket", "polling", "polling,websocket"})
  void argumentsAndAcksGoThroughTheApplicationsObjectMapper(String transports) throws Exception {
    JsonNode r = run("spring-chat-client.js", "extras", transports);
    assertThat(r.get("sum").intValue()).as("@Payload picks arguments by index").isEqualTo(23);
    assertThat(r.get("reversed").asText()).isEqualTo("030201");
    assertThat(JsJson.toString(r.get("meeting"))).isEqualTo("{\"title\":\"PLAN\",\"at\":\"2024-01-02T04:04:05Z\"}");
    assertThat(r.get("late").asText()).as("a CompletableFuture is acked when it completes").isEqualTo("x!");
    assertThat(r.get("failed").asText()).as("a failing handler sends no ack").isEqualTo("operation has timed out");
    assertThat(r.get("stillConnected").asBoolean()).isTrue();
    assertThat(r.get("transport").asText()).isEqualTo(transports.endsWith("websocket") ? "websocket" : "polling");
    List<String> logged = LogCapture.takeWarnings();
    assertThat(logged).hasSize(1);
    assertThat(logged.get(0)).startsWith("ERROR io.socketeer.spring.boot.internal.HandlerMethod: TestController.fail failed")
        .endsWith("this handler fails on purpose");
  }

  @Test
  void handlersRunOnTheMountsSessionThreadsByDefault() throws Exception {
    controller.connectThreads.clear();
    run("sio-client-scenarios.js", "echo", "websocket");
    assertThat(controller.connectThreads).singleElement().asString().startsWith("socketeer-socket.io");
  }

  @Test
  void disconnectHandlersSeeTheReason() throws Exception {
    controller.disconnects.clear();
    run("sio-client-scenarios.js", "echo", "websocket");
    await().atMost(5, TimeUnit.SECONDS).until(() -> !controller.disconnects.isEmpty());
    assertThat(controller.disconnects).containsExactly(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT);
  }

  @Test
  void metricsAreRecordedInTheApplicationsRegistry() throws Exception {
    double before = registry.get("socketio.connects").tag("namespace", "/").counter().count();
    run("sio-client-scenarios.js", "echo", "polling,websocket");
    assertThat(registry.get("socketio.connects").tag("namespace", "/").counter().count()).isEqualTo(before + 1);
    assertThat(registry.get("engineio.upgrades").tag("outcome", "success").counter().count()).isPositive();
  }

  @Test
  void browserClientAndCorsComeFromTheProperties() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> bundle = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/socket.io/socket.io.min.js")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(bundle.statusCode()).isEqualTo(200);
    assertThat(bundle.body()).contains("Socket.IO");
    HttpResponse<String> handshake = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=polling"))
        .header("Origin", "https://example.com").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(handshake.statusCode()).isEqualTo(200);
    assertThat(handshake.body()).startsWith("0{\"sid\":");
    assertThat(handshake.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://example.com");
  }
}
