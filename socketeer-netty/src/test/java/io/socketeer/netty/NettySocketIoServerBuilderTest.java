package io.socketeer.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socketeer.server.ServerOptions;
import io.socketeer.server.SocketIoServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NettySocketIoServerBuilderTest {
  @Test
  void aSilentConnectionIsClosedAfterTheIdleTimeoutGivenToTheSocketIoBuilder() throws Exception {
    SocketIoServer io = SocketIoServer.create(ServerOptions.defaults());
    try (NettySocketIoServer server = NettySocketIoServer.builder(io).address(new InetSocketAddress("127.0.0.1", 0))
            .idleTimeout(Duration.ofMillis(300)).nativeTransport(false).workerThreads(1).start();
        Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(5000);
      long start = System.nanoTime();
      InputStream in = socket.getInputStream();

      int read = in.read(); // nothing was sent: the server closes the connection

      assertThat(read).isEqualTo(-1);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(200), Duration.ofSeconds(3));
    }
  }

  @Test
  void transportSettingsAreCheckedWhenGiven() {
    NettySocketIoServer.Builder builder = NettySocketIoServer.builder(SocketIoServer.create(ServerOptions.defaults()));

    assertThatThrownBy(() -> builder.workerThreads(-1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("workerThreads");
    assertThatThrownBy(() -> builder.idleTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("idleTimeout");
  }
}
