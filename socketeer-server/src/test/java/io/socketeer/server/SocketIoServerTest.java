package io.socketeer.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.socketeer.protocol.engineio.EngineVersion;
import io.socketeer.testkit.FakeScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The server against fake connections in virtual time: the wire exchanges of the protocol digest
 * (W1-W26) and the server API.
 */
class SocketIoServerTest {
  private static final String SID = "\\{\"sid\":\"[A-Za-z0-9_-]{20}\"\\}";

  private FakeScheduler scheduler;
  private SocketIoServer io;
  private final List<String> events = new ArrayList<>();

  /** The official suite's server: auth echo on / and /custom, message-back, message-with-ack. */
  @BeforeEach
  void setUp() {
    scheduler = new FakeScheduler();
    io = SocketIoServer.create(ServerOptions.builder().connectTimeout(Duration.ofMillis(1000)).build(), scheduler);
    io.onConnection(socket -> {
      socket.emit("auth", socket.handshake().auth());
      socket.on("message", (args, ack) -> socket.emit("message-back", args.values()));
      socket.on("message-with-ack", (args, ack) -> ack.send(args.values()));
      socket.onDisconnecting(reason -> events.add("disconnecting " + reason + " " + socket.rooms().size()));
      socket.onDisconnect(reason -> events.add("disconnect " + reason));
    });
    io.of("/custom").onConnection(socket -> socket.emit("auth", socket.handshake().auth()));
  }

  private FakeConnection connect() {
    FakeConnection c = FakeConnection.open(io, scheduler);
    c.send("0");
    c.take();
    return c;
  }

  @Test
  void w1AndW2ConnectToTheMainNamespace() {
    FakeConnection c = FakeConnection.open(io, scheduler).send("0");
    List<String> sent = c.take();
    assertThat(sent).hasSize(2);
    assertThat(sent.get(0)).matches("0" + SID);
    assertThat(sent.get(0)).doesNotContain(c.id);
    assertThat(sent.get(1)).isEqualTo("2[\"auth\",{}]");

    FakeConnection d = FakeConnection.open(io, scheduler).send("0{\"token\":\"123\"}");
    assertThat(d.take()).element(1).isEqualTo("2[\"auth\",{\"token\":\"123\"}]");
  }

  @Test
  void w3AndW4ConnectToACustomNamespace() {
    FakeConnection c = FakeConnection.open(io, scheduler).send("0/custom,{\"token\":\"abc\"}");
    List<String> sent = c.take();
    assertThat(sent.get(0)).matches("0/custom," + SID);
    assertThat(sent.get(1)).isEqualTo("2/custom,[\"auth\",{\"token\":\"abc\"}]");
  }

  @Test
  void w5UnknownNamespaceIsRefusedAndTheConnectionLives() {
    FakeConnection c = FakeConnection.open(io, scheduler).send("0/random");
    assertThat(c.take()).containsExactly("4/random,{\"message\":\"Invalid namespace\"}");
    assertThat(c.closed).isFalse();
    assertThat(io.namespaces()).doesNotContainKey("/random");
    c.send("0");
    assertThat(c.take()).hasSize(2);
  }

  @Test
  void w6MiddlewareRefusalCarriesMessageAndData() {
    io.of("/auth").use((socket, next) -> {
      if ("bad".equals(socket.handshake().auth().path("token").asText())) {
        throw new ConnectError("not authorized", Map.of("content", "Please retry later"));
      }
      next.proceed();
    });
    FakeConnection c = FakeConnection.open(io, scheduler).send("0/auth,{\"token\":\"bad\"}");
    assertThat(c.take()).containsExactly(
        "4/auth,{\"message\":\"not authorized\",\"data\":{\"content\":\"Please retry later\"}}");
    c.send("0/auth,{\"token\":\"good\"}");
    assertThat(c.take()).singleElement().asString().matches("0/auth," + SID);
  }

