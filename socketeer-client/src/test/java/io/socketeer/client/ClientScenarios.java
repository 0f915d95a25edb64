package io.socketeer.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The client scenarios, run against any server that implements the handlers of {@code
 * interop/client-scenarios-server.js}: the official Node server ({@link NodeServerIT}) and ours
 * ({@link SocketeerServerIT}).
 */
abstract class ClientScenarios {
  static final Duration WAIT = Duration.ofSeconds(10);

  SocketIoClient client;

  /** Returns the server's base URL, e.g. {@code http://127.0.0.1:3000}. */
  abstract String url();

  String url(String namespace) {
    return url() + namespace;
  }

  @BeforeEach
  void createClient() {
    client = SocketIoClient.create(2, 2);
  }

  @AfterEach
  void closeClient() {
    client.close();
  }

  /** A POJO with a binary field, mapped by Jackson both ways. */
  public static final class Blob {
    public String name;
    public byte[] data;

    public Blob() {}

    Blob(String name, byte[] data) {
      this.name = name;
      this.data = data;
    }
  }

  static ClientOptions.Builder options() {
    return ClientOptions.builder()
        .reconnectionDelay(Duration.ofMillis(100))
        .reconnectionDelayMax(Duration.ofMillis(300));
  }

  static void awaitConnected(Socket socket) {
    await().atMost(WAIT).until(socket::connected);
  }

