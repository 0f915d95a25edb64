package io.socketeer.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketeer.client.AckCallback;
import io.socketeer.client.Arguments;
import io.socketeer.client.ClientOptions;
import io.socketeer.client.Manager;
import io.socketeer.client.ManagerListener;
import io.socketeer.client.Socket;
import io.socketeer.client.SocketIoException;
import io.socketeer.testkit.FakeScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Manager and Socket logic in virtual time, over fake transports. */
class DefaultManagerTest {
  private final FakeScheduler scheduler = new FakeScheduler();
  private final FakeTransports transports = new FakeTransports();
  private final List<String> events = new ArrayList<>();
  private int closedCount;

  private DefaultManager manager(ClientOptions.Builder options) {
    DefaultManager m =
        new DefaultManager(
            options.transports("websocket").randomizationFactor(0).build(),
            scheduler,
            mgr -> transports,
            Runnable::run,
            () -> 0.0,
            new AtomicBoolean(),
            new DefaultManager.Lifecycle() {
              @Override
              public void opened(DefaultManager manager) {}

              @Override
              public void closed(DefaultManager manager) {
                closedCount++;
              }
            });
    m.addListener(
        new ManagerListener() {
          @Override
          public void onError(SocketIoException error) {
            events.add("error:" + error.getMessage());
          }

          @Override
          public void onReconnectAttempt(int attempt) {
            events.add("reconnect_attempt:" + attempt);
          }

          @Override
          public void onReconnect(int attempt) {
            events.add("reconnect:" + attempt);
          }

          @Override
          public void onReconnectError(SocketIoException error) {
            events.add("reconnect_error:" + error.getMessage());
          }

          @Override
          public void onReconnectFailed() {
            events.add("reconnect_failed");
          }
        });
    return m;
  }

  private Socket socket(DefaultManager m, String nsp) {
    Socket s = m.socket(nsp);
    s.onConnect(() -> events.add("connect"));
    s.onDisconnect(r -> events.add("disconnect:" + r));
    s.onConnectError(e -> events.add("connect_error:" + e.getMessage() + (e.data() == null ? "" : e.data())));
    return s;
  }

  private FakeTransport openEngine() {
    FakeTransport t = transports.last();
    t.handshake("E" + transports.created.size(), "[]", 25000, 20000);
    return t;
  }

  @Test
  void buffersBothWaysUntilTheConnectReply() {
    DefaultManager m = manager(ClientOptions.builder());
    Socket s = socket(m, "/");
    s.on("early", (args, ack) -> events.add("early:" + args.get(0)));
    assertThat(s.emit("a", 1)).isTrue();
    FakeTransport t = openEngine();
    assertThat(t.sent).containsExactly("40");
    t.receive("42[\"early\",7]");
    assertThat(events).isEmpty();
    t.receive("40{\"sid\":\"X1\"}");
    assertThat(s.connected()).isTrue();
    assertThat(s.id()).isEqualTo("X1");
    assertThat(t.sent).containsExactly("40", "42[\"a\",1]");
    // As the reference: buffered events first, then "connect".
    assertThat(events).containsExactly("early:7", "connect");
  }

  @Test
  void namespacesShareTheEngineAndConnectSeparately() {
    DefaultManager m = manager(ClientOptions.builder());
    Socket main = socket(m, "/");
    Socket admin = socket(m, "/admin");
    FakeTransport t = openEngine();
    assertThat(t.sent).containsExactly("40", "40/admin,");
    t.receive("40/admin,{\"sid\":\"A\"}");
    assertThat(admin.connected()).isTrue();
    assertThat(main.connected()).isFalse();
    admin.emit("x");
    assertThat(t.sent).last().isEqualTo("42/admin,[\"x\"]");
    assertThat(transports.created).hasSize(1);
  }

  @Test
  void reconnectsWithBackoffAndSendsRecoveryFieldsMergedWithAuth() {
    DefaultManager m = manager(ClientOptions.builder().auth(Map.of("token", "t")));
    Socket s = socket(m, "/");
    FakeTransport t = openEngine();
    assertThat(t.sent).containsExactly("40{\"token\":\"t\"}");
    t.receive("40{\"sid\":\"X1\",\"pid\":\"P\"}");
    t.receive("42[\"news\",1,\"off1\"]");
    assertThat(s.recovered()).isFalse();
    t.dropByPeer();
    assertThat(events).containsExactly("connect", "disconnect:transport close");
    assertThat(m.state()).isEqualTo(Manager.State.RECONNECT_WAIT);

    scheduler.advanceBy(Duration.ofMillis(999));
    assertThat(transports.created).hasSize(1);
    scheduler.advanceBy(Duration.ofMillis(1));
    assertThat(transports.created).hasSize(2);
    FakeTransport t2 = openEngine();
    assertThat(t2.sent).containsExactly("40{\"pid\":\"P\",\"offset\":\"off1\",\"token\":\"t\"}");
    t2.receive("42[\"news\",2,\"off2\"]");
    t2.receive("40{\"sid\":\"X1\",\"pid\":\"P\"}");
    assertThat(s.recovered()).isTrue();
    assertThat(events)
        .containsExactly(
            "connect", "disconnect:transport close", "reconnect_attempt:1", "reconnect:1", "connect");
  }

