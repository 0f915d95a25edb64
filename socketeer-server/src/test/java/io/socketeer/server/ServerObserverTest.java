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

  @Test
  void composedObserversAreCalledInOrderAndNullIsSkipped() {
    List<String> calls = new ArrayList<>();
    ServerObserver a = new ServerObserver() {
      @Override
      public void onBroadcast(Namespace namespace, int recipients) {
        calls.add("a " + recipients);
      }

      @Override
      public void onAckTimeout(Namespace namespace) {
        throw new IllegalStateException("a failed");
      }
    };
    ServerObserver b = new ServerObserver() {
      @Override
      public void onBroadcast(Namespace namespace, int recipients) {
        calls.add("b " + recipients);
      }

      @Override
      public void onAckTimeout(Namespace namespace) {
        calls.add("b timeout");
      }
    };
    assertThat(ServerObserver.compose(a, null)).isSameAs(a);
    assertThat(ServerObserver.compose(null, b)).isSameAs(b);
    assertThat(ServerObserver.compose(null, null)).isNull();
    ServerObserver both = ServerObserver.compose(a, b);
    both.onBroadcast(io.of("/"), 3);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> both.onAckTimeout(io.of("/"))).hasMessage("a failed");
    assertThat(calls).containsExactly("a 3", "b 3", "b timeout");
  }

  @Test
  void addedObserverSeesWhatHappensFromThenOnAfterTheOptionsOne() {
    List<String> added = new ArrayList<>();
    FakeConnection first = connect();
    io.addObserver(new ServerObserver() {
      @Override
      public void onConnect(Socket socket) {
        added.add("connect after " + seen.get(seen.size() - 1));
      }

      @Override
      public void onDisconnect(Socket socket, DisconnectReason reason) {
        added.add("disconnect " + reason.text());
      }
    });
    seen.clear();
    connect();
    first.send("1");
    assertThat(added).containsExactly("connect after connect / rooms=1", "disconnect client namespace disconnect");
  }

  @Test
  void addObserverOnAServerWithoutOneStartsObserving() {
    io = SocketIoServer.create(ServerOptions.defaults(), scheduler);
    io.onConnection(socket -> socket.on("join", (args, ack) -> socket.join(args.get(0).asText())));
    FakeConnection c = connect();
    io.addObserver(observer);
    c.send("2[\"join\",\"lobby\"]");
    io.emit("news");
    assertThat(seen).containsExactly("join / lobby", "broadcast / 1");
  }

  @Test
  void broadcastShowsInEachRecipientsOnAnyOutgoingAsTheReferenceAdapterDoes() {
    List<String> outgoing = new ArrayList<>();
    io.onConnection(socket -> socket.onAnyOutgoing((event, args) -> outgoing.add(event + " " + args.size())));
    connect();
    connect();
    io.emit("news", "a", new byte[] {1, 2});
    io.to("nobody").emit("lost");
    assertThat(outgoing).containsExactly("news 2", "news 2");
  }
}
