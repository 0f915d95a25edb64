package io.socketeer.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketeer.protocol.internal.JsJson;
import io.socketeer.testkit.FakeScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Connection state recovery in virtual time, following the digest's wire example (SOCKET_IO.md 11). */
class ConnectionStateRecoveryTest {
  private FakeScheduler scheduler;
  private SocketIoServer io;
  private final List<Socket> sockets = new ArrayList<>();

  @BeforeEach
  void setUp() {
    scheduler = new FakeScheduler();
    io = SocketIoServer.create(ServerOptions.builder()
        .connectionStateRecovery(RecoveryOptions.defaults()).build(), scheduler);
    io.use((socket, next) -> {
      if (socket.handshake().auth().path("token").asText().equals("blocked")) {
        throw new ConnectError("blocked");
      }
      next.proceed();
    });
    io.onConnection(socket -> {
      sockets.add(socket);
      socket.on("echo", (args, ack) -> socket.emit("echo", args.values()));
    });
  }

  private static String field(String connectReply, String name) throws Exception {
    return JsJson.parse(connectReply.substring(1)).get(name).asText();
  }

  private static String lastArg(String eventPacket) throws Exception {
    var array = JsJson.parse(eventPacket.substring(eventPacket.indexOf('[')));
    return array.get(array.size() - 1).asText();
  }

  @Test
  void aReconnectingClientGetsItsIdRoomsDataAndMissedPacketsBack() throws Exception {
    FakeConnection a = FakeConnection.open(io, scheduler).send("0");
    String reply = a.take().get(0);
    String sid = field(reply, "sid");
    String pid = field(reply, "pid");
    assertThat(pid).hasSize(20).isNotEqualTo(sid);
    Socket first = sockets.get(0);
    first.join("room1");
    first.data().put("user", "ada");

    a.send("2[\"echo\",\"a\"]");
    String echo = a.take().get(0);
    assertThat(echo).startsWith("2[\"echo\",\"a\",\"");
    String offset = lastArg(echo);

    a.drop("transport close");
    io.emit("news", 1);
    io.to("room1").emit("room-news", 2);
    io.to("other").emit("not-for-us", 3);
    io.except("room1").emit("not-for-us", 4);

    FakeConnection c = FakeConnection.open(io, scheduler)
        .send("0{\"pid\":\"" + pid + "\",\"offset\":\"" + offset + "\",\"token\":\"t\"}");
    List<String> sent = c.take();
    assertThat(sent).hasSize(3);
    assertThat(sent.get(0)).startsWith("2[\"news\",1,\"");
    assertThat(sent.get(1)).startsWith("2[\"room-news\",2,\"");
    assertThat(field(sent.get(2), "sid")).isEqualTo(sid);
    assertThat(field(sent.get(2), "pid")).isEqualTo(pid);

    Socket recovered = sockets.get(1);
    assertThat(recovered.recovered()).isTrue();
    assertThat(recovered.id()).isEqualTo(sid);
    assertThat(recovered.rooms()).containsExactlyInAnyOrder(sid, "room1");
    assertThat(recovered.data().get("user").asText()).isEqualTo("ada");
    assertThat(recovered.handshake().auth().get("token").asText()).isEqualTo("t");
  }

  @Test
  void noRecoveryAfterTheMaximumDisconnectionDuration() throws Exception {
    FakeConnection a = FakeConnection.open(io, scheduler).send("0");
    String pid = field(a.take().get(0), "pid");
    sockets.get(0).emit("x");
    String offset = lastArg(a.take().get(0));
    a.drop("ping timeout");
    scheduler.advanceBy(Duration.ofMinutes(2).plusMillis(1));
    FakeConnection c = FakeConnection.open(io, scheduler)
        .send("0{\"pid\":\"" + pid + "\",\"offset\":\"" + offset + "\"}");
    assertThat(field(c.take().get(0), "pid")).isNotEqualTo(pid);
    assertThat(sockets.get(1).recovered()).isFalse();
  }

  @Test
  void noRecoveryForAnUnknownOffsetOrADeliberateDisconnect() throws Exception {
    FakeConnection a = FakeConnection.open(io, scheduler).send("0");
    String pid = field(a.take().get(0), "pid");
    a.drop("transport close");
    FakeConnection c = FakeConnection.open(io, scheduler).send("0{\"pid\":\"" + pid + "\",\"offset\":\"nope\"}");
    assertThat(field(c.take().get(0), "pid")).isNotEqualTo(pid);

    FakeConnection d = FakeConnection.open(io, scheduler).send("0");
    String pid2 = field(d.take().get(0), "pid");
    sockets.get(sockets.size() - 1).emit("x");
    String offset = lastArg(d.take().get(0));
    d.send("1"); // the client left the namespace on purpose: nothing is kept
    FakeConnection e = FakeConnection.open(io, scheduler)
        .send("0{\"pid\":\"" + pid2 + "\",\"offset\":\"" + offset + "\"}");
    assertThat(sockets.get(sockets.size() - 1).recovered()).isFalse();
    assertThat(e.take().get(0)).doesNotContain(pid2);
  }

  @Test
  void acksAndVolatileEmitsCarryNoOffset() {
    FakeConnection a = FakeConnection.open(io, scheduler).send("0");
    a.take();
    sockets.get(0).emitWithAck("question", 1);
    assertThat(a.take()).containsExactly("20[\"question\",1]");
    sockets.get(0).asVolatile().emit("v", 2);
    assertThat(a.take()).containsExactly("2[\"v\",2]");
  }

  @Test
  void recoveredSocketsSkipMiddlewaresByDefault() throws Exception {
    FakeConnection a = FakeConnection.open(io, scheduler).send("0");
    String pid = field(a.take().get(0), "pid");
    sockets.get(0).emit("x");
    String offset = lastArg(a.take().get(0));
    a.drop("transport error");
    FakeConnection c = FakeConnection.open(io, scheduler)
        .send("0{\"pid\":\"" + pid + "\",\"offset\":\"" + offset + "\",\"token\":\"blocked\"}");
    assertThat(c.take()).singleElement().asString().startsWith("0{\"sid\"");
    assertThat(sockets.get(1).recovered()).isTrue();
  }
}
