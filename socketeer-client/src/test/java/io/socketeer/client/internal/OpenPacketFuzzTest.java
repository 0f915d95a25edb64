package io.socketeer.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.socketeer.client.SocketIoException;
import io.socketeer.protocol.engineio.EnginePacket;
import io.socketeer.protocol.engineio.EnginePacketType;
import io.socketeer.testkit.FakeScheduler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Coverage-guided fuzz test of the client's handshake: whatever data the server's open packet
 * carries (its JSON: sid, upgrades, pingInterval, pingTimeout, maxPayload), the session either opens
 * with the server's sid or reports {@code parse error} / {@code invalid handshake} and closes; it
 * never throws, and what follows (sending over polling within maxPayload, upgrade probes, the
 * heartbeat watch) never throws either.
 */
class OpenPacketFuzzTest {
  @FuzzTest
  void openPacket(byte[] input) {
    FakeScheduler scheduler = new FakeScheduler();
    FakeTransports transports = new FakeTransports();
    List<String> events = new ArrayList<>();
    EngineSocket socket = new EngineSocket(
        new EngineSocket.Config(List.of("polling", "websocket"), true, false, false, new AtomicBoolean()),
        transports,
        scheduler,
        new EngineSocket.Listener() {
          @Override
          public void onOpen() {
            events.add("open");
          }

          @Override
          public void onMessage(EnginePacket packet) {
            events.add("message");
          }

          @Override
          public void onError(SocketIoException error) {
            events.add("error:" + error.getMessage());
          }

          @Override
          public void onClose(String reason, Throwable cause) {
            events.add("close:" + reason);
          }
        });
    socket.open();
    FakeTransport polling = transports.last();
    polling.connect();
    String data = new String(input, StandardCharsets.UTF_8);
    polling.packet(EnginePacket.of(EnginePacketType.OPEN, data));
    if (socket.state() == EngineSocket.State.OPEN) {
      assertThat(events).containsExactly("open");
      assertThat(socket.id()).isNotNull();
      socket.send(List.of(EnginePacket.message("a"), EnginePacket.message("bb"), EnginePacket.binary(new byte[3])));
    } else {
      assertThat(events).first().asString().isIn("error:parse error", "error:invalid handshake");
      assertThat(events).last().asString().startsWith("close:");
    }
    // Let every timer the handshake set (heartbeat watch, probes) run.
    scheduler.advanceBy(Duration.ofDays(400));
    assertThat(events.stream().filter(e -> e.startsWith("close:")).count()).isLessThanOrEqualTo(1);
  }
}
