package io.socketeer.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketeer.testkit.FakeScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What one connection may make the server hold (BAD_INPUTS 4.5): namespaces, pending acks, and
 * reserved event names, against fake connections in virtual time.
 */
class ServerLimitsTest {
  private final FakeScheduler scheduler = new FakeScheduler();

  @Test
  void c32ReservedEventNamesFromAClientCloseTheConnectionAndReachNoHandler() {
    SocketIoServer io = SocketIoServer.create(ServerOptions.defaults(), scheduler);
    List<String> heard = new ArrayList<>();
    io.onConnection(socket -> {
      for (String name : new String[] {"connect", "disconnect", "disconnecting", "newListener", "removeListener",
          "connect_error"}) {
        socket.on(name, (args, ack) -> heard.add(name));
      }
      socket.onAny((event, args) -> heard.add("any " + event));
    });
    for (String bad : new String[] {"2[\"connect\"]", "2[\"disconnect\",\"123\"]", "2[\"disconnecting\"]",
        "2[\"newListener\"]", "2[\"removeListener\"]", "2[\"connect_error\"]"}) {
      FakeConnection c = FakeConnection.open(io, scheduler).send("0");
      c.send(bad);
      assertThat(c.closed).as(bad).isTrue();
    }
    assertThat(heard).isEmpty();
    assertThat(io.connectionCount()).isZero();
  }

  @Test
  void c52bNamespacesPerConnectionAreCappedAndEmptyChildrenCleanedUp() {
    SocketIoServer io = SocketIoServer.create(ServerOptions.builder().maxNamespacesPerConnection(10)
        .cleanupEmptyChildNamespaces(true).build(), scheduler);
    io.of(Pattern.compile("/a\\d+")).onConnection(socket -> {});
    FakeConnection c = FakeConnection.open(io, scheduler);
    for (int i = 0; i < 10; i++) {
      c.send("0/a" + i + ",");
    }
    assertThat(c.closed).isFalse();
    assertThat(io.namespaces()).hasSize(11); // "/" and ten children
    c.send("0/a10,");
    assertThat(c.closed).isTrue();
    assertThat(io.connectionCount()).isZero();
    // Every child emptied by the close is gone; a flood of names leaves nothing behind.
    assertThat(io.namespaces()).containsOnlyKeys("/");
  }

  @Test
  void c52bMalformedConnectPacketsCloseTheConnection() {
    SocketIoServer io = SocketIoServer.create(ServerOptions.defaults(), scheduler);
    io.of("/admin");
    for (String bad : new String[] {"0/admin,\"str\"", "0/admin,[]", "1/admin,{}"}) {
      FakeConnection c = FakeConnection.open(io, scheduler);
      c.send(bad);
      assertThat(c.closed).as(bad).isTrue();
    }
  }

  @Test
  void c52dUnansweredAcksAreBoundedByTimeoutsAndAllFailOnDisconnect() {
    SocketIoServer io = SocketIoServer.create(ServerOptions.defaults(), scheduler);
    List<Socket> sockets = new ArrayList<>();
    io.onConnection(sockets::add);
    FakeConnection c = FakeConnection.open(io, scheduler).send("0");
    Socket socket = sockets.get(0);
    List<Throwable> timedOut = new ArrayList<>();
    List<Throwable> dropped = new ArrayList<>();
    List<CompletableFuture<Arguments>> awaited = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      socket.timeout(Duration.ofSeconds(5)).emit("q", (error, response) -> timedOut.add(error), i);
    }
    scheduler.advanceBy(Duration.ofSeconds(5));
    assertThat(timedOut).hasSize(10_000).allMatch(e -> e instanceof AckTimeoutException);
    assertThat(socket.pendingAcks()).isZero();
    for (int i = 0; i < 10_000; i++) {
      socket.emit("q", (error, response) -> dropped.add(error), i);
      awaited.add(socket.emitWithAck("q", i));
    }
    assertThat(socket.pendingAcks()).isEqualTo(20_000);
    c.drop("transport close");
    assertThat(socket.pendingAcks()).isZero();
    assertThat(dropped).hasSize(10_000).allMatch(e -> e != null);
    assertThat(awaited).allMatch(CompletableFuture::isCompletedExceptionally);
    // Answers after the disconnect find nothing to call.
    c.send("30[1]");
    assertThat(dropped).hasSize(10_000);
    assertThat(scheduler.pendingTasks()).isZero();
  }
}