  @Test
  void backoffDoublesAcrossFailedAttemptsAndGivesUpAfterTheLimit() {
    DefaultManager m = manager(ClientOptions.builder().reconnectionAttempts(2));
    socket(m, "/");
    openEngine().dropByPeer();
    scheduler.advanceBy(Duration.ofMillis(1000));
    transports.last().fail("websocket error");
    // Second attempt: 2000 ms later, not before.
    scheduler.advanceBy(Duration.ofMillis(1999));
    assertThat(transports.created).hasSize(2);
    scheduler.advanceBy(Duration.ofMillis(1));
    assertThat(transports.created).hasSize(3);
    transports.last().fail("websocket error");
    scheduler.advanceBy(Duration.ofSeconds(60));
    assertThat(transports.created).hasSize(3);
    assertThat(events)
        .containsExactly(
            "disconnect:transport close",
            "reconnect_attempt:1",
            "error:websocket error",
            "connect_error:websocket error",
            "reconnect_error:websocket error",
            "reconnect_attempt:2",
            "error:websocket error",
            "connect_error:websocket error",
            "reconnect_failed",
            "reconnect_error:websocket error");
  }

  @Test
  void openTimesOutAfterTheTimeoutOption() {
    DefaultManager m = manager(ClientOptions.builder().timeout(Duration.ofSeconds(5)).reconnection(false));
    Socket s = socket(m, "/");
    scheduler.advanceBy(Duration.ofMillis(4999));
    assertThat(events).isEmpty();
    scheduler.advanceBy(Duration.ofMillis(1));
    assertThat(events).containsExactly("error:timeout", "connect_error:timeout");
    assertThat(s.connected()).isFalse();
    assertThat(transports.last().closedPolitely).isTrue();
  }

  @Test
  void ackTimeoutFailsAtExactlyTheTimeoutAndLateAcksAreIgnored() {
    DefaultManager m = manager(ClientOptions.builder());
    Socket s = socket(m, "/");
    FakeTransport t = openEngine();
    t.receive("40{\"sid\":\"X\"}");
    CompletableFuture<Arguments> f = s.timeout(Duration.ofSeconds(1)).emitWithAck("q");
    assertThat(t.sent).last().isEqualTo("420[\"q\"]");
    scheduler.advanceBy(Duration.ofMillis(999));
    assertThat(f).isNotDone();
    scheduler.advanceBy(Duration.ofMillis(1));
    assertThat(f).isCompletedExceptionally();
    assertThat(f.handle((v, e) -> e.getMessage()).join()).isEqualTo("operation has timed out");
    t.receive("430[\"late\"]");
    assertThat(s.connected()).isTrue();
  }

  @Test
  void ackIsDeliveredWithTheServersArguments() {
    DefaultManager m = manager(ClientOptions.builder());
    Socket s = socket(m, "/");
    FakeTransport t = openEngine();
    t.receive("40{\"sid\":\"X\"}");
    List<String> got = new ArrayList<>();
    s.emit("q", 1, (AckCallback) (err, args) -> got.add(err + ":" + args));
    t.receive("430[\"r\",2]");
    t.receive("430[\"again\"]");
    assertThat(got).containsExactly("null:[\"r\", 2]");
  }

  @Test
  void disconnectFailsAwaitedAcksButKeepsPlainCallbacks() {
    DefaultManager m = manager(ClientOptions.builder().reconnection(false));
    Socket s = socket(m, "/");
    FakeTransport t = openEngine();
    t.receive("40{\"sid\":\"X\"}");
    CompletableFuture<Arguments> f = s.emitWithAck("q");
    List<String> plain = new ArrayList<>();
    s.emit("p", (AckCallback) (err, args) -> plain.add("called"));
    t.dropByPeer();
    assertThat(f.handle((v, e) -> e.getMessage()).join()).isEqualTo("socket has been disconnected");
    assertThat(plain).isEmpty();
  }

  @Test
  void serverDisconnectEndsTheSocketWithoutReconnection() {
    DefaultManager m = manager(ClientOptions.builder());
    Socket s = socket(m, "/");
    FakeTransport t = openEngine();
    t.receive("40{\"sid\":\"X\"}");
    t.receive("41");
    assertThat(s.active()).isFalse();
    assertThat(events).containsExactly("connect", "disconnect:io server disconnect");
    scheduler.advanceBy(Duration.ofMinutes(5));
    assertThat(transports.created).hasSize(1);
    assertThat(m.state()).isEqualTo(Manager.State.CLOSED);
    assertThat(scheduler.pendingTasks()).isZero();
  }

  @Test
  void connectErrorCarriesTheMiddlewareDataAndStopsTheSocket() {
    DefaultManager m = manager(ClientOptions.builder());
    Socket s = socket(m, "/private");
    FakeTransport t = openEngine();
    assertThat(t.sent).containsExactly("40/private,");
    t.receive("44/private,{\"message\":\"nope\",\"data\":{\"a\":1}}");
    assertThat(events).containsExactly("connect_error:nope{\"a\":1}");
    assertThat(s.active()).isFalse();
  }

