package io.socketeer.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SmokeIT {
  @Test
  void connectsAndEchoes() throws Exception {
    try (NodeScenarioServer server = NodeScenarioServer.start();
        SocketIoClient client = SocketIoClient.create()) {
      Socket socket = client.socket(server.url());
      CompletableFuture<String> connected = new CompletableFuture<>();
      socket.onConnect(() -> connected.complete(socket.id()));
      socket.onConnectError(connected::completeExceptionally);
      assertThat(connected.get(10, TimeUnit.SECONDS)).isNotNull();
      Arguments reply = socket.emitWithAck("echo", "hello", 42).get(10, TimeUnit.SECONDS);
      assertThat(reply.string(0)).isEqualTo("hello");
      assertThat(reply.get(1).asInt()).isEqualTo(42);
      long t0 = System.nanoTime();
      Socket second = client.socket(server.url(), ClientOptions.builder().forceNew(true).build());
      CompletableFuture<String> c2 = new CompletableFuture<>();
      second.onConnect(() -> c2.complete(second.id()));
      assertThat(c2.get(10, TimeUnit.SECONDS)).isNotNull();
      System.out.println("second connect took ms " + (System.nanoTime() - t0) / 1_000_000);
    }
  }
}