  @Test
  void asynchronousMiddlewareDecidesLater() {
    List<Middleware.Next> pending = new ArrayList<>();
    io.of("/slow").use((socket, next) -> pending.add(next));
    FakeConnection c = FakeConnection.open(io, scheduler).send("0/slow");
    assertThat(c.take()).isEmpty();
    pending.get(0).proceed();
    scheduler.runPending();
    assertThat(c.take()).singleElement().asString().startsWith("0/slow,");
  }

  @Test
  void w7EventsAndW8Acks() {
    FakeConnection c = connect();
    c.send("2[\"message\",1,\"2\",{\"3\":[true]}]");
    assertThat(c.take()).containsExactly("2[\"message-back\",1,\"2\",{\"3\":[true]}]");
    c.send("2456[\"message-with-ack\",1,\"2\",{\"3\":[false]}]");
    assertThat(c.take()).containsExactly("3456[1,\"2\",{\"3\":[false]}]");
  }

  @Test
  void w9AndW10BinaryBothWays() {
    FakeConnection c = connect();
    c.send("52-[\"message\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]")
        .sendBinary("01 02 03").sendBinary("04 05 06");
    assertThat(c.take()).containsExactly(
        "52-[\"message-back\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]",
        "<01 02 03>", "<04 05 06>");
    c.send("52-789[\"message-with-ack\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]")
        .sendBinary("01 02 03").sendBinary("04 05 06");
    assertThat(c.take()).containsExactly(
        "62-789[{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]", "<01 02 03>", "<04 05 06>");
  }

  @Test
  void w11ClientLeavesTheNamespaceAndTheConnectionStaysOpen() {
    FakeConnection c = connect();
    c.send("1");
    assertThat(c.take()).isEmpty();
    assertThat(c.closed).isFalse();
    assertThat(events).containsExactly("disconnecting client namespace disconnect 1", "disconnect client namespace disconnect");
    assertThat(io.of("/").sockets()).isEmpty();
    assertThat(io.of("/").adapter().rooms()).isEmpty();
  }

  @Test
  void w12ToW14AndW26InvalidPacketsCloseTheConnection() {
    for (String bad : new String[] {"abc", "2{}", "2abc[\"message-with-ack\",1]", "1{}", "3/custom,1[]", "0", "4{}"}) {
      FakeConnection c = connect();
      c.send(bad);
      assertThat(c.closed).as(bad).isTrue();
    }
    assertThat(io.connectionCount()).isZero();
  }

  @Test
  void w15ServerDisconnectKeepsTheConnection() {
    List<Socket> sockets = new ArrayList<>();
    io.onConnection(sockets::add);
    FakeConnection c = connect();
    sockets.get(0).disconnect();
    assertThat(c.take()).containsExactly("1");
    assertThat(c.closed).isFalse();
    assertThat(events).contains("disconnect server namespace disconnect");
  }

  @Test
  void w16DisconnectWithCloseLeavesEveryNamespaceThenCloses() {
    List<Socket> sockets = new ArrayList<>();
    io.of("/srv").onConnection(sockets::add);
    FakeConnection c = connect();
    c.send("0/srv,");
    c.take();
    sockets.get(0).disconnect(true);
    assertThat(c.take()).containsExactly("1", "1/srv,");
    assertThat(c.closed).isTrue();
    assertThat(events).contains("disconnect server namespace disconnect");
    assertThat(io.connectionCount()).isZero();
  }

  @Test
  void w24ServerAckIdsAreCountedPerNamespace() throws Exception {
    List<Socket> sockets = new ArrayList<>();
    io.onConnection(sockets::add);
    FakeConnection a = connect();
    FakeConnection b = connect();
    CompletableFuture<Arguments> first = sockets.get(0).emitWithAck("question", 1);
    CompletableFuture<Arguments> second = sockets.get(1).emitWithAck("question", 2);
    assertThat(a.take()).containsExactly("20[\"question\",1]");
    assertThat(b.take()).containsExactly("21[\"question\",2]");
    a.send("30[42]");
    assertThat(first).isCompletedWithValueMatching(args -> args.get(0).intValue() == 42);
    assertThat(second).isNotDone();
    a.send("30[43]"); // answered twice: ignored
    b.send("39999[1]"); // W25: unknown id: ignored, connection stays open
    assertThat(b.closed).isFalse();
    b.drop("transport close");
    assertThat(second).isCompletedExceptionally();
  }

