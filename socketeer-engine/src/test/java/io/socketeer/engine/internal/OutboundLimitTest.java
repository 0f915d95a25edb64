package io.socketeer.engine.internal;

import static io.socketeer.engine.internal.EngineHarness.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.socketeer.engine.EngineOptions;
import io.socketeer.engine.EngineSession;
import io.socketeer.protocol.engineio.EnginePacket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What may wait for a client that does not take its packets is bounded in bytes and packets
 * (BAD_INPUTS C-45, C-45b): past either limit the session ends with {@code transport error}, and a
 * WebSocket is dropped at once rather than closed behind what its peer never read.
 */
class OutboundLimitTest {
  private final EngineHarness h = new EngineHarness(EngineOptions.builder()
      .pingInterval(Duration.ofSeconds(100)).pingTimeout(Duration.ofSeconds(100))
      .maxBuffered(10_000, 100).build());

  private static EnginePacket bytes(int n) {
    return EnginePacket.message("x".repeat(n - 1)); // type digit + data
  }

  @Test
  void aPollingClientThatStopsPollingIsClosedPastThePacketLimit() {
    String sid = h.handshake();
    EngineSession session = h.core.session(sid);
    for (int i = 0; i < 100; i++) {
      session.send(EnginePacket.message("m"));
    }
    assertThat(session.isOpen()).as("100 packets are within the limit").isTrue();
    session.send(EnginePacket.message("m"));
    assertThat(session.isOpen()).isFalse();
    assertThat(h.events).containsExactly("open", "close:transport error");
    assertThat(h.closeDescription).contains("outbound buffer full").contains("101 packets");
    assertThat(h.core.sessionCount()).isZero();
  }

  @Test
  void aPollingClientIsClosedPastTheByteLimit() {
    String sid = h.handshake();
    EngineSession session = h.core.session(sid);
    session.send(bytes(5_000));
    session.send(bytes(5_000));
    assertThat(session.isOpen()).as("exactly 10,000 bytes are within the limit").isTrue();
    session.send(bytes(1));
    assertThat(session.isOpen()).isFalse();
    assertThat(h.closeDescription).contains("10001 bytes");
  }

  @Test
  void whatAPendingGetTakesDoesNotCount() {
    String sid = h.handshake();
    EngineSession session = h.core.session(sid);
    for (int round = 0; round < 5; round++) {
      FakeExchange get = h.get(sid);
      for (int i = 0; i < 80; i++) {
        session.send(bytes(100));
      }
      assertThat(get.status).isEqualTo(200);
    }
    assertThat(session.isOpen()).isTrue();
  }

  @Test
  void aWebSocketPeerThatDoesNotReadIsDroppedPastTheByteLimit() {
    FakeWebSocket ws = h.websocket(query("EIO", "4", "transport", "websocket"));
    EngineSession session = h.core.sessions().iterator().next();
    assertThat(session.isWritable()).isTrue();
    ws.peerReads = false;
    for (int i = 0; i < 10; i++) {
      session.send(bytes(1_000));
    }
    assertThat(session.isOpen()).isTrue();
    session.send(bytes(1_000));
    assertThat(session.isOpen()).isFalse();
    assertThat(ws.aborted).as("dropped, not closed behind unread frames").isTrue();
    assertThat(h.events).containsExactly("open", "close:transport error");
  }

  @Test
  void aWebSocketThatIsNotWritableReportsIt() {
    FakeWebSocket ws = h.websocket(query("EIO", "4", "transport", "websocket"));
    EngineSession session = h.core.sessions().iterator().next();
    ws.unreadBytes = 1 << 20; // as a runtime whose peer stopped reading reports it
    assertThat(session.isWritable()).as("volatile packets are dropped now").isFalse();
    ws.unreadBytes = 0;
    assertThat(session.isWritable()).isTrue();
  }

  @Test
  void limitsMustBePositive() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> EngineOptions.builder().maxBuffered(0, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(EngineOptions.defaults().maxBufferedBytes()).isEqualTo(16L << 20);
    assertThat(EngineOptions.defaults().maxBufferedPackets()).isEqualTo(100_000);
  }
}
