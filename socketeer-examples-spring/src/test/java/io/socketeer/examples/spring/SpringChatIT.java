package io.socketeer.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.socketeer.protocol.internal.JsJson;
import io.socketeer.testkit.NodeScripts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Spring chat application on a random port: two official {@code socket.io-client}s join a
 * room of {@link ChatController} and exchange acknowledged messages over WebSocket, polling, and
 * polling then upgrade; then two pages of a headless Chromium use the chat page itself.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SpringChatIT {
  /** Every log event at WARN and above while a test runs (attached once the application is up). */
  private static final ListAppender<ILoggingEvent> WARNINGS = new ListAppender<>();

  @LocalServerPort
  int port;

  @BeforeEach
  void captureWarnings() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    if (!WARNINGS.isStarted()) {
      WARNINGS.start(); // Spring Boot's logging reset stops every appender
    }
    if (root.getAppender("warnings") == null) {
      WARNINGS.setName("warnings");
      root.addAppender(WARNINGS);
    }
    synchronized (WARNINGS) {
      WARNINGS.list.clear();
    }
  }

  @AfterEach
  void noWarningsLogged() {
    List<String> bad = new ArrayList<>();
    synchronized (WARNINGS) {
      for (ILoggingEvent e : WARNINGS.list) {
        if (e.getLevel().isGreaterOrEqual(Level.WARN) || e.getThrowableProxy() != null) {
          bad.add(e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage());
        }
      }
    }
    assertThat(bad).as("warnings, errors or stack traces in the log").isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"websocket", "polling", "polling,websocket"})
  void twoClientsChatWithAcksThroughTheAnnotatedController(String transports) throws Exception {
    NodeScripts.Result result = NodeScripts.run(Duration.ofSeconds(60), "spring-chat-client.js", "chat",
        "http://127.0.0.1:" + port + "/", transports);
    assertThat(result.exitCode()).as(result.output()).isZero();
    JsonNode r = JsJson.parse(result.lastLine());
    assertThat(r.has("error")).as(result.output()).isFalse();
    String transport = transports.endsWith("websocket") ? "websocket" : "polling";
    assertThat(texts(r.get("transports"))).containsExactly(transport, transport);
    assertThat(JsJson.toString(r.get("aliceJoined"))).isEqualTo("{\"ok\":true,\"room\":\"lobby\"}");
    assertThat(JsJson.toString(r.get("bobJoined"))).isEqualTo("{\"ok\":true,\"room\":\"lobby\"}");
    assertThat(JsJson.toString(r.get("refused"))).isEqualTo("{\"ok\":false,\"error\":\"name and room are required\"}");
    assertThat(r.get("system").asText()).isEqualTo("bob joined");
    assertThat(texts(r.get("users"))).containsExactly("alice", "bob");
    JsonNode aliceAck = r.get("aliceAck");
    assertThat(aliceAck.get("ok").asBoolean()).isTrue();
    assertThat(aliceAck.get("from").asText()).isEqualTo("alice");
    assertThat(aliceAck.get("text").asText()).isEqualTo("hello bob");
    assertThat(r.get("bobGot")).as("the room gets what the sender's ack confirms").isEqualTo(aliceAck);
    assertThat(r.get("aliceGot")).isEqualTo(r.get("bobAck"));
    assertThat(r.get("bobAck").get("id").asLong()).isGreaterThan(aliceAck.get("id").asLong());
    assertThat(r.get("left").asText()).isEqualTo("bob left");
  }

  @Test
  void thePageIsServedOnTheApplicationPort() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<script src=\"/socket.io/socket.io.js\"></script>");
    HttpResponse<String> client = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/socket.io/socket.io.js")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(client.statusCode()).isEqualTo(200);
    assertThat(client.body()).contains("Socket.IO");
  }

  @Test
  void twoBrowserPagesChatOverPollingThenWebSocket() throws Exception {
    String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
    assertThat(Path.of(chromium)).as("Chromium (install Debian's chromium package; .ci/run does)").exists();
    assertThat(Files.isExecutable(Path.of(chromium))).isTrue();
    NodeScripts.Result result = NodeScripts.run(Duration.ofSeconds(120), "browser-chat.js", "http://127.0.0.1:" + port + "/");
    assertThat(result.exitCode()).as(result.output()).isZero();
    JsonNode json = JsJson.parse(result.lastLine());
    for (String phase : List.of("polling", "upgraded")) {
      JsonNode p = json.get(phase);
      String transport = phase.equals("polling") ? "polling" : "websocket";
      assertThat(texts(p.get("transports"))).containsExactly(transport, transport);
      assertThat(texts(p.get("users"))).containsExactly("alice", "bob");
      assertThat(texts(p.get("aliceSees"))).containsExactly(
          "bob joined|system", "me: hello from alice|own delivered", "bob: hi alice, bob here|incoming");
      assertThat(texts(p.get("bobSees"))).containsExactly(
          "alice: hello from alice|incoming", "me: hi alice, bob here|own delivered");
    }
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
