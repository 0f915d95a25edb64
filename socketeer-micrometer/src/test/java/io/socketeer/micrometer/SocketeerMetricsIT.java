package io.socketeer.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.socketeer.netty.NettySocketIoServer;
import io.socketeer.server.ServerOptions;
import io.socketeer.server.SocketIoServer;
import io.socketeer.testkit.NodeScripts;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The meters of a real server on Netty driven by the official client ({@code interop/metrics-client.js}). */
class SocketeerMetricsIT {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private NettySocketIoServer server;

  @BeforeEach
  void start() {
    SocketeerMetrics metrics = SocketeerMetrics.create(registry);
    SocketIoServer io = SocketIoServer.create(ServerOptions.builder().observer(metrics).build());
    io.onConnection(socket -> {
      socket.on("hello", (args, ack) -> ack.send("hi"));
      socket.on("ask-me", (args, ack) -> socket.timeout(Duration.ofSeconds(5)).emit("question",
          (err, reply) -> ack.send(err == null ? reply.get(0) : "no answer"), "life"));
      socket.on("join", (args, ack) -> {
        socket.join(args.get(0).asText());
        ack.send();
      });
      socket.on("broadcast", (args, ack) -> {
        io.emit("news", "extra");
        ack.send();
      });
    });
    server = NettySocketIoServer.builder(io)
        .engineOptions(SocketIoServer.defaultEngineOptions().toBuilder().observer(metrics).build())
        .port(0).start();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private double counter(String name, String... tags) {
    Counter c = registry.find(name).tags(tags).counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void officialClientTrafficShowsInTheMeters() {
    NodeScripts.Result r = NodeScripts.run(Duration.ofSeconds(30), "metrics-client.js", "http://127.0.0.1:" + server.port());
    assertThat(r.lastLine()).as(r.output()).isEqualTo(
        "{\"upgraded\":\"websocket\",\"hello\":\"hi\",\"asked\":\"answer to life\",\"news\":[\"extra\",\"extra\"]}");

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(registry.get("socketio.sockets.connected").tag("namespace", "/").gauge().value()).isZero();
      assertThat(registry.get("engineio.sessions.open").gauge().value()).isZero();
    });
    assertThat(counter("socketio.connects", "namespace", "/")).isEqualTo(2);
    assertThat(counter("socketio.disconnects", "namespace", "/", "reason", "client namespace disconnect")).isEqualTo(2);
    assertThat(counter("engineio.sessions.opened", "transport", "polling")).isEqualTo(2);
    assertThat(counter("engineio.upgrades", "outcome", "success")).isEqualTo(1);

    // Both transports carried packets both ways; the 100-character argument alone is 100 bytes in.
    for (String transport : new String[] {"polling", "websocket"}) {
      assertThat(counter("engineio.packets.received", "transport", transport)).as(transport).isPositive();
      assertThat(counter("engineio.packets.sent", "transport", transport)).as(transport).isPositive();
      assertThat(counter("engineio.bytes.sent", "transport", transport)).as(transport).isPositive();
    }
    assertThat(counter("engineio.bytes.received", "transport", "websocket")
        + counter("engineio.bytes.received", "transport", "polling")).isGreaterThan(100);

    DistributionSummary fanOut = registry.get("socketio.broadcast.recipients").tag("namespace", "/").summary();
    assertThat(fanOut.count()).isEqualTo(1);
    assertThat(fanOut.totalAmount()).isEqualTo(2);

    Timer ack = registry.get("socketio.ack.latency").tag("namespace", "/").timer();
    assertThat(ack.count()).isEqualTo(1);
    assertThat(ack.totalTime(TimeUnit.NANOSECONDS)).isPositive();
    assertThat(counter("socketio.ack.timeouts", "namespace", "/")).isZero();
  }
}
