package io.socketeer.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socketeer.protocol.socketio.EncodedSocketPacket;
import io.socketeer.protocol.spi.Scheduler;
import io.socketeer.server.Arguments;
import io.socketeer.server.RecoveryOptions;
import io.socketeer.server.spi.AdapterContext;
import io.socketeer.server.spi.SocketDetails;
import io.socketeer.testkit.FakeScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Node heartbeats of the cluster protocol, in virtual time, on an in-process bus: when heartbeats
 * are sent, when a silent node is given up, and that requests stop waiting for it.
 */
class ClusterHeartbeatTest {
  private static final Duration INTERVAL = Duration.ofSeconds(1);
  private static final Duration TIMEOUT = Duration.ofSeconds(3);
  private static final Duration REQUESTS = Duration.ofSeconds(10);
  private static final RedisAdapterOptions HEARTBEATS =
      RedisAdapterOptions.builder().heartbeat(INTERVAL, TIMEOUT).requestsTimeout(REQUESTS).build();
  private static final RedisAdapterOptions NO_HEARTBEATS =
      RedisAdapterOptions.builder().heartbeat(null, TIMEOUT).requestsTimeout(REQUESTS).build();

  private final FakeScheduler scheduler = new FakeScheduler();
  private final Bus bus = new Bus();

  @Test
  void heartbeatFollowsAnIntervalWithoutOtherMessages() {
    Node a = new Node("a", HEARTBEATS, null);
    List<Integer> types = bus.typesFrom(a);
    assertThat(types).containsExactly(ClusterCore.INITIAL_HEARTBEAT);
    scheduler.advanceBy(INTERVAL.minusMillis(1));
    assertThat(types).hasSize(1);
    scheduler.advanceBy(Duration.ofMillis(1));
    assertThat(types).containsExactly(ClusterCore.INITIAL_HEARTBEAT, ClusterCore.HEARTBEAT);
    // Any other message counts as a sign of life and pushes the next heartbeat back.
    scheduler.advanceBy(Duration.ofMillis(500));
    a.core.serverSideEmit(JsonNodeFactory.instance.arrayNode().add("hello"));
    scheduler.advanceBy(INTERVAL.minusMillis(1));
    assertThat(types).hasSize(3);
    scheduler.advanceBy(Duration.ofMillis(1));
    assertThat(types).containsExactly(ClusterCore.INITIAL_HEARTBEAT, ClusterCore.HEARTBEAT,
        ClusterCore.SERVER_SIDE_EMIT, ClusterCore.HEARTBEAT);
  }

  @Test
  void requestStopsWaitingForANodeThatFellSilentAtTheHeartbeatTimeout() {
    Node a = new Node("a", HEARTBEATS, null);
    new Node("b", HEARTBEATS, "b says hi");
    Node frozen = new Node("frozen", HEARTBEATS, null);
    scheduler.advanceBy(Duration.ofMillis(2500));
    // A stopped process: still subscribed in Redis' eyes, but silent.
    bus.freeze(frozen);
    long lastHeard = bus.lastDelivery(frozen);
    CompletableFuture<List<JsonNode>> replies = a.core.serverSideEmitWithAck(event()).toCompletableFuture();
    scheduler.runPending();
    assertThat(replies).isNotDone(); // b answered, the frozen node did not

    long untilTimeout = lastHeard + TIMEOUT.toNanos() - scheduler.nanoTime();
    scheduler.advanceBy(Duration.ofNanos(untilTimeout).minusMillis(1));
    assertThat(replies).isNotDone();
    scheduler.advanceBy(Duration.ofMillis(1));
    assertThat(replies).isCompleted();
    assertThat(replies.join()).extracting(JsonNode::asText).containsExactly("b says hi");
  }

  @Test
  void nodeThatNeverSentHeartbeatsIsWaitedForUntilTheRequestTimeout() {
    Node a = new Node("a", HEARTBEATS, null);
    new Node("silent", NO_HEARTBEATS, null); // as an official Node adapter: no heartbeats, no answer here
    scheduler.runPending();
    CompletableFuture<List<JsonNode>> replies = a.core.serverSideEmitWithAck(event()).toCompletableFuture();
    scheduler.advanceBy(REQUESTS.minusMillis(1));
    assertThat(replies).isNotDone();
    scheduler.advanceBy(Duration.ofMillis(1));
    assertThat(replies).isCompletedExceptionally();
    assertThatThrownBy(replies::join).hasRootCauseInstanceOf(TimeoutException.class)
        .hasRootCauseMessage("timeout reached: missing 1 responses");
  }

