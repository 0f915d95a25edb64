package io.socketeer.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.socketeer.netty.NettySocketIoServer;
import io.socketeer.protocol.internal.JsJson;
import io.socketeer.testkit.NodeScripts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The chat demo in a real headless Chromium (Debian's {@code chromium}, driven by {@code
 * playwright-core}): two pages join a room and exchange messages over polling, then again after the
 * upgrade to WebSocket; each sees the other's messages, its own marked delivered, the user list and
 * the typing indicator.
 */
class ChatBrowserIT {
  @Test
  void twoBrowserPagesChatOverPollingThenWebSocket() throws Exception {
    String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
    assertThat(Path.of(chromium)).as("Chromium (install Debian's chromium package; .ci/run does)").exists();
    assertThat(Files.isExecutable(Path.of(chromium))).isTrue();
    try (NettySocketIoServer server = Chat.startServer(0)) {
      NodeScripts.Result result = NodeScripts.run(
          Duration.ofSeconds(120), "browser-chat.js", "http://127.0.0.1:" + server.port() + "/");
      assertThat(result.exitCode()).as(result.output()).isZero();
      JsonNode json = JsJson.parse(result.lastLine());
      check(json.get("polling"), "polling");
      check(json.get("upgraded"), "websocket");
    }
  }

  private static void check(JsonNode phase, String transport) {
    assertThat(texts(phase.get("transports"))).containsExactly(transport, transport);
    assertThat(texts(phase.get("users"))).containsExactly("alice", "bob");
    assertThat(texts(phase.get("aliceSees"))).containsExactly(
        "bob joined|system", "me: hello from alice|own delivered", "bob: hi alice, bob here|incoming");
    assertThat(texts(phase.get("bobSees"))).containsExactly(
        "alice: hello from alice|incoming", "me: hi alice, bob here|own delivered");
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
