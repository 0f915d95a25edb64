package io.socketeer.spring.boot.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.socketeer.protocol.internal.JsJson;
import io.socketeer.spring.boot.SocketeerNettyServer;
import io.socketeer.testkit.LogCapture;
import io.socketeer.testkit.NodeScripts;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code socketeer.runtime=netty}: a Netty server of its own, started with the context and
 * stopped with it, with handlers on Spring Boot's application task executor; the official {@code
 * socket.io-client} talks to the annotated {@link TestController} there.
 */
class NettyRuntimeIT {
  private ConfigurableApplicationContext context;

  @BeforeEach
  void start() {
    context = new SpringApplicationBuilder(TestApplication.class)
        .web(WebApplicationType.NONE)
        .properties("socketeer.runtime=netty", "socketeer.netty.port=0",
            "socketeer.handler-executor=application-task-executor")
        .run();
    LogCapture.install();
    LogCapture.takeWarnings();
  }

  @AfterEach
  void stop() {
    context.close();
    LogCapture.assertNoWarnings();
  }

  private JsonNode run(String script, String scenario, String transports) throws Exception {
    int port = context.getBean(SocketeerNettyServer.class).port();
    NodeScripts.Result result = NodeScripts.run(Duration.ofSeconds(60), script, scenario,
        "http://127.0.0.1:" + port + "/", transports);
    assertThat(result.exitCode()).as(result.output()).isZero();
    JsonNode json = JsJson.parse(result.lastLine());
    assertThat(json.has("error")).as("scenario %s failed: %s", scenario, result.output()).isFalse();
    return json;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"websocket", "polling", "polling,websocket"})
  void annotatedControllerAnswersOnTheNettyPort(String transports) throws Exception {
    JsonNode echo = run("sio-client-scenarios.js", "echo", transports);
    assertThat(JsJson.toString(echo.get("acked")))
        .isEqualTo("[1,\"two\",{\"three\":[true,null]},{\"$bin\":\"010203\"},{\"nested\":{\"$bin\":\"0405\"}}]");
    JsonNode r = run("spring-chat-client.js", "extras", transports);
    assertThat(r.get("sum").intValue()).isEqualTo(23);
    assertThat(r.get("reversed").asText()).isEqualTo("030201");
    assertThat(JsJson.toString(r.get("meeting"))).isEqualTo("{\"title\":\"PLAN\",\"at\":\"2024-01-02T04:04:05Z\"}");
    assertThat(r.get("late").asText()).isEqualTo("x!");
    assertThat(r.get("failed").asText()).isEqualTo("operation has timed out");
    List<String> logged = LogCapture.takeWarnings();
    assertThat(logged).singleElement().asString().contains("TestController.fail failed");
  }

  @Test
  void handlersRunOnTheApplicationTaskExecutor() throws Exception {
    TestController controller = context.getBean(TestController.class);
    run("sio-client-scenarios.js", "echo", "websocket");
    // Spring Boot names its task executor's threads task-N.
    assertThat(controller.connectThreads).singleElement().asString().startsWith("task-");
  }

  @Test
  void closingTheContextStopsTheServer() {
    SocketeerNettyServer server = context.getBean(SocketeerNettyServer.class);
    int port = server.port();
    assertThat(server.isRunning()).isTrue();
    context.close();
    assertThat(server.isRunning()).isFalse();
    assertThatThrownBy(() -> {
      try (java.net.Socket s = new java.net.Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      }
    }).isInstanceOf(ConnectException.class);
  }
}