  static Arguments ack(Emitter emitter, String event, Object... args) throws Exception {
    return emitter.emitWithAck(event, args).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"polling,websocket", "polling", "websocket"})
  void connectsEmitsAndReceivesOverEachTransport(String transports) throws Exception {
    ClientOptions opts = options().transports(transports.split(",")).build();
    Socket socket = client.socket(url(), opts);
    BlockingQueue<Arguments> echoes = new LinkedBlockingQueue<>();
    socket.on("echo", (args, a) -> echoes.add(args));
    awaitConnected(socket);
    assertThat(socket.id()).hasSize(20);

    Arguments reply = ack(socket, "echo", "hello", 42, Map.of("k", List.of(true)));
    assertThat(reply.string(0)).isEqualTo("hello");
    assertThat(reply.get(1).asInt()).isEqualTo(42);
    assertThat(reply.get(2).path("k").get(0).asBoolean()).isTrue();

    assertThat(socket.emit("echo", "no ack")).isTrue();
    Arguments echoed = echoes.poll(10, TimeUnit.SECONDS);
    assertThat(echoed).isNotNull();
    assertThat(echoed.string(0)).isEqualTo("no ack");

    String expected = transports.endsWith("websocket") ? "websocket" : "polling";
    await().atMost(WAIT).until(() -> expected.equals(socket.manager().transport()));
    assertThat(ack(socket, "echo", "after upgrade").string(0)).isEqualTo("after upgrade");
  }

  @Test
  void acknowledgesServerEmitsWithAck() throws Exception {
    Socket socket = client.socket(url(), options().build());
    socket.on("question", (args, ack) -> {
      assertThat(ack.requested()).isTrue();
      ack.send("answer to " + args.string(0));
    });
    BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    socket.on("answer", (args, ack) -> answers.add(args.string(0)));
    awaitConnected(socket);
    socket.emit("ask", "life");
    assertThat(answers.poll(10, TimeUnit.SECONDS)).isEqualTo("answer to life");
  }

  @Test
  void sendsAndReceivesBinaryAnywhere() throws Exception {
    Socket socket = client.socket(url(), options().build());
    BlockingQueue<Arguments> back = new LinkedBlockingQueue<>();
    socket.on("binary-back", (args, ack) -> back.add(args));
    awaitConnected(socket);

    byte[] raw = {0, 1, 2, (byte) 255};
    Arguments reply = ack(socket, "echo", raw, new Blob("pojo", new byte[] {9, 8}), List.of(Map.of("deep", new byte[] {7})));
    assertThat(reply.bytes(0)).containsExactly(raw);
    Blob blob = reply.get(1, Blob.class);
    assertThat(blob.name).isEqualTo("pojo");
    assertThat(blob.data).containsExactly(9, 8);
    assertThat(reply.get(2).get(0).get("deep").binaryValue()).containsExactly(7);

    socket.emit("binary");
    Arguments b = back.poll(10, TimeUnit.SECONDS);
    assertThat(b).isNotNull();
    assertThat(b.bytes(0)).containsExactly(1, 2, 3);
    assertThat(b.get(1).path("nested").path("buf").binaryValue()).containsExactly(4, 5);
    assertThat(b.get(1).path("n").asInt()).isEqualTo(1);
  }

  @Test
  void multiplexesNamespacesOverOneEngineConnection() throws Exception {
    Socket main = client.socket(url(), options().build());
    Socket admin = client.socket(url("/admin"), options().build());
    awaitConnected(main);
    awaitConnected(admin);
    assertThat(admin.manager()).isSameAs(main.manager());
    assertThat(admin.namespace()).isEqualTo("/admin");
    assertThat(admin.id()).isNotEqualTo(main.id());
    String engineId = ack(main, "engine-id").string(0);
    assertThat(ack(admin, "engine-id").string(0)).isEqualTo(engineId);
    assertThat(ack(admin, "echo", "from admin").string(0)).isEqualTo("from admin");

    Socket separate = client.socket(url("/admin"), options().build());
    assertThat(separate.manager()).isNotSameAs(main.manager());
    awaitConnected(separate);
    assertThat(ack(separate, "engine-id").string(0)).isNotEqualTo(engineId);
    separate.disconnect();
  }

  @Test
  void middlewareRejectionReportsConnectErrorWithData() throws Exception {
    Socket socket = client.socket(url("/private"), options().forceNew(true).build());
    CompletableFuture<SocketIoException> error = new CompletableFuture<>();
    socket.onConnectError(error::complete);
    SocketIoException e = error.get(10, TimeUnit.SECONDS);
    assertThat(e.getMessage()).isEqualTo("not authorized");
    assertThat(e.data().path("reason").asText()).isEqualTo("no token");
    await().atMost(WAIT).until(() -> !socket.active());
    assertThat(socket.connected()).isFalse();

    AtomicInteger calls = new AtomicInteger();
    Socket allowed =
        client.socket(
            url("/private"),
            options().forceNew(true).authSupplier(() -> Map.of("token", "secret", "n", calls.incrementAndGet())).build());
    awaitConnected(allowed);
    JsonNode auth = ack(allowed, "handshake").get(0).path("auth");
    assertThat(auth.path("token").asText()).isEqualTo("secret");
    assertThat(auth.path("n").asInt()).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"polling,websocket", "polling", "websocket"})
  void serverDisconnectDoesNotReconnect(String transports) throws Exception {
    Socket socket = client.socket(url(), options().forceNew(true).transports(transports.split(",")).build());
    AtomicInteger attempts = new AtomicInteger();
    socket.manager().addListener(new ManagerListener() {
      @Override
      public void onReconnectAttempt(int attempt) {
        attempts.incrementAndGet();
      }
    });
    CompletableFuture<String> reason = new CompletableFuture<>();
    socket.onDisconnect(reason::complete);
    awaitConnected(socket);
    socket.emit("kick");
    assertThat(reason.get(10, TimeUnit.SECONDS)).isEqualTo("io server disconnect");
    assertThat(socket.active()).isFalse();
    Thread.sleep(800);
    assertThat(socket.connected()).isFalse();
    assertThat(attempts.get()).isZero();
    assertThat(socket.manager().state()).isEqualTo(Manager.State.CLOSED);
  }

  @Test
  void clientDisconnectReportsIoClientDisconnect() throws Exception {
    Socket socket = client.socket(url(), options().forceNew(true).build());
    CompletableFuture<String> reason = new CompletableFuture<>();
    socket.onDisconnect(reason::complete);
    awaitConnected(socket);
    socket.disconnect();
    assertThat(reason.get(10, TimeUnit.SECONDS)).isEqualTo("io client disconnect");
    assertThat(socket.active()).isFalse();
    socket.connect();
    awaitConnected(socket);
  }

  @Test
  void bufferedEmitsAreSentInOrderAfterConnectingAndVolatileOnesDropped() throws Exception {
    Socket socket = client.socket(url(), options().forceNew(true).autoConnect(false).build());
    assertThat(socket.emit("first", 1)).isTrue();
    assertThat(socket.asVolatile().emit("volatile", 2)).isFalse();
    assertThat(socket.emit("second", 3)).isTrue();
    CompletableFuture<Arguments> acked = socket.emitWithAck("echo", "third");
    socket.connect();
    assertThat(acked.get(10, TimeUnit.SECONDS).string(0)).isEqualTo("third");
    JsonNode received = ack(socket, "received").get(0);
    assertThat(received.toString()).isEqualTo("[[\"first\",1],[\"second\",3],[\"echo\",\"third\"]]");
  }

  @Test
  void ackTimesOutWhenTheServerNeverAnswers() {
    Socket socket = client.socket(url(), options().build());
    awaitConnected(socket);
    CompletableFuture<Arguments> f = socket.timeout(Duration.ofMillis(200)).emitWithAck("nobody-listens");
    assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(SocketIoException.class)
        .hasRootCauseMessage("operation has timed out");
  }

  @Test
  void retriesDeliverEachEmitInOrderOneAtATime() throws Exception {
    Socket socket =
        client.socket(
            url(),
            options().forceNew(true).retries(3).ackTimeout(Duration.ofMillis(300)).build());
    awaitConnected(socket);
    ack(socket, "retry-seen"); // clears the server's record
    List<String> acks = Collections.synchronizedList(new ArrayList<>());
    List<CompletableFuture<Arguments>> futures = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      futures.add(socket.emitWithAck("retry", i));
    }
    for (CompletableFuture<Arguments> f : futures) {
      acks.add(f.get(10, TimeUnit.SECONDS).string(0));
    }
    assertThat(acks).containsExactly("ok-0", "ok-1", "ok-2", "ok-3", "ok-4", "ok-5");
    // Even values lose their first ack and are sent again; nothing overtakes a retried packet.
    JsonNode seen = ack(socket.timeout(Duration.ofSeconds(5)), "retry-seen").get(0);
    assertThat(seen.toString()).isEqualTo("[0,0,1,2,2,3,4,4,5]");
  }

  @Test
  void sendsQueryExtraHeadersAuthAndCookies() throws Exception {
    Socket socket =
        client.socket(
            url() + "?fromUrl=1",
            options()
                .forceNew(true)
                .query("room", "a b")
                .extraHeader("X-Custom", "yes")
                .auth(Map.of("token", "t1"))
                .build());
    awaitConnected(socket);
    JsonNode hs = ack(socket, "handshake").get(0);
    assertThat(hs.path("query").path("room").asText()).isEqualTo("a b");
    assertThat(hs.path("query").path("fromUrl").asText()).isEqualTo("1");
    assertThat(hs.path("query").path("EIO").asText()).isEqualTo("4");
    assertThat(hs.path("query").has("t")).isTrue();
    assertThat(hs.path("headers").path("x-custom").asText()).isEqualTo("yes");
    assertThat(hs.path("auth").path("token").asText()).isEqualTo("t1");
  }

  @Test
  void listenersForAnyEventAndTypedArguments() throws Exception {
    Socket socket = client.socket(url(), options().forceNew(true).build());
    List<String> order = Collections.synchronizedList(new ArrayList<>());
    socket.onAny((event, args) -> order.add("any:" + event));
    socket.prependAny((event, args) -> order.add("first:" + event));
    List<String> outgoing = Collections.synchronizedList(new ArrayList<>());
    socket.onAnyOutgoing((event, args) -> outgoing.add(event));
    CompletableFuture<Blob> typed = new CompletableFuture<>();
    socket.on("echo", Blob.class, (blob, ack) -> typed.complete(blob));
    awaitConnected(socket);
    socket.emit("echo", new Blob("typed", new byte[] {1}));
    Blob b = typed.get(10, TimeUnit.SECONDS);
    assertThat(b.name).isEqualTo("typed");
    assertThat(b.data).containsExactly(1);
    await().atMost(WAIT).until(() -> order.contains("any:echo"));
    assertThat(order.indexOf("first:echo")).isLessThan(order.indexOf("any:echo"));
    assertThat(outgoing).contains("echo");
    socket.offAny();
  }

  @Test
  void afterCloseEmitsReturnFalseOrFailAndNothingThrows() throws Exception {
    SocketIoClient other = SocketIoClient.create(1, 1);
    Socket socket = other.socket(url(), options().forceNew(true).build());
    CompletableFuture<String> reason = new CompletableFuture<>();
    socket.onDisconnect(reason::complete);
    awaitConnected(socket);
    CompletableFuture<Arguments> pending = socket.emitWithAck("nobody-listens");
    other.close();
    assertThat(other.isClosed()).isTrue();
    assertThat(reason.get(10, TimeUnit.SECONDS)).isEqualTo("forced close");
    assertThat(socket.connected()).isFalse();
    assertThat(socket.emit("late")).isFalse();
    assertThatThrownBy(() -> socket.emitWithAck("late").get(10, TimeUnit.SECONDS))
        .hasRootCauseInstanceOf(SocketIoException.class);
    assertThatThrownBy(() -> pending.get(10, TimeUnit.SECONDS))
        .hasRootCauseInstanceOf(SocketIoException.class);
    socket.connect();
    socket.disconnect();
    other.close();
    assertThatThrownBy(() -> other.socket(url())).isInstanceOf(IllegalStateException.class);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"polling,websocket", "polling", "websocket"})
  void recoversTheSessionAndReplaysMissedPackets(String transports) throws Exception {
    Socket socket = client.socket(url(), options().forceNew(true).transports(transports.split(",")).build());
    BlockingQueue<Arguments> missed = new LinkedBlockingQueue<>();
    socket.on("missed", (args, ack) -> missed.add(args));
    BlockingQueue<String> reasons = new LinkedBlockingQueue<>();
    socket.onDisconnect(reasons::add);
    CompletableFuture<Void> welcomed = new CompletableFuture<>();
    socket.on("welcome", (args, ack) -> welcomed.complete(null));
    awaitConnected(socket);
    welcomed.get(10, TimeUnit.SECONDS);
    String id = socket.id();
    assertThat(socket.recovered()).isFalse();

    socket.emit("drop-and-miss", 3);
    assertThat(reasons.poll(10, TimeUnit.SECONDS)).isEqualTo("transport close");
    awaitConnected(socket);
    await().atMost(WAIT).until(() -> missed.size() == 3);
    assertThat(socket.recovered()).isTrue();
    assertThat(socket.id()).isEqualTo(id);
    List<Integer> values = new ArrayList<>();
    for (Arguments a : missed) {
      values.add(a.get(0).asInt());
      assertThat(a.size()).isEqualTo(2); // the value, then the offset added by the server
    }
    assertThat(values).containsExactly(0, 1, 2);
  }

}