  @Test
  void ackTimeoutFailsAtTheDeadlineAndNotBefore() {
    List<Socket> sockets = new ArrayList<>();
    io.onConnection(sockets::add);
    FakeConnection c = connect();
    List<Throwable> errors = new ArrayList<>();
    sockets.get(0).timeout(Duration.ofMillis(500)).emit("q", (error, response) -> errors.add(error), 1);
    scheduler.advanceBy(Duration.ofMillis(499));
    assertThat(errors).isEmpty();
    scheduler.advanceBy(Duration.ofMillis(1));
    assertThat(errors).singleElement().isInstanceOf(AckTimeoutException.class)
        .extracting(Throwable::getMessage).isEqualTo("operation has timed out");
    c.send("20[\"late\"]".replace("20", "30"));
    assertThat(errors).hasSize(1);
    assertThat(sockets.get(0).pendingAcks()).isZero();
  }

  @Test
  void connectTimeoutClosesAConnectionThatJoinsNothing() {
    FakeConnection c = FakeConnection.open(io, scheduler);
    scheduler.advanceBy(Duration.ofMillis(999));
    assertThat(c.closed).isFalse();
    scheduler.advanceBy(Duration.ofMillis(1));
    assertThat(c.closed).isTrue();

    FakeConnection joined = connect();
    scheduler.advanceBy(Duration.ofSeconds(5));
    assertThat(joined.closed).isFalse();
  }

  @Test
  void engineCloseReachesEverySocketWithTheEngineReason() {
    FakeConnection c = connect();
    c.drop("ping timeout");
    assertThat(events).containsExactly("disconnecting ping timeout 1", "disconnect ping timeout");
    assertThat(io.connectionCount()).isZero();
  }

  @Test
  void decodeErrorsAreReportedToTheSocketsThenTheConnectionCloses() {
    List<Exception> errors = new ArrayList<>();
    io.onConnection(socket -> socket.onError(errors::add));
    FakeConnection c = connect();
    c.send("51-[\"a\",{\"_placeholder\":true,\"num\":0}]").send("2[\"b\"]");
    assertThat(errors).singleElement().extracting(Throwable::getMessage)
        .isEqualTo("got plaintext data when reconstructing a packet");
    assertThat(c.closed).isTrue();
    assertThat(events).contains("disconnect forced close");
  }

  @Test
  void roomsBroadcastsAndExceptUseUnionSemanticsAndOneEncoding() {
    List<Socket> sockets = new ArrayList<>();
    io.onConnection(sockets::add);
    FakeConnection a = connect();
    FakeConnection b = connect();
    FakeConnection c = connect();
    sockets.get(0).join("r1");
    sockets.get(1).join("r1", "r2");
    sockets.get(2).join("r2");

    io.to("r1").to("r2").emit("x", 1);
    assertThat(a.take()).containsExactly("2[\"x\",1]");
    assertThat(b.take()).containsExactly("2[\"x\",1]");
    assertThat(c.take()).containsExactly("2[\"x\",1]");
    assertThat(a.sentPackets.get(a.sentPackets.size() - 1))
        .as("one encoding shared by every recipient")
        .isSameAs(b.sentPackets.get(b.sentPackets.size() - 1));

    io.to("r2").except("r1").emit("y");
    assertThat(a.take()).isEmpty();
    assertThat(b.take()).isEmpty();
    assertThat(c.take()).containsExactly("2[\"y\"]");

    sockets.get(1).to("r1").emit("z");
    assertThat(a.take()).containsExactly("2[\"z\"]");
    assertThat(b.take()).as("the sender is excluded").isEmpty();

    io.except(sockets.get(0).id()).emit("w");
    assertThat(a.take()).isEmpty();
    assertThat(b.take()).containsExactly("2[\"w\"]");

    sockets.get(1).leave("r1");
    assertThat(sockets.get(1).rooms()).containsExactlyInAnyOrder(sockets.get(1).id(), "r2");
  }