  @Test
  void retriesResendUntilAcknowledgedOneAtATime() {
    DefaultManager m = manager(ClientOptions.builder().retries(2).ackTimeout(Duration.ofSeconds(1)));
    Socket s = socket(m, "/");
    FakeTransport t = openEngine();
    t.receive("40{\"sid\":\"X\"}");
    CompletableFuture<Arguments> first = s.emitWithAck("a");
    CompletableFuture<Arguments> second = s.emitWithAck("b");
    assertThat(t.sent).containsExactly("40", "420[\"a\"]");
    scheduler.advanceBy(Duration.ofSeconds(1));
    assertThat(t.sent).containsExactly("40", "420[\"a\"]", "421[\"a\"]");
    t.receive("431[\"ok\"]");
    assertThat(first.join().string(0)).isEqualTo("ok");
    assertThat(t.sent).last().isEqualTo("422[\"b\"]");
    // Three tries in all (1 + 2 retries), then the error.
    scheduler.advanceBy(Duration.ofSeconds(3));
    assertThat(t.sent).containsExactly("40", "420[\"a\"]", "421[\"a\"]", "422[\"b\"]", "423[\"b\"]", "424[\"b\"]");
    assertThat(second.handle((v, e) -> e.getMessage()).join()).isEqualTo("operation has timed out");
  }

  @Test
  void volatileEventsAreDroppedWhileTheTransportIsNotWritable() {
    DefaultManager m = manager(ClientOptions.builder());
    Socket s = socket(m, "/");
    assertThat(s.asVolatile().emit("v")).isFalse();
    FakeTransport t = openEngine();
    t.receive("40{\"sid\":\"X\"}");
    assertThat(s.asVolatile().emit("v2")).isTrue();
    assertThat(t.sent).containsExactly("40", "42[\"v2\"]");
  }

  @Test
  void closeStopsEveryTimer() {
    DefaultManager m = manager(ClientOptions.builder().ackTimeout(Duration.ofSeconds(30)));
    Socket s = socket(m, "/");
    FakeTransport t = openEngine();
    t.receive("40{\"sid\":\"X\"}");
    s.emitWithAck("pending");
    assertThat(scheduler.pendingTasks()).isGreaterThan(0);
    m.close();
    assertThat(events).containsExactly("connect", "disconnect:forced close");
    assertThat(closedCount).isEqualTo(1);
    assertThat(scheduler.pendingTasks()).isZero();
    assertThat(t.closedPolitely).isTrue();
  }

  @Test
  void pingTimeoutDisconnectsAndReconnects() {
    DefaultManager m = manager(ClientOptions.builder());
    Socket s = socket(m, "/");
    FakeTransport t = openEngine();
    t.receive("40{\"sid\":\"X\"}");
    scheduler.advanceBy(Duration.ofMillis(45_000));
    assertThat(events).containsExactly("connect", "disconnect:ping timeout");
    scheduler.advanceBy(Duration.ofMillis(1000));
    assertThat(transports.created).hasSize(2);
    assertThat(s.active()).isTrue();
  }

  @Test
  void theOfflineSendBufferIsBounded() {
    DefaultManager m = manager(ClientOptions.builder().maxBufferedEmits(2));
    Socket s = socket(m, "/");
    assertThat(s.emit("a")).isTrue();
    assertThat(s.emit("b")).isTrue();
    assertThat(s.emit("c")).isFalse();
    CompletableFuture<Arguments> refused = s.emitWithAck("d");
    assertThat(refused.handle((v, e) -> e.getMessage()).join()).isEqualTo("send buffer full");
    FakeTransport t = openEngine();
    t.receive("40{\"sid\":\"X\"}");
    assertThat(t.sent).containsExactly("40", "42[\"a\"]", "42[\"b\"]");
  }

  @Test
  void aDroppedVolatileEmitFailsItsAck() {
    DefaultManager m = manager(ClientOptions.builder());
    Socket s = socket(m, "/");
    CompletableFuture<Arguments> f = s.asVolatile().emitWithAck("v");
    assertThat(f.handle((v, e) -> e.getMessage()).join()).isEqualTo("volatile event dropped");
  }

  @Test
  void reservedEventsCanBeHeardThroughOn() {
    DefaultManager m = manager(ClientOptions.builder().reconnection(false));
    Socket s = m.socket("/");
    List<String> heard = new ArrayList<>();
    s.on("connect", (args, ack) -> heard.add("connect" + args));
    s.on("disconnect", (args, ack) -> heard.add("disconnect" + args));
    s.on("connect_error", (args, ack) -> heard.add("connect_error" + args));
    FakeTransport t = openEngine();
    t.receive("44{\"message\":\"no\"}");
    s.connect();
    FakeTransport t2 = openEngine();
    t2.receive("40{\"sid\":\"X\"}");
    t2.dropByPeer();
    assertThat(heard)
        .containsExactly(
            "connect_error[{\"message\":\"no\"}]", "connect[]", "disconnect[\"transport close\"]");
  }
}
