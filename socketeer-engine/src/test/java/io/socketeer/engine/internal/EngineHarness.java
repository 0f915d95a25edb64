package io.socketeer.engine.internal;

import io.socketeer.engine.CloseReason;
import io.socketeer.engine.EngineOptions;
import io.socketeer.engine.EngineSession;
import io.socketeer.engine.EngineSessionListener;
import io.socketeer.engine.spi.UpgradeDecision;
import io.socketeer.protocol.engineio.EnginePacket;
import io.socketeer.testkit.FakeScheduler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An echo engine on a {@link FakeScheduler}, with helpers that play the client's requests. */
final class EngineHarness {
  final FakeScheduler scheduler = new FakeScheduler();
  final EngineCore core;
  /** Listener events, as strings: "open", "message:x", "binary:n", "close:reason". */
  final List<String> events = new ArrayList<>();
  /** The description of the last close, or null. */
  String closeDescription;
  boolean echo = true;
  private int nextId;

  EngineHarness(EngineOptions options) {
    core = new EngineCore(options, this::listener, () -> "sid" + (++nextId));
  }

  EngineHarness() {
    this(EngineOptions.defaults());
  }

  private EngineSessionListener listener(EngineSession session) {
    return new EngineSessionListener() {
      @Override
      public void onOpen() {
        events.add("open");
      }

      @Override
      public void onMessage(String text) {
        events.add("message:" + text);
        if (echo) {
          session.send(EnginePacket.message(text));
        }
      }

      @Override
      public void onBinary(byte[] data) {
        events.add("binary:" + data.length);
        if (echo) {
          session.send(EnginePacket.binary(data));
        }
      }

      @Override
      public void onClose(CloseReason reason, String description) {
        events.add("close:" + reason.wireName());
        closeDescription = description;
      }
    };
  }

  static Map<String, String> query(String... kv) {
    Map<String, String> q = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      q.put(kv[i], kv[i + 1]);
    }
    return q;
  }

  FakeExchange request(String method, Map<String, String> query, String body) {
    FakeExchange e = new FakeExchange(scheduler, method, query, body.getBytes(StandardCharsets.UTF_8));
    core.handleRequest(e, Map.of());
    scheduler.runPending();
    return e;
  }

  /** Opens a v4 polling session and returns its id. */
  String handshake() {
    FakeExchange e = request("GET", query("EIO", "4", "transport", "polling"), "");
    if (e.status != 200 || !e.text().startsWith("0{")) {
      throw new AssertionError("handshake failed: " + e.status + " " + e.text());
    }
    String text = e.text();
    return text.substring(text.indexOf("\"sid\":\"") + 7, text.indexOf("\",\"upgrades\""));
  }

  FakeExchange get(String sid) {
    return request("GET", query("EIO", "4", "transport", "polling", "sid", sid), "");
  }

  FakeExchange post(String sid, String body) {
    return request("POST", query("EIO", "4", "transport", "polling", "sid", sid), body);
  }

  /** Opens a WebSocket with these query parameters; null when refused. */
  FakeWebSocket websocket(Map<String, String> query) {
    FakeExchange head = new FakeExchange(scheduler, "GET", query, new byte[0]);
    UpgradeDecision decision = core.handleUpgrade(head);
    if (!decision.isAccepted()) {
      return null;
    }
    FakeWebSocket ws = new FakeWebSocket();
    ws.handler = decision.open(ws);
    scheduler.runPending();
    return ws;
  }

  FakeWebSocket probe(String sid) {
    return websocket(query("EIO", "4", "transport", "websocket", "sid", sid));
  }

  void advance(long millis) {
    scheduler.advanceBy(Duration.ofMillis(millis));
  }
}
