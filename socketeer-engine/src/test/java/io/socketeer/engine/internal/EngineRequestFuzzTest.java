package io.socketeer.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.socketeer.engine.EngineOptions;
import io.socketeer.engine.spi.UpgradeDecision;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Coverage-guided fuzz test of the engine's request handling: query parameters, methods, Origin
 * headers and polling bodies of handshakes and session requests, WebSocket upgrade decisions and
 * the frames that follow, in any order and interleaved with the passing of (virtual) time.
 *
 * <p>The property: nothing throws; every request is answered at most once, with one of the
 * statuses the engine documents and, for errors, the reference's JSON error body or no body; a
 * refused upgrade names its reason; and once the clients fall silent every session ends by the
 * heartbeat, leaving no session behind.
 */
class EngineRequestFuzzTest {
  private static final Set<Integer> STATUSES = Set.of(200, 400, 403, 413, 500);
  private static final Pattern ERROR_BODY = Pattern.compile("\\{\"code\":[0-9]+,\"message\":\"[^\"\\\\]*\"}");
  private static final String[] NAMES = {"transport", "EIO", "sid", "j", "b64", "t"};
  private static final String[] VALUES = {"polling", "websocket", "4", "3", "sid1", "sid2", "", "1"};
  private static final String[] METHODS = {"GET", "POST", "PUT", "OPTIONS", "get"};

  @FuzzTest
  void requests(FuzzedDataProvider data) {
    EngineOptions options = EngineOptions.builder()
        .allowEio3(data.consumeBoolean())
        .maxHttpBufferSize(data.consumeInt(1, 4096))
        .pingInterval(Duration.ofMillis(300))
        .pingTimeout(Duration.ofMillis(200))
        .upgradeTimeout(Duration.ofMillis(500))
        .build();
    EngineHarness h = new EngineHarness(options);
    List<FakeExchange> exchanges = new ArrayList<>();
    List<FakeWebSocket> sockets = new ArrayList<>();
    int steps = data.consumeInt(1, 12);
    for (int i = 0; i < steps && data.remainingBytes() > 0; i++) {
      switch (data.consumeInt(0, 4)) {
        case 0:
          exchanges.add(request(h, data));
          break;
        case 1:
          FakeWebSocket ws = upgrade(h, data);
          if (ws != null) {
            sockets.add(ws);
          }
          break;
        case 2:
          if (!sockets.isEmpty()) {
            frame(sockets.get(data.consumeInt(0, sockets.size() - 1)), data);
          }
          break;
        case 3:
          if (!sockets.isEmpty()) {
            sockets.get(data.consumeInt(0, sockets.size() - 1)).clientClose();
          }
          break;
        default:
          h.advance(data.consumeInt(0, 1000));
          break;
      }
      h.scheduler.runPending();
    }
    // Silent clients: the heartbeat ends every session, and every long poll gets its answer.
    h.advance(10_000);
    assertThat(h.core.sessionCount()).as("sessions left after the clients fell silent").isZero();
    for (FakeExchange e : exchanges) {
      assertThat(e.responses).as("answers to one request").isEqualTo(1);
      assertThat(STATUSES).contains(e.status);
      if (e.status != 200 && e.responseBody.length > 0) {
        assertThat(e.text()).matches(ERROR_BODY);
      }
    }
  }

  private static FakeExchange request(EngineHarness h, FuzzedDataProvider data) {
    String method = data.pickValue(METHODS);
    Map<String, String> query = query(data);
    byte[] body = data.consumeBytes(data.consumeInt(0, 5000));
    FakeExchange e = new FakeExchange(h.scheduler, method, query, body);
    if (data.consumeBoolean()) {
      e.header("origin", data.consumeString(20));
    }
    if (data.consumeBoolean()) {
      e.header("content-type", data.pickValue(new String[] {"application/octet-stream", "text/plain"}));
    }
    h.core.handleRequest(e, Map.of());
    return e;
  }

  private static FakeWebSocket upgrade(EngineHarness h, FuzzedDataProvider data) {
    FakeExchange head = new FakeExchange(h.scheduler, "GET", query(data), new byte[0]);
    if (data.consumeBoolean()) {
      head.header("origin", data.consumeString(20));
    }
    UpgradeDecision decision = h.core.handleUpgrade(head);
    if (!decision.isAccepted()) {
      assertThat(decision.rejection()).isNotBlank();
      return null;
    }
    FakeWebSocket ws = new FakeWebSocket();
    ws.handler = decision.open(ws);
    return ws;
  }

  private static void frame(FakeWebSocket ws, FuzzedDataProvider data) {
    if (ws.closed) {
      return;
    }
    if (data.consumeBoolean()) {
      ws.clientText(data.consumeString(200));
    } else {
      ws.handler.onBinary(data.consumeBytes(200));
    }
  }

  private static Map<String, String> query(FuzzedDataProvider data) {
    Map<String, String> query = new LinkedHashMap<>();
    int n = data.consumeInt(0, 5);
    for (int i = 0; i < n; i++) {
      String name = data.consumeBoolean() ? data.pickValue(NAMES) : data.consumeString(8);
      String value = data.consumeBoolean() ? data.pickValue(VALUES) : data.consumeString(30);
      query.putIfAbsent(name, value);
    }
    return query;
  }
}
