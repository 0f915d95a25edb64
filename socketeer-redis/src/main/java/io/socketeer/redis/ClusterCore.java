package io.socketeer.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socketeer.protocol.spi.Cancellable;
import io.socketeer.protocol.spi.Scheduler;
import io.socketeer.protocol.socketio.SocketPacket;
import io.socketeer.protocol.socketio.SocketPacketType;
import io.socketeer.server.Arguments;
import io.socketeer.server.InMemoryAdapter;
import io.socketeer.server.RecoveryOptions;
import io.socketeer.server.spi.AdapterContext;
import io.socketeer.server.spi.BroadcastOptions;
import io.socketeer.server.spi.SocketDetails;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster protocol of {@code socket.io-adapter}'s {@code ClusterAdapter} (2.5.x), which the
 * official sharded Redis adapter and Redis Streams adapter speak: messages {@code {uid, nsp, type,
 * data}} of types 1 to 13, responses sent to the requesting node only. Subclasses move the messages
 * (pub/sub channels, a stream) and encode them; this class owns what they mean.
 *
 * <p>Node liveness, as {@code ClusterAdapterWithHeartbeat}: each node publishes {@code
 * INITIAL_HEARTBEAT} when it starts, {@code HEARTBEAT} whenever it has published nothing for one
 * heartbeat interval, and {@code ADAPTER_CLOSE} when it closes. A request (fetchSockets,
 * serverSideEmit with acks) waits for the nodes that are subscribed when it starts ({@link
 * #liveNodes()}); a node that closes, or that sent heartbeats and then fell silent for the heartbeat
 * timeout, is no longer waited for. The official Node adapters of these versions send no
 * heartbeats (they ignore ours), so a dead Node server is only given up at the request timeout.
 *
 * <p>Thread-safe: messages arrive on the Redis client's threads, calls from any thread, timers on
 * the server's scheduler.
 */
abstract class ClusterCore extends LocalRoomsAdapter {
  private static final Logger log = LoggerFactory.getLogger(ClusterCore.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  static final JsonNodeFactory F = JsonNodeFactory.instance;
  static final String EMITTER_UID = "emitter";

  static final int INITIAL_HEARTBEAT = 1;
  static final int HEARTBEAT = 2;
  static final int BROADCAST = 3;
  static final int SOCKETS_JOIN = 4;
  static final int SOCKETS_LEAVE = 5;
  static final int DISCONNECT_SOCKETS = 6;
  static final int FETCH_SOCKETS = 7;
  static final int FETCH_SOCKETS_RESPONSE = 8;
  static final int SERVER_SIDE_EMIT = 9;
  static final int SERVER_SIDE_EMIT_RESPONSE = 10;
  static final int BROADCAST_CLIENT_COUNT = 11;
  static final int BROADCAST_ACK = 12;
  static final int ADAPTER_CLOSE = 13;

  final AdapterContext context;
  /** This node's id: 16 hex digits, as the reference's {@code randomBytes(8)}. */
  final String uid;
  final String namespace;
  private final Scheduler scheduler;
  private final RedisAdapterOptions timings;
  /** True when the subclass supplies offsets for connection state recovery (a stream). */
  private final boolean ownOffsets;
  private final RecoveryOptions recovery;

  /** Pending fetchSockets and serverSideEmit requests, by request id. */
  private final Map<String, Request> requests = new ConcurrentHashMap<>();
  /** Broadcasts with acks started here, by request id; removed after twice the request timeout. */
  private final Map<String, AckRequest> ackRequests = new ConcurrentHashMap<>();
  /** Nodes that sent heartbeats: uid to when they were last heard from (scheduler nanos). */
  private final Map<String, Long> watched = new ConcurrentHashMap<>();
  private final AtomicLong lastPublish = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  /** The heartbeat and sweep timers; only replaced under {@code this}. */
  private Cancellable heartbeatTimer;
  private Cancellable sweepTimer;
  private volatile boolean closed;

  ClusterCore(AdapterContext context, RedisAdapterOptions timings, boolean ownOffsets) {
    // With a stream the offsets are the stream's entry ids, so the local adapter must not add its own.
    super(new InMemoryAdapter(ownOffsets ? new WithoutRecovery(context) : context));
    this.context = context;
    this.namespace = context.namespace();
    this.scheduler = context.scheduler();
    this.timings = timings;
    this.ownOffsets = ownOffsets;
    this.recovery = context.recovery();
    byte[] id = new byte[8];
    RANDOM.nextBytes(id);
    this.uid = HexFormat.of().formatHex(id);
  }

  /** Publishes a message to every node; completes with its offset ("" when there is none). */
  abstract CompletionStage<String> doPublish(ObjectNode message);

  /** Publishes a response to the node {@code requesterUid} only. */
  abstract CompletionStage<?> doPublishResponse(String requesterUid, ObjectNode response);

  /** Returns the uids of the other nodes currently listening, as Redis sees them. */
  abstract CompletionStage<Set<String>> liveNodes();

  /** Starts the heartbeats; call once the subscriptions are in place. */
  final void start() {
    if (timings.heartbeatInterval() == null) {
      return;
    }
    publish(message(INITIAL_HEARTBEAT, null));
    scheduleHeartbeat(timings.heartbeatInterval());
    scheduleSweep();
  }

  /** Returns how many messages were dropped because they were malformed. */
  final long droppedMessages() {
    return dropped.get();
  }

  /** Returns the uids of the nodes that sent heartbeats and are not taken for dead: a snapshot. */
  final Set<String> watchedNodes() {
    return Set.copyOf(watched.keySet());
  }

  final void drop(String why) {
    dropped.incrementAndGet();
    log.debug("[{}] dropped a message on {}: {}", uid, namespace, why);
  }

  // ---------------------------------------------------------------------------------------------
  // Heartbeats

  private synchronized void scheduleHeartbeat(Duration delay) {
    if (closed) {
      return;
    }
    heartbeatTimer = scheduler.schedule(this::onHeartbeatTimer, delay);
  }

  private void onHeartbeatTimer() {
    long interval = timings.heartbeatInterval().toNanos();
    long idle = scheduler.nanoTime() - lastPublish.get();
    if (idle >= interval) {
      publish(message(HEARTBEAT, null));
      idle = 0;
    }
    scheduleHeartbeat(Duration.ofNanos(interval - idle));
  }

  private synchronized void scheduleSweep() {
    if (closed) {
      return;
    }
    Duration period = timings.heartbeatInterval().compareTo(Duration.ofSeconds(1)) < 0
        ? timings.heartbeatInterval() : Duration.ofSeconds(1);
    sweepTimer = scheduler.schedule(() -> {
      long now = scheduler.nanoTime();
      long timeout = timings.heartbeatTimeout().toNanos();
      watched.forEach((node, lastSeen) -> {
        if (now - lastSeen >= timeout) {
          log.debug("[{}] node {} seems down", uid, node);
          removeNode(node);
        }
      });
      scheduleSweep();
    }, period);
  }

  /** Forgets node {@code node}: no pending request waits for it any more. */
  private void removeNode(String node) {
    watched.remove(node);
    requests.values().forEach(request -> request.forget(node));
  }

  // ---------------------------------------------------------------------------------------------
  // Sending

  final ObjectNode message(int type, ObjectNode data) {
    ObjectNode message = F.objectNode().put("uid", uid).put("nsp", namespace).put("type", type);
    if (data != null) {
      message.set("data", data);
    }
    return message;
  }

  private CompletionStage<String> publish(ObjectNode message) {
    lastPublish.set(scheduler.nanoTime());
    CompletionStage<String> offset;
    try {
      offset = doPublish(message);
    } catch (RuntimeException e) {
      offset = CompletableFuture.failedFuture(e);
    }
    return offset.whenComplete((o, e) -> {
      if (e != null) {
        log.debug("[{}] publishing a message of type {} failed: {}", uid, message.path("type"), e.toString());
      }
    });
  }

  private void publishResponse(String requesterUid, int type, ObjectNode data) {
    ObjectNode response = message(type, data);
    try {
      doPublishResponse(requesterUid, response).whenComplete((r, e) -> {
        if (e != null) {
          log.debug("[{}] publishing a response failed: {}", uid, e.toString());
        }
      });
    } catch (RuntimeException e) {
      log.debug("[{}] publishing a response failed: {}", uid, e.toString());
    }
  }

  static ObjectNode packetJson(SocketPacket packet) {
    ObjectNode json = F.objectNode().put("type", SocketPacketType.EVENT.ordinal());
    json.set("data", packet.data());
    json.put("nsp", packet.namespace());
    return json;
  }

  static ObjectNode optsJson(BroadcastOptions options) {
    ObjectNode opts = F.objectNode();
    ArrayNode rooms = opts.putArray("rooms");
    options.rooms().forEach(rooms::add);
    ArrayNode except = opts.putArray("except");
    options.except().forEach(except::add);
    ObjectNode flags = opts.putObject("flags");
    if (options.isVolatile()) {
      flags.put("volatile", true);
    }
    if (!options.compress()) {
      flags.put("compress", false);
    }
    return opts;
  }

  static List<String> strings(JsonNode array) {
    if (array == null || array.isNull() || array.isMissingNode()) {
      return List.of();
    }
    if (!array.isArray()) {
      return null;
    }
    List<String> out = new ArrayList<>(array.size());
    for (JsonNode n : array) {
      if (!n.isTextual() && !n.isNumber()) {
        return null;
      }
      out.add(n.asText());
    }
    return out;
  }

  /** The broadcast options of {@code opts}, or null when malformed. */
  static BroadcastOptions options(JsonNode opts) {
    List<String> rooms = strings(opts.get("rooms"));
    List<String> except = strings(opts.get("except"));
    if (rooms == null || except == null) {
      return null;
    }
    JsonNode flags = opts.path("flags");
    return BroadcastOptions.all().withRooms(rooms).withExcept(except)
        .withVolatile(flags.path("volatile").asBoolean(false))
        .withCompress(flags.path("compress").asBoolean(true));
  }

  // ---------------------------------------------------------------------------------------------
  // Receiving

  /**
   * Handles a message from another node (or this one, ignored); {@code offset} is its stream entry
   * id, or null.
   */
  final void onMessage(JsonNode message, String offset) {
    if (!message.isObject()) {
      drop("not an object");
      return;
    }
    String from = message.path("uid").asText("");
    if (from.equals(uid)) {
      return;
    }
    if (!namespace.equals(message.path("nsp").asText(null))) {
      return;
    }
    int type = message.path("type").asInt(-1);
    if (type == INITIAL_HEARTBEAT || type == HEARTBEAT) {
      if (timings.heartbeatInterval() != null && !from.equals(EMITTER_UID)) {
        watched.put(from, scheduler.nanoTime());
        if (type == INITIAL_HEARTBEAT) {
          publish(message(HEARTBEAT, null));
        }
      }
      return;
    }
    watched.computeIfPresent(from, (k, v) -> scheduler.nanoTime());
    JsonNode data = message.path("data");
    switch (type) {
      case ADAPTER_CLOSE:
        removeNode(from);
        break;
      case BROADCAST:
        onBroadcast(from, data, offset);
        break;
      case SOCKETS_JOIN:
      case SOCKETS_LEAVE:
      case DISCONNECT_SOCKETS: {
        BroadcastOptions options = options(data.path("opts"));
        List<String> rooms = strings(data.get("rooms"));
        if (options == null || rooms == null) {
          drop("bad options");
          return;
        }
        if (type == SOCKETS_JOIN) {
          joinLocal(options, rooms);
        } else if (type == SOCKETS_LEAVE) {
          leaveLocal(options, rooms);
        } else {
          local.disconnectSockets(options, data.path("close").asBoolean(false));
        }
        break;
      }
      case FETCH_SOCKETS:
        onFetchSockets(from, data);
        break;
      case SERVER_SIDE_EMIT:
        onServerSideEmit(from, data);
        break;
      case FETCH_SOCKETS_RESPONSE:
      case SERVER_SIDE_EMIT_RESPONSE:
      case BROADCAST_CLIENT_COUNT:
      case BROADCAST_ACK:
        onResponse(message);
        break;
      default:
        break; // unknown types are ignored, as the reference does
    }
  }

  private void onBroadcast(String from, JsonNode data, String offset) {
    BroadcastOptions options = options(data.path("opts"));
    JsonNode args = data.path("packet").get("data");
    if (options == null || args == null || !args.isArray()) {
      drop("bad broadcast");
      return;
    }
    String requestId = data.path("requestId").isTextual() ? data.get("requestId").textValue() : null;
    try {
      if (requestId != null) {
        // The requesting node numbers its own sockets' acks; ours get an id of this namespace.
        SocketPacket event = SocketPacket.event(namespace, (ArrayNode) args, context.nextAckId());
        local.broadcastWithAck(event, options,
            count -> publishResponse(from, BROADCAST_CLIENT_COUNT,
                F.objectNode().put("requestId", requestId).put("clientCount", count)),
            reply -> publishResponse(from, BROADCAST_ACK, (ObjectNode) F.objectNode()
                .put("requestId", requestId).set("packet", reply.isEmpty() ? F.nullNode() : reply.get(0))));
      } else {
        SocketPacket event = SocketPacket.event(namespace, withOffset((ArrayNode) args, options, offset));
        local.broadcast(event, options);
      }
    } catch (IllegalArgumentException e) {
      drop("invalid event");
    }
  }

  /** Appends the stream offset for connection state recovery, as the reference does. */
  private ArrayNode withOffset(ArrayNode args, BroadcastOptions options, String offset) {
    if (!ownOffsets || recovery == null || offset == null || offset.isEmpty() || options.isVolatile()) {
      return args;
    }
    ArrayNode copy = args.deepCopy();
    copy.add(offset);
    return copy;
  }

  private void onFetchSockets(String from, JsonNode data) {
    BroadcastOptions options = options(data.path("opts"));
    String requestId = data.path("requestId").asText(null);
    if (options == null || requestId == null) {
      drop("bad fetchSockets request");
      return;
    }
    local.fetchSockets(options).thenAccept(list -> {
      ArrayNode sockets = F.arrayNode();
      for (SocketDetails d : list) {
        ObjectNode o = sockets.addObject();
        o.put("id", d.id());
        o.set("handshake", Handshakes.toJson(d.handshake()));
        ArrayNode rooms = o.putArray("rooms");
        d.rooms().forEach(rooms::add);
        o.set("data", d.data());
      }
      publishResponse(from, FETCH_SOCKETS_RESPONSE,
          (ObjectNode) F.objectNode().put("requestId", requestId).set("sockets", sockets));
    });
  }

  private void onServerSideEmit(String from, JsonNode data) {
    JsonNode packet = data.get("packet");
    if (packet == null || !packet.isArray() || packet.isEmpty()) {
      drop("bad serverSideEmit");
      return;
    }
    String requestId = data.path("requestId").isTextual() ? data.get("requestId").textValue() : null;
    context.onServerSideEmit((ArrayNode) packet, requestId == null ? null
        : reply -> publishResponse(from, SERVER_SIDE_EMIT_RESPONSE,
            (ObjectNode) F.objectNode().put("requestId", requestId).set("packet", reply)));
  }

  /** Handles a response to one of this node's requests. */
  final void onResponse(JsonNode response) {
    JsonNode data = response.path("data");
    String requestId = data.path("requestId").asText("");
    String from = response.path("uid").asText("");
    watched.computeIfPresent(from, (k, v) -> scheduler.nanoTime());
    switch (response.path("type").asInt(-1)) {
      case BROADCAST_CLIENT_COUNT: {
        AckRequest ack = ackRequests.get(requestId);
        if (ack != null) {
          ack.clientCount.accept(data.path("clientCount").asInt(0));
        }
        break;
      }
      case BROADCAST_ACK: {
        AckRequest ack = ackRequests.get(requestId);
        if (ack != null) {
          ack.ack.accept(Arguments.of(F.arrayNode().add(data.path("packet")), 0));
        }
        break;
      }
      case FETCH_SOCKETS_RESPONSE:
      case SERVER_SIDE_EMIT_RESPONSE: {
        Request request = requests.get(requestId);
        if (request != null) {
          request.answer(from, data);
        }
        break;
      }
      default:
        break;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Requests

  /** A request waiting for one response from each node in {@code missing}. */
  private final class Request {
    final String id;
    final int type;
    /** Guarded by {@code this}. */
    final Set<String> missing;
    final List<JsonNode> responses = new ArrayList<>();
    final CompletableFuture<List<JsonNode>> done = new CompletableFuture<>();
    Cancellable timeout;

    Request(String id, int type, Set<String> missing) {
      this.id = id;
      this.type = type;
      this.missing = new HashSet<>(missing);
    }

    synchronized void answer(String from, JsonNode data) {
      if (type == FETCH_SOCKETS) {
        data.path("sockets").forEach(responses::add);
      } else {
        responses.add(data.path("packet"));
      }
      missing.remove(from);
      completeIfDone();
    }

    synchronized void forget(String node) {
      if (missing.remove(node)) {
        completeIfDone();
      }
    }

    private void completeIfDone() {
      if (missing.isEmpty() && requests.remove(id, this)) {
        if (timeout != null) {
          timeout.cancel();
        }
        done.complete(List.copyOf(responses));
      }
    }

    synchronized void expire() {
      if (requests.remove(id, this)) {
        done.completeExceptionally(new TimeoutException(
            "timeout reached: missing " + missing.size() + " responses"));
      }
    }
  }

  private CompletableFuture<List<JsonNode>> ask(int type, ObjectNode data) {
    return liveNodes().toCompletableFuture().thenCompose(nodes -> {
      Set<String> others = new HashSet<>(nodes);
      others.remove(uid);
      if (others.isEmpty()) {
        return CompletableFuture.completedFuture(List.<JsonNode>of());
      }
      String requestId = newRequestId();
      Request request = new Request(requestId, type, others);
      requests.put(requestId, request);
      synchronized (request) {
        request.timeout = scheduler.schedule(request::expire, timings.requestsTimeout());
      }
      data.put("requestId", requestId);
      publish(message(type, data));
      return request.done;
    });
  }

  private static String newRequestId() {
    byte[] id = new byte[8];
    RANDOM.nextBytes(id);
    return HexFormat.of().formatHex(id);
  }

  // ---------------------------------------------------------------------------------------------
  // Adapter

  @Override
  public void broadcast(SocketPacket packet, BroadcastOptions options) {
    if (options.isLocal()) {
      local.broadcast(packet, options);
      return;
    }
    ObjectNode data = F.objectNode();
    data.set("packet", packetJson(packet));
    data.set("opts", optsJson(options));
    CompletionStage<String> offset = publish(message(BROADCAST, data));
    if (!ownOffsets || recovery == null || packet.hasAckId() || options.isVolatile()) {
      local.broadcast(packet, options);
      return;
    }
    // The local clients get the stream offset too, so the publish comes first (as the reference).
    offset.whenComplete((o, e) -> local.broadcast(
        e != null ? packet : SocketPacket.event(namespace, withOffset((ArrayNode) packet.data(), options, o)), options));
  }

  @Override
  public void broadcastWithAck(
      SocketPacket packet, BroadcastOptions options, IntConsumer clientCount, Consumer<Arguments> ack) {
    if (!options.isLocal()) {
      String requestId = newRequestId();
      ackRequests.put(requestId, new AckRequest(clientCount, ack));
      // Late answers are dropped once the caller's deadline (or ours) has passed.
      scheduler.schedule(() -> ackRequests.remove(requestId), timings.requestsTimeout().multipliedBy(2));
      ObjectNode data = F.objectNode();
      data.set("packet", packetJson(packet));
      data.put("requestId", requestId);
      data.set("opts", optsJson(options));
      publish(message(BROADCAST, data));
    }
    local.broadcastWithAck(packet, options, clientCount, ack);
  }

  @Override
  public CompletionStage<List<SocketDetails>> fetchSockets(BroadcastOptions options) {
    CompletionStage<List<SocketDetails>> mine = local.fetchSockets(options);
    if (options.isLocal()) {
      return mine;
    }
    ObjectNode data = F.objectNode();
    data.set("opts", optsJson(options));
    return mine.thenCombine(ask(FETCH_SOCKETS, data), (own, remote) -> {
      List<SocketDetails> all = new ArrayList<>(own);
      for (JsonNode s : remote) {
        List<String> rooms = strings(s.get("rooms"));
        all.add(new SocketDetails(s.path("id").asText(), Handshakes.fromJson(s.path("handshake")),
            Set.copyOf(rooms == null ? List.of() : rooms), s.path("data")));
      }
      return all;
    });
  }

  /** The local sockets {@code options} select. */
  private Set<String> selected(BroadcastOptions options) {
    Set<String> ids = new HashSet<>(local.sockets(options.rooms()));
    if (!options.except().isEmpty()) {
      ids.removeAll(local.sockets(options.except()));
    }
    return ids;
  }

  // Through addAll and del, so that a subclass sees every room change (the sharded adapter
  // subscribes to the channels of new rooms).
  private void joinLocal(BroadcastOptions options, Collection<String> rooms) {
    selected(options).forEach(id -> addAll(id, rooms));
  }

  private void leaveLocal(BroadcastOptions options, Collection<String> rooms) {
    selected(options).forEach(id -> rooms.forEach(room -> del(id, room)));
  }

  private void tell(int type, BroadcastOptions options, ObjectNode data) {
    data.set("opts", optsJson(options));
    publish(message(type, data));
  }

  @Override
  public void addSockets(BroadcastOptions options, Collection<String> rooms) {
    if (!options.isLocal()) {
      ObjectNode data = F.objectNode();
      rooms.forEach(data.putArray("rooms")::add);
      tell(SOCKETS_JOIN, options, data);
    }
    joinLocal(options, rooms);
  }

  @Override
  public void delSockets(BroadcastOptions options, Collection<String> rooms) {
    if (!options.isLocal()) {
      ObjectNode data = F.objectNode();
      rooms.forEach(data.putArray("rooms")::add);
      tell(SOCKETS_LEAVE, options, data);
    }
    leaveLocal(options, rooms);
  }

  @Override
  public void disconnectSockets(BroadcastOptions options, boolean close) {
    if (!options.isLocal()) {
      tell(DISCONNECT_SOCKETS, options, F.objectNode().put("close", close));
    }
    local.disconnectSockets(options, close);
  }

  @Override
  public void serverSideEmit(ArrayNode data) {
    publish(message(SERVER_SIDE_EMIT, (ObjectNode) F.objectNode().set("packet", data)));
  }

  @Override
  public CompletionStage<List<JsonNode>> serverSideEmitWithAck(ArrayNode data) {
    return ask(SERVER_SIDE_EMIT, (ObjectNode) F.objectNode().set("packet", data));
  }

  /** Says goodbye to the cluster and stops the timers; subclasses then release their connections. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      if (heartbeatTimer != null) {
        heartbeatTimer.cancel();
      }
      if (sweepTimer != null) {
        sweepTimer.cancel();
      }
    }
    if (timings.heartbeatInterval() != null) {
      publish(message(ADAPTER_CLOSE, null));
    }
    local.close();
  }

  /** The callbacks of a broadcast with acknowledgements started here. */
  private static final class AckRequest {
    final IntConsumer clientCount;
    final Consumer<Arguments> ack;

    AckRequest(IntConsumer clientCount, Consumer<Arguments> ack) {
      this.clientCount = clientCount;
      this.ack = ack;
    }
  }

  /** The namespace's context with connection state recovery hidden from the local adapter. */
  private static final class WithoutRecovery implements AdapterContext {
    private final AdapterContext delegate;

    WithoutRecovery(AdapterContext delegate) {
      this.delegate = delegate;
    }

    @Override
    public String namespace() {
      return delegate.namespace();
    }

    @Override
    public Collection<String> socketIds() {
      return delegate.socketIds();
    }

    @Override
    public int deliverAll(Collection<String> ids, io.socketeer.protocol.socketio.EncodedSocketPacket packet,
        boolean isVolatile, boolean compress) {
      return delegate.deliverAll(ids, packet, isVolatile, compress);
    }

    @Override
    public boolean deliverWithAck(String id, io.socketeer.protocol.socketio.EncodedSocketPacket packet, long ackId,
        boolean compress, Consumer<Arguments> callback) {
      return delegate.deliverWithAck(id, packet, ackId, compress, callback);
    }

    @Override
    public SocketDetails details(String id) {
      return delegate.details(id);
    }

    @Override
    public void disconnect(String id, boolean close) {
      delegate.disconnect(id, close);
    }

    @Override
    public long nextAckId() {
      return delegate.nextAckId();
    }

    @Override
    public void onServerSideEmit(ArrayNode data, Consumer<JsonNode> ack) {
      delegate.onServerSideEmit(data, ack);
    }

    @Override
    public RecoveryOptions recovery() {
      return null;
    }

    @Override
    public Scheduler scheduler() {
      return delegate.scheduler();
    }
  }
}
