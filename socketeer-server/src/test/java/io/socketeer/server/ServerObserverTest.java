package io.socketeer.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketeer.testkit.FakeScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a {@link ServerObserver} sees, against fake connections in virtual time. */
class ServerObserverTest {
  private final List<String> seen = new ArrayList<>();
  private FakeScheduler scheduler;
  private SocketIoServer io;

  private final ServerObserver observer = new ServerObserver() {
    @Override
    public void onConnect(Socket socket) {
      seen.add("connect " + socket.namespace().name() + " rooms=" + socket.rooms().size());
    }

    @Override
    public void onDisconnect(Socket socket, DisconnectReason reason) {
      seen.add("disconnect " + socket.namespace().name() + " " + reason.text());
    }

    @Override
    public void onRoomJoined(Namespace namespace, String room, String socketId) {
      seen.add("join " + namespace.name() + " " + (room.equals(socketId) ? "<own>" : room));
    }

    @Override
    public void onRoomLeft(Namespace namespace, String room, String socketId) {
      seen.add("leave " + namespace.name() + " " + (room.equals(socketId) ? "<own>" : room));
    }

    @Override
    public void onBroadcast(Namespace namespace, int recipients) {
      seen.add("broadcast " + namespace.name() + " " + recipients);
    }

    @Override
    public void onAckReceived(Namespace namespace, long latencyNanos) {
      seen.add("ack " + namespace.name() + " " + Duration.ofNanos(latencyNanos).toMillis() + "ms");
    }

    @Override
    public void onAckTimeout(Namespace namespace) {
      seen.add("ack timeout " + namespace.name());
    }
  };

  @BeforeEach
  void setUp() {
    scheduler = new FakeScheduler();
    io = SocketIoServer.create(ServerOptions.builder().observer(observer).build(), scheduler);
    io.onConnection(socket -> {
      seen.add("handler");
      socket.on("join", (args, ack) -> socket.join(args.get(0).asText(), args.get(0).asText()));
      socket.on("leave", (args, ack) -> socket.leave(args.get(0).asText()));
      socket.on("ask", (args, ack) -> socket.timeout(Duration.ofSeconds(2)).emit("question", (AckCallback) (e, r) -> { }));
    });
  }

  private FakeConnection connect() {
    FakeConnection c = FakeConnection.open(io, scheduler);
    c.send("0");
    c.take();
    return c;
  }

  @Test
  void connectRoomsAndDisconnectInTheReferenceOrder() {
    FakeConnection c = connect();
    assertThat(seen).containsExactly("join / <own>", "connect / rooms=1", "handler");
    seen.clear();

    c.send("2[\"join\",\"lobby\"]");
    c.send("2[\"join\",\"lobby\"]");
    c.send("2[\"leave\",\"lobby\"]");
    c.send("2[\"leave\",\"lobby\"]");
    assertThat(seen).containsExactly("join / lobby", "leave / lobby");
    seen.clear();

    c.send("2[\"join\",\"lobby\"]");
    c.send("1");
    assertThat(seen).containsExactlyInAnyOrder(
        "join / lobby", "leave / <own>", "leave / lobby", "disconnect / client namespace disconnect");
    assertThat(seen.get(seen.size() - 1)).isEqualTo("disconnect / client namespace disconnect");
  }

  @Test
  void broadcastReportsItsLocalRecipients() {
    connect();
    connect();
    seen.clear();
    io.emit("news", 1);
    io.to("nobody").emit("news", 2);
    assertThat(seen).containsExactly("broadcast / 2", "broadcast / 0");
  }

  @Test
  void ackLatencyInVirtualTimeAndTimeouts() {
    FakeConnection c = connect();
    seen.clear();
    c.send("2[\"ask\"]");
    List<String> sent = c.take();
    assertThat(sent).hasSize(1);
    String ackId = sent.get(0).substring(1, sent.get(0).indexOf('['));
    scheduler.advanceBy(Duration.ofMillis(250));
    c.send("3" + ackId + "[\"yes\"]");
    assertThat(seen).containsExactly("ack / 250ms");
    seen.clear();

    c.send("2[\"ask\"]");
    c.take();
    scheduler.advanceBy(Duration.ofMillis(1999));
    assertThat(seen).isEmpty();
    scheduler.advanceBy(Duration.ofMillis(1));
    assertThat(seen).containsExactly("ack timeout /");
  }

  @Test
  void anObserverThatThrowsDoesNotBreakTheServer() {
    io = SocketIoServer.create(ServerOptions.builder().observer(new ServerObserver() {
      @Override
      public void onConnect(Socket socket) {
        throw new IllegalStateException("observer bug");
      }
    }).build(), scheduler);
    io.onConnection(socket -> seen.add("handler"));
    connect();
    assertThat(seen).containsExactly("handler");
  }
}