  @Test
  void broadcastAcksAreCollectedFromEveryRecipient() {
    FakeConnection a = connect();
    FakeConnection b = connect();
    CompletableFuture<List<Arguments>> replies = io.timeout(Duration.ofSeconds(1)).emitWithAck("ping");
    String packetA = a.take().get(0);
    assertThat(packetA).matches("2\\d+\\[\"ping\"\\]");
    String id = packetA.substring(1, packetA.indexOf('['));
    assertThat(b.take()).containsExactly(packetA);
    a.send("3" + id + "[\"a\"]");
    assertThat(replies).isNotDone();
    b.send("3" + id + "[\"b\"]");
    assertThat(replies).isCompleted();
    assertThat(replies.join()).extracting(args -> args.text(0)).containsExactlyInAnyOrder("a", "b");

    CompletableFuture<List<Arguments>> partial = io.timeout(Duration.ofSeconds(1)).emitWithAck("ping");
    String p = a.take().get(0);
    a.send("3" + p.substring(1, p.indexOf('[')) + "[1]");
    scheduler.advanceBy(Duration.ofSeconds(1));
    assertThat(partial).isCompletedExceptionally();
    partial.exceptionally(e -> {
      assertThat(e).isInstanceOf(AckTimeoutException.class);
      assertThat(((AckTimeoutException) e).responses()).hasSize(1);
      return null;
    }).join();
  }

  @Test
  void serverUtilitiesWorkOnSelections() {
    List<Socket> sockets = new ArrayList<>();
    io.onConnection(socket -> {
      sockets.add(socket);
      socket.data().put("name", "user" + sockets.size());
    });
    FakeConnection a = connect();
    FakeConnection b = connect();
    sockets.get(0).join("room");

    List<RemoteSocket> all = io.fetchSockets().join();
    assertThat(all).extracting(RemoteSocket::id).containsExactlyInAnyOrder(sockets.get(0).id(), sockets.get(1).id());
    assertThat(io.in("room").fetchSockets().join()).singleElement().satisfies(r -> {
      assertThat(r.data().get("name").asText()).isEqualTo("user1");
      assertThat(r.rooms()).contains("room");
    });

    io.in("room").socketsJoin("vip");
    assertThat(sockets.get(0).rooms()).contains("vip");
    assertThat(sockets.get(1).rooms()).doesNotContain("vip");
    io.socketsLeave("room");
    assertThat(sockets.get(0).rooms()).doesNotContain("room");

    io.fetchSockets().join().stream().filter(r -> r.id().equals(sockets.get(1).id())).findFirst().get().emit("hi");
    assertThat(b.take()).containsExactly("2[\"hi\"]");

    io.in("vip").disconnectSockets(false);
    assertThat(a.take()).containsExactly("1");
    assertThat(sockets.get(0).connected()).isFalse();
    assertThat(a.closed).isFalse();
    io.disconnectSockets(true);
    assertThat(b.closed).isTrue();
  }

  @Test
  void dynamicNamespacesAreCreatedOnDemand() {
    List<String> joined = new ArrayList<>();
    io.of(Pattern.compile("/team-\\d+")).onConnection(socket -> joined.add(socket.namespace().name()));
    FakeConnection c = FakeConnection.open(io, scheduler).send("0/team-42,");
    assertThat(c.take()).singleElement().asString().startsWith("0/team-42,");
    assertThat(joined).containsExactly("/team-42");
    assertThat(io.namespaces()).containsKey("/team-42");
    c.send("0/team-x,");
    assertThat(c.take()).containsExactly("4/team-x,{\"message\":\"Invalid namespace\"}");
  }

  @Test
  void volatileEmitsAreDroppedWhenTheConnectionCannotSend() {
    List<Socket> sockets = new ArrayList<>();
    io.onConnection(sockets::add);
    FakeConnection c = connect();
    c.writable = false;
    assertThat(sockets.get(0).asVolatile().emit("v", 1)).isFalse();
    io.asVolatile().emit("v", 2);
    assertThat(c.take()).isEmpty();
    assertThat(sockets.get(0).emit("n", 3)).isTrue();
    assertThat(c.take()).containsExactly("2[\"n\",3]");
  }