  @Test
  void adapterCloseEndsTheWaitAtOnce() {
    Node a = new Node("a", HEARTBEATS, null);
    Node mute = new Node("mute", HEARTBEATS, null);
    scheduler.runPending();
    CompletableFuture<List<JsonNode>> replies = a.core.serverSideEmitWithAck(event()).toCompletableFuture();
    scheduler.runPending();
    assertThat(replies).isNotDone();
    mute.core.close();
    bus.leave(mute);
    scheduler.runPending();
    assertThat(replies).isCompleted();
    assertThat(replies.join()).isEmpty();
  }

  @Test
  void closedNodeSendsNoMoreHeartbeats() {
    Node a = new Node("a", HEARTBEATS, null);
    a.core.close();
    List<Integer> types = bus.typesFrom(a);
    scheduler.advanceBy(INTERVAL.multipliedBy(5));
    assertThat(types).containsExactly(ClusterCore.INITIAL_HEARTBEAT, ClusterCore.ADAPTER_CLOSE);
  }

  private static ArrayNode event() {
    return JsonNodeFactory.instance.arrayNode().add("hello");
  }

  /** An in-process pub/sub: every message reaches the other members on the next scheduler turn. */
  private final class Bus {
    final List<TestCore> members = new ArrayList<>();
    final Map<TestCore, List<Integer>> published = new HashMap<>();
    final Map<TestCore, Long> lastDelivery = new HashMap<>();
    final List<TestCore> frozen = new ArrayList<>();

    List<Integer> typesFrom(Node node) {
      return published.computeIfAbsent(node.core, k -> new ArrayList<>());
    }

    void freeze(Node node) {
      frozen.add(node.core);
    }

    void leave(Node node) {
      members.remove(node.core);
    }

    long lastDelivery(Node node) {
      return lastDelivery.get(node.core);
    }

    void publish(TestCore from, ObjectNode message, String to) {
      if (frozen.contains(from)) {
        return;
      }
      published.computeIfAbsent(from, k -> new ArrayList<>()).add(message.path("type").asInt());
      for (TestCore member : List.copyOf(members)) {
        if (member != from && !frozen.contains(member) && (to == null || to.equals(member.uid))) {
          scheduler.execute(() -> {
            lastDelivery.put(from, scheduler.nanoTime());
            if (to == null) {
              member.onMessage(message.deepCopy(), null);
            } else {
              member.onResponse(message.deepCopy());
            }
          });
        }
      }
    }
  }

  private final class Node {
    final TestCore core;

    Node(String name, RedisAdapterOptions options, String reply) {
      core = new TestCore(new Context(reply), options);
      bus.members.add(core);
      core.start();
    }
  }

  private final class TestCore extends ClusterCore {
    TestCore(AdapterContext context, RedisAdapterOptions options) {
      super(context, options, false);
    }

    @Override
    CompletionStage<String> doPublish(ObjectNode message) {
      bus.publish(this, message, null);
      return CompletableFuture.completedFuture("");
    }

    @Override
    CompletionStage<?> doPublishResponse(String requesterUid, ObjectNode response) {
      bus.publish(this, response, requesterUid);
      return CompletableFuture.completedFuture(null);
    }

    @Override
    CompletionStage<Set<String>> liveNodes() {
      return CompletableFuture.completedFuture(bus.members.stream().map(m -> m.uid).collect(Collectors.toSet()));
    }

    @Override
    public CompletionStage<Integer> serverCount() {
      return CompletableFuture.completedFuture(bus.members.size());
    }
  }

  /** A namespace with no sockets whose server-side handler answers {@code reply}, or never. */
  private final class Context implements AdapterContext {
    private final String reply;
    private final AtomicLong ackIds = new AtomicLong();

    Context(String reply) {
      this.reply = reply;
    }

    @Override
    public String namespace() {
      return "/";
    }

    @Override
    public Collection<String> socketIds() {
      return List.of();
    }

    @Override
    public int deliverAll(Collection<String> ids, EncodedSocketPacket packet, boolean isVolatile, boolean compress) {
      return 0;
    }

    @Override
    public boolean deliverWithAck(
        String id, EncodedSocketPacket packet, long ackId, boolean compress, Consumer<Arguments> callback) {
      return false;
    }

    @Override
    public SocketDetails details(String id) {
      return null;
    }

    @Override
    public void disconnect(String id, boolean close) {}

    @Override
    public long nextAckId() {
      return ackIds.getAndIncrement();
    }

    @Override
    public void onServerSideEmit(ArrayNode data, Consumer<JsonNode> ack) {
      if (reply != null && ack != null) {
        ack.accept(JsonNodeFactory.instance.textNode(reply));
      }
    }

    @Override
    public RecoveryOptions recovery() {
      return null;
    }

    @Override
    public Scheduler scheduler() {
      return scheduler;
    }
  }
}
