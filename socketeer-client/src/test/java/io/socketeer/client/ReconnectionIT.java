package io.socketeer.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.socketeer.testkit.NodeScenarioServer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import io.socketeer.netty.NettySocketIoServer;
import io.socketeer.server.ServerOptions;
import io.socketeer.server.SocketIoServer;
import org.junit.jupiter.api.Test;

/**
 * The server is killed and restarted under a connected client (the official server, then ours);
 * then the client closes and no thread of it remains.
 */
class ReconnectionIT {
  @Test
  void reconnectsAfterSocketeersServerIsStoppedAndStartedAgain() throws Exception {
    SocketIoServer io = SocketIoServer.create(ServerOptions.defaults());
    io.onConnection(socket -> socket.on("echo", (args, ack) -> ack.send(args.values())));
    NettySocketIoServer server = NettySocketIoServer.start(io, 0);
    int port = server.port();
    try (SocketIoClient client = SocketIoClient.create(1, 1)) {
      Socket socket =
          client.socket(
              "http://127.0.0.1:" + port,
              ClientOptions.builder()
                  .reconnectionDelay(Duration.ofMillis(100))
                  .reconnectionDelayMax(Duration.ofMillis(400))
                  .build());
      BlockingQueue<String> reasons = new LinkedBlockingQueue<>();
      socket.onDisconnect(reasons::add);
      await().atMost(Duration.ofSeconds(10)).until(socket::connected);
      String firstId = socket.id();
      NettySocketIoServer stopping = server;
      server = null;
      stopping.close();
      // "transport error" when a request in flight is cut by the shutdown.
      assertThat(reasons.poll(10, TimeUnit.SECONDS)).isIn("transport close", "transport error");
      assertThat(socket.active()).isTrue();
      server = NettySocketIoServer.start(io, port);
      await().atMost(Duration.ofSeconds(15)).until(socket::connected);
      assertThat(socket.id()).isNotEqualTo(firstId);
      assertThat(socket.emitWithAck("echo", "again").get(10, TimeUnit.SECONDS).string(0)).isEqualTo("again");
    } finally {
      if (server != null) {
        server.close();
      }
    }
  }

  @Test
  void reconnectsAfterTheServerIsKilledAndRestarted() throws Exception {
    try (NodeScenarioServer server = NodeScenarioServer.start()) {
      SocketIoClient client = SocketIoClient.create(1, 1);
      try {
        AtomicInteger authCalls = new AtomicInteger();
        Socket socket =
            client.socket(
                server.url(),
                ClientOptions.builder()
                    .reconnectionDelay(Duration.ofMillis(100))
                    .reconnectionDelayMax(Duration.ofMillis(400))
                    .authSupplier(() -> java.util.Map.of("call", authCalls.incrementAndGet()))
                    .build());
        BlockingQueue<String> reasons = new LinkedBlockingQueue<>();
        socket.onDisconnect(reasons::add);
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        List<SocketIoException> errors = new CopyOnWriteArrayList<>();
        AtomicInteger reconnected = new AtomicInteger();
        socket.manager().addListener(new ManagerListener() {
          @Override
          public void onReconnectAttempt(int attempt) {
            attempts.add(attempt);
          }

          @Override
          public void onReconnectError(SocketIoException error) {
            errors.add(error);
          }

          @Override
          public void onReconnect(int attempt) {
            reconnected.set(attempt);
          }
        });
        await().atMost(Duration.ofSeconds(10)).until(socket::connected);
        String firstId = socket.id();

        server.kill();
        // A FIN gives "transport close", a reset "transport error" (as the reference's "websocket
        // error" / "xhr poll error"): which one depends on the kernel's timing.
        assertThat(reasons.poll(10, TimeUnit.SECONDS)).isIn("transport close", "transport error");
        await().atMost(Duration.ofSeconds(10)).until(() -> errors.size() >= 2);
        assertThat(socket.connected()).isFalse();
        assertThat(socket.active()).isTrue();
        assertThat(attempts).startsWith(1, 2);

        server.restart();
        await().atMost(Duration.ofSeconds(15)).until(socket::connected);
        assertThat(reconnected.get()).isGreaterThanOrEqualTo(2);
        assertThat(socket.id()).isNotEqualTo(firstId);
        assertThat(authCalls.get()).isGreaterThanOrEqualTo(2);
        assertThat(socket.emitWithAck("echo", "back").get(10, TimeUnit.SECONDS).string(0))
            .isEqualTo("back");
      } finally {
        client.close();
      }
      // Nothing the client started outlives close().
      Set<String> left =
          Thread.getAllStackTraces().keySet().stream()
              .filter(Thread::isAlive)
              .map(Thread::getName)
              .filter(n -> n.startsWith("socketeer-client"))
              .collect(Collectors.toSet());
      assertThat(left).isEmpty();
    }
  }
}
