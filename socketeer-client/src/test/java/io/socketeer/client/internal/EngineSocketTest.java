package io.socketeer.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketeer.client.SocketIoException;
import io.socketeer.protocol.engineio.EnginePacket;
import io.socketeer.testkit.FakeScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class EngineSocketTest {
  private final FakeScheduler scheduler = new FakeScheduler();
  private final FakeTransports transports = new FakeTransports();
  private final List<String> events = new ArrayList<>();
  private final AtomicBoolean priorWebsocket = new AtomicBoolean();

  private final EngineSocket.Listener listener =
      new EngineSocket.Listener() {
        @Override
        public void onOpen() {
          events.add("open");
        }

        @Override
        public void onMessage(EnginePacket packet) {
          events.add("message:" + (packet.isBinary() ? "<binary>" : packet.text()));
        }

        @Override
        public void onPing() {
          events.add("ping");
        }

        @Override
        public void onError(SocketIoException error) {
          events.add("error:" + error.getMessage());
        }

        @Override
        public void onClose(String reason, Throwable cause) {
          events.add("close:" + reason);
        }

        @Override
        public void onUpgrade(String transport) {
          events.add("upgrade:" + transport);
        }

        @Override
        public void onUpgradeError(SocketIoException error) {
          events.add("upgradeError:" + error.getMessage());
        }
      };

  private EngineSocket socket(String... names) {
    return socket(false, false, names);
  }

  private EngineSocket socket(boolean rememberUpgrade, boolean tryAll, String... names) {
    return new EngineSocket(
        new EngineSocket.Config(List.of(names), true, rememberUpgrade, tryAll, priorWebsocket),
        transports,
        scheduler,
        listener);
  }

  @Test
  void handshakeOpensAndMessagesFlowBothWays() {
    EngineSocket s = socket("websocket");
    s.open();
    FakeTransport t = transports.last();
    assertThat(t.name()).isEqualTo("websocket");
    assertThat(t.initialSid).isNull();
    t.handshake("S1", "[]", 25000, 20000);
    assertThat(s.id()).isEqualTo("S1");
    assertThat(s.state()).isEqualTo(EngineSocket.State.OPEN);
    t.receive("4hello");
    t.receiveBinary(new byte[] {1, 2});
    s.send(List.of(EnginePacket.message("hi")));
    assertThat(t.sent).containsExactly("4hi");
    assertThat(events).containsExactly("open", "message:hello", "message:<binary>");
  }

  @Test
  void heartbeatWatchClosesWithPingTimeoutAtPingIntervalPlusPingTimeout() {
    EngineSocket s = socket("websocket");
    s.open();
    FakeTransport t = transports.last();
    t.handshake("S1", "[]", 300, 200);
    scheduler.advanceBy(Duration.ofMillis(499));
    assertThat(s.state()).isEqualTo(EngineSocket.State.OPEN);
    scheduler.advanceBy(Duration.ofMillis(1));
    assertThat(s.state()).isEqualTo(EngineSocket.State.CLOSED);
    assertThat(events).containsExactly("open", "close:ping timeout");
    assertThat(t.closedPolitely).isTrue();
  }

  @Test
  void eachPingIsAnsweredAndRearmsTheWatch() {
    EngineSocket s = socket("websocket");
    s.open();
    FakeTransport t = transports.last();
    t.handshake("S1", "[]", 300, 200);
    scheduler.advanceBy(Duration.ofMillis(400));
    t.receive("2");
    assertThat(t.sent).containsExactly("3");
    // Other packets do not re-arm it: only pings do.
    scheduler.advanceBy(Duration.ofMillis(300));
    t.receive("4busy");
    scheduler.advanceBy(Duration.ofMillis(199));
    assertThat(s.state()).isEqualTo(EngineSocket.State.OPEN);
    scheduler.advanceBy(Duration.ofMillis(1));
    assertThat(events).containsExactly("open", "ping", "message:busy", "close:ping timeout");
  }

  @Test
  void anExpiredDeadlineIsNoticedBeforeTheTimerFires() {
    EngineSocket s = socket("websocket");
    s.open();
    transports.last().handshake("S1", "[]", 300, 200);
    assertThat(s.hasPingExpired()).isFalse();
    // A timer that runs late (a sleeping machine) is caught by the deadline check.
    s.abort();
    assertThat(s.hasPingExpired()).isTrue();
  }

  @Test
  void closeReasonsAreTheReferenceClientsOnes() {
    EngineSocket a = socket("websocket");
    a.open();
    transports.last().handshake("A", "[]", 25000, 20000);
    transports.last().dropByPeer();
    EngineSocket b = socket("websocket");
    b.open();
    transports.last().handshake("B", "[]", 25000, 20000);
    transports.last().fail("websocket error");
    EngineSocket c = socket("websocket");
    c.open();
    transports.last().handshake("C", "[]", 25000, 20000);
    c.close();
    assertThat(events)
        .containsExactly(
            "open", "close:transport close",
            "open", "error:websocket error", "close:transport error",
            "open", "close:forced close");
    assertThat(transports.last().closedPolitely).isTrue();
    assertThat(scheduler.pendingTasks()).isZero();
  }

  @Test
  void upgradesFromPollingAfterAProbeAndFlushesOverTheWebSocket() {
    EngineSocket s = socket("polling", "websocket");
    s.open();
    FakeTransport polling = transports.last();
    polling.holdPause = true;
    polling.handshake("S1", "[\"websocket\"]", 25000, 20000);
    FakeTransport ws = transports.last();
    assertThat(ws.name()).isEqualTo("websocket");
    assertThat(ws.initialSid).isEqualTo("S1");
    ws.connect();
    assertThat(ws.sent).containsExactly("2probe");
    ws.receive("3probe");
    // While polling pauses, writes wait.
    s.send(List.of(EnginePacket.message("during")));
    assertThat(polling.sent).isEmpty();
    polling.pendingPause.run();
    assertThat(ws.sent).containsExactly("2probe", "5", "4during");
    assertThat(s.transportName()).isEqualTo("websocket");
    assertThat(events).containsExactly("open", "upgrade:websocket");
    assertThat(priorWebsocket).isTrue();
  }

  @Test
  void packetsPostedWhilePausingAreNotSentAgainAfterTheUpgrade() {
    EngineSocket s = socket("polling", "websocket");
    s.open();
    FakeTransport polling = transports.last();
    polling.handshake("S1", "[\"websocket\"]", 25000, 20000);
    FakeTransport ws = transports.last();
    polling.holdWrites = true;
    s.send(List.of(EnginePacket.message("in flight")));
    assertThat(polling.sent).containsExactly("4in flight");
    ws.connect();
    ws.receive("3probe");
    s.send(List.of(EnginePacket.message("queued")));
    // The POST is answered: polling drains, pauses, and the session moves to the WebSocket.
    polling.completeWrite();
    assertThat(ws.sent).containsExactly("2probe", "5", "4queued");
    assertThat(polling.released).isTrue();
    assertThat(polling.closedPolitely).isFalse();
  }

  @Test
  void aFailedProbeKeepsPolling() {
    EngineSocket s = socket("polling", "websocket");
    s.open();
    FakeTransport polling = transports.last();
    polling.handshake("S1", "[\"websocket\"]", 25000, 20000);
    FakeTransport ws = transports.last();
    ws.connect();
    ws.receive("3other");
    assertThat(events).containsExactly("open", "upgradeError:probe error");
    assertThat(s.transportName()).isEqualTo("polling");
    s.send(List.of(EnginePacket.message("still")));
    assertThat(polling.sent).containsExactly("4still");
    assertThat(ws.closedPolitely).isTrue();
  }

  @Test
  void rememberUpgradeStartsWithWebSocketAfterASuccess() {
    priorWebsocket.set(true);
    socket(true, false, "polling", "websocket").open();
    assertThat(transports.last().name()).isEqualTo("websocket");
    socket(false, false, "polling", "websocket").open();
    assertThat(transports.last().name()).isEqualTo("polling");
  }

  @Test
  void tryAllTransportsFallsBackToTheNextTransport() {
    EngineSocket s = socket(false, true, "websocket", "polling");
    s.open();
    transports.last().fail("websocket error");
    assertThat(transports.last().name()).isEqualTo("polling");
    transports.last().handshake("S1", "[]", 25000, 20000);
    assertThat(events).containsExactly("open");

    EngineSocket strict = socket(false, false, "websocket", "polling");
    strict.open();
    transports.last().fail("websocket error");
    assertThat(strict.state()).isEqualTo(EngineSocket.State.CLOSED);
  }

  @Test
  void closeWaitsForBufferedPacketsToBeWritten() {
    EngineSocket s = socket("polling");
    s.open();
    FakeTransport t = transports.last();
    t.handshake("S1", "[]", 25000, 20000);
    s.send(List.of(EnginePacket.message("last")));
    s.close();
    assertThat(t.sent).containsExactly("4last");
    assertThat(events).containsExactly("open", "close:forced close");
    assertThat(s.send(List.of(EnginePacket.message("after")))).isFalse();
  }

  @Test
  void absurdHeartbeatValuesInTheOpenPacketTimeOutAfterOneMillisecondAsJavaScriptTimersDo() {
    assertThat(EngineSocket.timerDelayMillis(25000, 20000)).isEqualTo(45000);
    assertThat(EngineSocket.timerDelayMillis(Integer.MAX_VALUE - 1, 1)).isEqualTo(Integer.MAX_VALUE);
    assertThat(EngineSocket.timerDelayMillis(Integer.MAX_VALUE, 1)).isEqualTo(1);
    assertThat(EngineSocket.timerDelayMillis(Long.MAX_VALUE, Long.MAX_VALUE)).isEqualTo(1);
    assertThat(EngineSocket.timerDelayMillis(-5, 0)).isEqualTo(1);
    // Found by OpenPacketFuzzTest: the delay in nanoseconds overflowed and the handshake threw.
    EngineSocket s = socket("websocket");
    s.open();
    FakeTransport t = transports.last();
    t.connect();
    t.receive("0{\"sid\":\"a\",\"pingInterval\":\"1e43\",\"pingTimeout\":\"x\",\"upgrades\":[]}");
    assertThat(s.state()).isEqualTo(EngineSocket.State.OPEN);
    scheduler.advanceBy(Duration.ofMillis(1));
    assertThat(events).containsExactly("open", "close:ping timeout");
  }
}
