package io.socketeer.runtimetests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socketeer.engine.EngineOptions;
import io.socketeer.engine.EngineServer;
import io.socketeer.engine.EngineSession;
import io.socketeer.engine.EngineSessionListener;
import io.socketeer.protocol.engineio.EnginePacket;
import io.socketeer.testkit.LogCapture;
import io.socketeer.testkit.NodeScripts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.LinkedBlockingDeque;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official {@code engine.io-client} (npm, version pinned by {@code interop/package-lock.json})
 * against a bare Engine.IO server on the runtime under test: 10,000 messages each way, a third of
 * them binary, over polling only, WebSocket only, and polling upgraded to WebSocket while the
 * messages flow. Both ends check that every message arrives once, in order, unchanged. Each runtime
 * runs this through a subclass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AbstractEngineClientInterop {
  private static final int COUNT = 10_000;

  private final LinkedBlockingDeque<Recorded> sessions = new LinkedBlockingDeque<>();
  private RunningServer server;
  private EngineServer engine;

  /** Starts {@code engine} (on its own path) on a free port of the runtime under test. */
  protected abstract RunningServer start(EngineServer engine) throws Exception;

  /** What one session received, in order. */
  record Recorded(EngineSession session, List<Object> received) {}

  @BeforeAll
  void start() throws Exception {
    LogCapture.install();
    engine = EngineServer.create(EngineOptions.defaults(), session -> {
      Recorded r = new Recorded(session, Collections.synchronizedList(new ArrayList<>()));
      sessions.add(r);
      return new EngineSessionListener() {
        @Override
        public void onMessage(String text) {
          r.received.add(text);
          session.send(EnginePacket.message(text));
        }

        @Override
        public void onBinary(byte[] data) {
          r.received.add(data);
          session.send(EnginePacket.binary(data));
        }
      };
    });
    server = start(engine);
  }

  @AfterAll
  void stop() throws Exception {
    System.gc();
    LogCapture.assertNoWarnings();
    server.close();
  }

  static Object payload(int i) {
    if (i % 3 == 0) {
      return new byte[] {(byte) i, (byte) (i >> 8), (byte) (i >> 16), 0x1e, 0, (byte) 0xff};
    }
    return "m" + i + " é€😀";
  }

  @ParameterizedTest
  @ValueSource(strings = {"polling", "websocket", "upgrade"})
  void everyMessageArrivesOnceInOrderBothWays(String mode) throws Exception {
    sessions.clear();
    NodeScripts.Result result = NodeScripts.run(Duration.ofSeconds(50), "engine-client-echo.js",
        "http://localhost:" + server.port(), mode, String.valueOf(COUNT));
    String line = lastJsonLine(result.output());
    assertThat(result.exitCode()).as("node output:%n%s", result.output()).isZero();
    JsonNode outcome = new ObjectMapper().readTree(line);
    assertThat(outcome.get("ok").asBoolean()).as(line).isTrue();
    assertThat(outcome.get("received").asInt()).isEqualTo(COUNT);

    Recorded recorded = sessions.poll();
    assertThat(recorded).as("a session was opened").isNotNull();
    assertThat(sessions).as("exactly one session").isEmpty();
    List<Object> received;
    synchronized (recorded.received) {
      received = new ArrayList<>(recorded.received);
    }
    assertThat(received).hasSize(COUNT);
    for (int i = 0; i < COUNT; i++) {
      Object expected = payload(i);
      if (expected instanceof byte[]) {
        assertThat(received.get(i)).as("message %d", i).isInstanceOf(byte[].class);
        assertThat((byte[]) received.get(i)).as("message %d", i).isEqualTo((byte[]) expected);
      } else {
        assertThat(received.get(i)).as("message %d", i).isEqualTo(expected);
      }
    }

    String transport = outcome.get("transport").asText();
    switch (mode) {
      case "polling":
        assertThat(transport).isEqualTo("polling");
        break;
      case "websocket":
        assertThat(transport).isEqualTo("websocket");
        break;
      default:
        assertThat(transport).isEqualTo("websocket");
        assertThat(recorded.session.transport()).isEqualTo("websocket");
        int before = outcome.get("sentBeforeUpgrade").asInt();
        assertThat(before).as("messages were sent both before and after the upgrade: %s", line)
            .isBetween(1, COUNT - 1);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> engine.sessionCount() == 0);
    assertThat(recorded.session.isOpen()).isFalse();
  }

  private static String lastJsonLine(String output) {
    String[] lines = output.split("\n");
    for (int i = lines.length - 1; i >= 0; i--) {
      if (lines[i].startsWith("{")) {
        return lines[i];
      }
    }
    return "{\"ok\":false,\"received\":0,\"detail\":\"no result line\"}";
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