  @Test
  void reservedEventNamesCannotBeEmitted() {
    List<Socket> sockets = new ArrayList<>();
    io.onConnection(sockets::add);
    connect();
    assertThatIllegalArgumentException().isThrownBy(() -> sockets.get(0).emit("disconnect"));
    assertThatIllegalArgumentException().isThrownBy(() -> io.emit("connect"));
  }

  @Test
  void emitsAfterDisconnectReturnFalse() {
    List<Socket> sockets = new ArrayList<>();
    io.onConnection(sockets::add);
    FakeConnection c = connect();
    c.drop("transport close");
    assertThat(sockets.get(0).emit("late")).isFalse();
    assertThat(sockets.get(0).emitWithAck("late")).isCompletedExceptionally();
  }

  @Test
  void typedHandlersAndCatchAllListeners() {
    List<String> seen = new ArrayList<>();
    io.of("/typed").onConnection(socket -> {
      socket.onAny((event, args) -> seen.add("any " + event + " " + args));
      socket.on("move", Move.class, (move, ack) -> seen.add("move " + move.x + "," + move.y));
      socket.onAnyOutgoing((event, args) -> seen.add("out " + event));
      socket.use((event, args, next) -> {
        if (event.equals("blocked")) {
          next.fail(new IllegalStateException("blocked"));
        } else {
          next.proceed();
        }
      });
      socket.onError(e -> seen.add("error " + e.getMessage()));
      socket.emit("hello");
    });
    FakeConnection c = FakeConnection.open(io, scheduler).send("0/typed,");
    c.send("2/typed,[\"move\",{\"x\":1,\"y\":2}]").send("2/typed,[\"blocked\"]");
    assertThat(seen).containsExactly("out hello", "any move [{\"x\":1,\"y\":2}]", "move 1,2", "error blocked");
  }

  /** A payload type for typed handlers. */
  public static final class Move {
    public int x;
    public int y;
  }

  @Test
  void legacyClientsJoinTheMainNamespaceImplicitly() {
    io.of("/auth").use((socket, next) -> {
      if (!"ok".equals(socket.handshake().auth().path("token").asText())) {
        throw new ConnectError("not authorized", Map.of("content", "Please retry later"));
      }
      next.proceed();
    });
    io.of("/plain-err").use((socket, next) -> next.fail(new ConnectError("plain")));
    FakeConnection c = FakeConnection.open(io, scheduler, EngineVersion.V3);
    assertThat(c.take()).containsExactly("0", "2[\"auth\",{}]");
    c.send("0/auth?token=ok,");
    assertThat(c.take()).containsExactly("0/auth,");
    c.send("0/plain-err,");
    assertThat(c.take()).containsExactly("4/plain-err,\"plain\"");
    assertThat(io.of("/auth").sockets().keySet()).singleElement().asString().isEqualTo("/auth#" + c.id);
  }

  @Test
  void closingTheServerDisconnectsEverySocket() {
    FakeConnection c = connect();
    io.close();
    assertThat(events).containsExactly("disconnecting server shutting down 1", "disconnect server shutting down");
    assertThat(c.closed).isTrue();
  }

  @Test
  void binaryArgumentsFromTheApplicationBecomeAttachments() {
    List<Socket> sockets = new ArrayList<>();
    io.of("/srv").onConnection(sockets::add);
    FakeConnection c = FakeConnection.open(io, scheduler).send("0/srv,");
    c.take();
    sockets.get(0).emit("bin", new byte[] {1, 2}, Map.of("nested", List.of(new byte[] {3})));
    assertThat(c.take()).containsExactly(
        "52-/srv,[\"bin\",{\"_placeholder\":true,\"num\":0},{\"nested\":[{\"_placeholder\":true,\"num\":1}]}]",
        "<01 02>", "<03>");
  }
}
