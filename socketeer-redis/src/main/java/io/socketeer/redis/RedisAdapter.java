package io.socketeer.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.socketeer.protocol.internal.JsJson;
import io.socketeer.protocol.socketio.SocketPacket;
import io.socketeer.protocol.socketio.SocketPacketType;
import io.socketeer.server.Arguments;
import io.socketeer.server.InMemoryAdapter;
import io.socketeer.server.spi.Adapter;
import io.socketeer.server.spi.AdapterContext;
import io.socketeer.server.spi.BroadcastOptions;
import io.socketeer.server.spi.SocketDetails;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntConsumer;
import org.msgpack.jackson.dataformat.MessagePackFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An adapter that spreads broadcasts to the other servers of a cluster through Redis pub/sub,
 * wire-compatible with the official Node {@code @socket.io/redis-adapter} (classic pub/sub): the
 * same channels ({@code socket.io#/#}, {@code socket.io#/#room#} for a single-room broadcast), the
 * same MessagePack messages ({@code [uid, packet, opts]}), so Java and Node servers can share one
 * cluster.
 *
 * <p>The local room index and delivery are an {@link InMemoryAdapter}'s. Redis is used without
 * blocking: messages from Redis arrive on the Redis client's thread and are handed to the sockets'
 * event loops. Delivery across servers is at most once: what is published while Redis is
 * unreachable is lost for the other servers, while local delivery goes on.
 *
 * <p>The request part of the protocol: this server answers the other servers' {@code
 * fetchSockets}, {@code socketsJoin}, {@code socketsLeave}, {@code disconnectSockets}, room
 * listings and broadcasts with acknowledgements, and its own {@code fetchSockets} (5 s timeout),
 * {@code socketsJoin}, {@code socketsLeave}, {@code disconnectSockets} and {@code serverCount}
 * reach the whole cluster, as do {@code serverSideEmit} (with or without acknowledgements) and
 * broadcasts with acknowledgements.
 */
public final class RedisAdapter extends LocalRoomsAdapter {
  private static final Logger log = LoggerFactory.getLogger(RedisAdapter.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final AdapterContext context;
  private final ObjectMapper msgpack = new ObjectMapper(new MessagePackFactory());
  private final String uid;
  private final String channel;
  private final String requestChannel;
  private final String responseChannel;
  private final Duration requestsTimeout;
  private final Map<String, PendingRequest> requests = new ConcurrentHashMap<>();
  private final Map<String, AckRequest> ackRequests = new ConcurrentHashMap<>();
  private final StatefulRedisPubSubConnection<byte[], byte[]> sub;
  private final StatefulRedisConnection<byte[], byte[]> pub;
  private final AtomicLong dropped = new AtomicLong();

  private RedisAdapter(AdapterContext context, RedisClient client, String prefix, Duration requestsTimeout) {
    super(new InMemoryAdapter(context));
    this.context = context;
    byte[] id = new byte[3];
    RANDOM.nextBytes(id);
    this.uid = HexFormat.of().formatHex(id);
    this.channel = prefix + "#" + context.namespace() + "#";
    this.requestChannel = prefix + "-request#" + context.namespace() + "#";
    this.responseChannel = prefix + "-response#" + context.namespace() + "#";
    this.requestsTimeout = requestsTimeout;
    this.pub = client.connect(ByteArrayCodec.INSTANCE);
    this.sub = client.connectPubSub(ByteArrayCodec.INSTANCE);
    sub.addListener(new RedisPubSubAdapter<>() {
      @Override
      public void message(byte[] pattern, byte[] channel, byte[] message) {
        onMessage(new String(channel, StandardCharsets.UTF_8), message);
      }

      @Override
      public void message(byte[] channel, byte[] message) {
        String name = new String(channel, StandardCharsets.UTF_8);
        if (name.startsWith(responseChannel)) {
          onResponse(message);
        } else if (name.equals(requestChannel)) {
          onRequest(message);
        }
      }
    });
    // Lettuce subscribes again by itself after a reconnection.
    sub.sync().psubscribe((channel + "*").getBytes(StandardCharsets.UTF_8));
    sub.sync().subscribe(bytes(requestChannel), bytes(responseChannel), bytes(responseChannel + uid + "#"));
  }

  /**
   * Returns the adapter factory for {@link io.socketeer.server.ServerOptions.Builder#adapterFactory}:
   * one adapter per namespace, all on {@code client}, with the reference's channel prefix {@code
   * socket.io}. Configure the client to reject commands while disconnected ({@code
   * ClientOptions.DisconnectedBehavior.REJECT_COMMANDS}) so that nothing queues up while Redis is
   * down.
   */
  public static Function<AdapterContext, Adapter> factory(RedisClient client) {
    return factory(client, "socket.io");
  }

  /** Returns the adapter factory with another channel prefix (the reference's {@code key} option). */
  public static Function<AdapterContext, Adapter> factory(RedisClient client, String prefix) {
    return context -> new RedisAdapter(context, client, prefix, Duration.ofSeconds(5));
  }

  /**
   * Returns the adapter factory of the variant {@code options} select: classic pub/sub (this
   * class), sharded pub/sub (compatible with {@code createShardedAdapter} of
   * {@code @socket.io/redis-adapter}) or a Redis stream (compatible with
   * {@code @socket.io/redis-streams-adapter}). One adapter per namespace, all on {@code client}.
   */
  public static Function<AdapterContext, Adapter> factory(RedisClient client, RedisAdapterOptions options) {
    switch (options.variant()) {
      case SHARDED:
        return context -> new ShardedRedisAdapter(context, client, options);
      case STREAMS: {
        RedisStreamsAdapter.StreamsHub hub = new RedisStreamsAdapter.StreamsHub(client, options);
        return context -> new RedisStreamsAdapter(context, hub, options);
      }
      default:
        return context -> new RedisAdapter(context, client, options.channelPrefix(), options.requestsTimeout());
    }
  }

  /** Returns how many messages from Redis were dropped because they were malformed. */
  public long droppedMessages() {
    return dropped.get();
  }

  // ---------------------------------------------------------------------------------------------
  // Publishing

  @Override
  public void broadcast(SocketPacket packet, BroadcastOptions options) {
    if (!options.isLocal()) {
      publish(packet, options);
    }
    local.broadcast(packet, options);
  }

  private void publish(SocketPacket packet, BroadcastOptions options) {
    ObjectNode wirePacket = F.objectNode();
    wirePacket.put("type", packet.type().ordinal());
    wirePacket.set("data", packet.data());
    wirePacket.put("nsp", packet.namespace());
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
    ArrayNode message = F.arrayNode().add(uid).add(wirePacket).add(opts);
    String target = options.rooms().size() == 1 ? channel + options.rooms().iterator().next() + "#" : channel;
    try {
      byte[] bytes = msgpack.writeValueAsBytes(message);
      pub.async().publish(target.getBytes(StandardCharsets.UTF_8), bytes).exceptionally(e -> {
        log.debug("publish to {} failed: {}", target, e.toString());
        return 0L;
      });
    } catch (IOException | RuntimeException e) {
      log.debug("publish to {} failed: {}", target, e.toString());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Receiving

  private void onMessage(String from, byte[] message) {
    if (!from.startsWith(channel)) {
      return;
    }
    String room = from.substring(channel.length(), Math.max(channel.length(), from.length() - 1));
    if (!room.isEmpty() && !local.hasRoom(room)) {
      return; // nobody here is in that room
    }
    JsonNode args;
    try {
      args = msgpack.readTree(message);
    } catch (IOException | RuntimeException e) {
      drop("not MessagePack");
      return;
    }
    if (!args.isArray() || args.size() < 3 || !args.get(0).isTextual() || !args.get(1).isObject()
        || !args.get(2).isObject()) {
      drop("not [uid, packet, opts]");
      return;
    }
    if (uid.equals(args.get(0).textValue())) {
      return; // our own message
    }
    JsonNode packet = args.get(1);
    String nsp = packet.path("nsp").isTextual() ? packet.get("nsp").textValue() : "/";
    if (!nsp.equals(context.namespace())) {
      return;
    }
    JsonNode data = packet.get("data");
    if (packet.path("type").asInt(-1) != SocketPacketType.EVENT.ordinal() || data == null || !data.isArray()) {
      drop("not an event packet");
      return;
    }
    BroadcastOptions options = BroadcastOptions.all();
    JsonNode opts = args.get(2);
    List<String> rooms = strings(opts.get("rooms"));
    List<String> except = strings(opts.get("except"));
    if (rooms == null || except == null) {
      drop("bad rooms or except");
      return;
    }
    options = options.withRooms(rooms).withExcept(except)
        .withVolatile(opts.path("flags").path("volatile").asBoolean(false))
        .withCompress(opts.path("flags").path("compress").asBoolean(true));
    SocketPacket event;
    try {
      event = SocketPacket.event(nsp, (ArrayNode) data);
    } catch (IllegalArgumentException e) {
      drop("invalid event");
      return;
    }
    local.broadcast(event, options);
  }

  private static List<String> strings(JsonNode array) {
    if (array == null || array.isNull()) {
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

  private void drop(String why) {
    dropped.incrementAndGet();
    log.debug("dropped a message on {}: {}", channel, why);
  }

  // ---------------------------------------------------------------------------------------------
  // Requests from other servers (the Node adapter's request types)

  private static final int SOCKETS = 0;
  private static final int ALL_ROOMS = 1;
  private static final int REMOTE_JOIN = 2;
  private static final int REMOTE_LEAVE = 3;
  private static final int REMOTE_DISCONNECT = 4;
  private static final int REMOTE_FETCH = 5;
  private static final int SERVER_SIDE_EMIT = 6;
  private static final int BROADCAST = 7;
  private static final int BROADCAST_CLIENT_COUNT = 8;
  private static final int BROADCAST_ACK = 9;

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Requests and responses are JSON when they start with '{', MessagePack otherwise. */
  private JsonNode decode(byte[] message) throws IOException {
    return message.length > 0 && message[0] == '{' ? JsJson.mapper().readTree(message) : msgpack.readTree(message);
  }

  private static BroadcastOptions selection(JsonNode opts) {
    List<String> rooms = strings(opts.get("rooms"));
    List<String> except = strings(opts.get("except"));
    return BroadcastOptions.all().withRooms(rooms == null ? List.of() : rooms)
        .withExcept(except == null ? List.of() : except);
  }

  private void respond(JsonNode response) {
    try {
      pub.async().publish(bytes(responseChannel), JsJson.mapper().writeValueAsBytes(response));
    } catch (IOException e) {
      log.debug("cannot encode a response: {}", e.toString());
    }
  }

  private void respondPacked(JsonNode response) {
    try {
      pub.async().publish(bytes(responseChannel), msgpack.writeValueAsBytes(response));
    } catch (IOException e) {
      log.debug("cannot encode a response: {}", e.toString());
    }
  }

  private void onRequest(byte[] message) {
    JsonNode request;
    try {
      request = decode(message);
    } catch (IOException | RuntimeException e) {
      drop("malformed request");
      return;
    }
    if (!request.isObject() || uid.equals(request.path("uid").asText())) {
      return;
    }
    String requestId = request.path("requestId").asText(null);
    switch (request.path("type").asInt(-1)) {
      case SOCKETS: {
        List<String> rooms = strings(request.get("rooms"));
        ArrayNode ids = F.arrayNode();
        local.sockets(Set.copyOf(rooms == null ? List.of() : rooms)).forEach(ids::add);
        respond(F.objectNode().put("requestId", requestId).set("sockets", ids));
        break;
      }
      case ALL_ROOMS: {
        ArrayNode rooms = F.arrayNode();
        local.rooms().forEach(rooms::add);
        respond(F.objectNode().put("requestId", requestId).set("rooms", rooms));
        break;
      }
      case REMOTE_JOIN:
      case REMOTE_LEAVE:
      case REMOTE_DISCONNECT:
        onRemoteChange(request, requestId);
        break;
      case REMOTE_FETCH:
        local.fetchSockets(selection(request.path("opts"))).thenAccept(list -> {
          ArrayNode sockets = F.arrayNode();
          for (SocketDetails d : list) {
            ObjectNode o = sockets.addObject();
            o.put("id", d.id());
            o.set("handshake", Handshakes.toJson(d.handshake()));
            ArrayNode rooms = o.putArray("rooms");
            d.rooms().forEach(rooms::add);
            o.set("data", d.data());
          }
          respond(F.objectNode().put("requestId", requestId).set("sockets", sockets));
        });
        break;
      case BROADCAST:
        onRemoteBroadcastWithAck(request, requestId);
        break;
      case SERVER_SIDE_EMIT: {
        JsonNode data = request.get("data");
        if (data == null || !data.isArray()) {
          drop("bad serverSideEmit request");
          return;
        }
        context.onServerSideEmit((ArrayNode) data, requestId == null ? null
            : reply -> respond(F.objectNode().put("type", SERVER_SIDE_EMIT).put("requestId", requestId)
                .set("data", reply)));
        break;
      }
      default:
        break; // unknown types are ignored, as the reference does
    }
  }

  private void onRemoteChange(JsonNode request, String requestId) {
    int type = request.path("type").asInt();
    if (request.has("opts")) {
      BroadcastOptions selection = selection(request.get("opts"));
      List<String> rooms = strings(request.get("rooms"));
      if (type == REMOTE_JOIN) {
        local.addSockets(selection, rooms == null ? List.of() : rooms);
      } else if (type == REMOTE_LEAVE) {
        local.delSockets(selection, rooms == null ? List.of() : rooms);
      } else {
        local.disconnectSockets(selection, request.path("close").asBoolean(false));
      }
      return;
    }
    String sid = request.path("sid").asText(null);
    if (sid == null || local.socketRooms(sid).isEmpty()) {
      return;
    }
    if (type == REMOTE_JOIN) {
      local.addAll(sid, List.of(request.path("room").asText()));
    } else if (type == REMOTE_LEAVE) {
      local.del(sid, request.path("room").asText());
    } else {
      context.disconnect(sid, request.path("close").asBoolean(false));
    }
    respond(F.objectNode().put("requestId", requestId));
  }

  private void onRemoteBroadcastWithAck(JsonNode request, String requestId) {
    JsonNode packet = request.path("packet");
    JsonNode data = packet.get("data");
    if (data == null || !data.isArray()) {
      drop("bad broadcast request");
      return;
    }
    SocketPacket event;
    try {
      // The requesting server numbers its own sockets' acks; ours get an id of this namespace.
      event = SocketPacket.event(context.namespace(), (ArrayNode) data, context.nextAckId());
    } catch (IllegalArgumentException e) {
      drop("bad broadcast request");
      return;
    }
    local.broadcastWithAck(event, selection(request.path("opts")),
        count -> respond(F.objectNode().put("type", BROADCAST_CLIENT_COUNT).put("requestId", requestId)
            .put("clientCount", count)),
        args -> respondPacked(F.objectNode().put("type", BROADCAST_ACK).put("requestId", requestId)
            .set("packet", args.isEmpty() ? F.nullNode() : args.get(0))));
  }

  // ---------------------------------------------------------------------------------------------
  // Our requests to the other servers

  /** A request waiting for responses from {@code expected} other servers. */
  private static final class PendingRequest {
    final int expected;
    final List<JsonNode> responses = new ArrayList<>();
    final CompletableFuture<List<JsonNode>> done = new CompletableFuture<>();

    PendingRequest(int expected) {
      this.expected = expected;
    }
  }

  private void onResponse(byte[] message) {
    JsonNode response;
    try {
      response = decode(message);
    } catch (IOException | RuntimeException e) {
      drop("malformed response");
      return;
    }
    String requestId = response.path("requestId").asText("");
    AckRequest ackRequest = ackRequests.get(requestId);
    if (ackRequest != null) {
      int type = response.path("type").asInt(-1);
      if (type == BROADCAST_CLIENT_COUNT) {
        ackRequest.clientCount.accept(response.path("clientCount").asInt(0));
      } else if (type == BROADCAST_ACK) {
        ackRequest.ack.accept(Arguments.of(F.arrayNode().add(response.path("packet")), 0));
      }
      return;
    }
    PendingRequest pending = requests.get(requestId);
    if (pending == null) {
      return;
    }
    synchronized (pending) {
      pending.responses.add(response);
      if (pending.responses.size() >= pending.expected) {
        requests.values().remove(pending);
        pending.done.complete(List.copyOf(pending.responses));
      }
    }
  }

  /** Publishes {@code request} and collects one response from each other server, with a timeout. */
  private CompletableFuture<List<JsonNode>> ask(ObjectNode request) {
    return serverCount().toCompletableFuture().thenCompose(count -> {
      int others = count - 1;
      if (others <= 0) {
        return CompletableFuture.completedFuture(List.of());
      }
      String requestId = newRequestId();
      PendingRequest pending = new PendingRequest(others);
      requests.put(requestId, pending);
      request.put("uid", uid).put("requestId", requestId);
      try {
        pub.async().publish(bytes(requestChannel), JsJson.mapper().writeValueAsBytes(request));
      } catch (IOException e) {
        requests.remove(requestId);
        return CompletableFuture.failedFuture(e);
      }
      return pending.done.orTimeout(requestsTimeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((r, e) -> {
        if (e != null) {
          requests.remove(requestId);
        }
      }).exceptionallyCompose(e -> {
        // whenComplete hands on the failure wrapped in a CompletionException.
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        return CompletableFuture.failedFuture(cause instanceof TimeoutException
            ? new TimeoutException("timeout reached while waiting for " + request.path("type") + " responses")
            : cause);
      });
    });
  }

  private static String newRequestId() {
    byte[] id = new byte[6];
    RANDOM.nextBytes(id);
    return HexFormat.of().formatHex(id);
  }

  private void tell(ObjectNode request) {
    request.put("uid", uid);
    try {
      pub.async().publish(bytes(requestChannel), JsJson.mapper().writeValueAsBytes(request));
    } catch (IOException e) {
      log.debug("cannot encode a request: {}", e.toString());
    }
  }

  private static ObjectNode selectionJson(BroadcastOptions options) {
    ObjectNode opts = F.objectNode();
    ArrayNode rooms = opts.putArray("rooms");
    options.rooms().forEach(rooms::add);
    ArrayNode except = opts.putArray("except");
    options.except().forEach(except::add);
    return opts;
  }

  @Override
  public CompletionStage<List<SocketDetails>> fetchSockets(BroadcastOptions options) {
    CompletionStage<List<SocketDetails>> mine = local.fetchSockets(options);
    if (options.isLocal()) {
      return mine;
    }
    ObjectNode request = F.objectNode().put("type", REMOTE_FETCH);
    request.set("opts", selectionJson(options));
    return mine.thenCombine(ask(request), (own, responses) -> {
      List<SocketDetails> all = new ArrayList<>(own);
      for (JsonNode response : responses) {
        for (JsonNode s : response.path("sockets")) {
          List<String> rooms = strings(s.get("rooms"));
          all.add(new SocketDetails(s.path("id").asText(), Handshakes.fromJson(s.path("handshake")),
              Set.copyOf(rooms == null ? List.of() : rooms), s.path("data")));
        }
      }
      return all;
    });
  }

  @Override
  public void addSockets(BroadcastOptions options, Collection<String> rooms) {
    local.addSockets(options, rooms);
    if (!options.isLocal()) {
      ObjectNode request = F.objectNode().put("type", REMOTE_JOIN);
      request.set("opts", selectionJson(options));
      ArrayNode list = request.putArray("rooms");
      rooms.forEach(list::add);
      tell(request);
    }
  }

  @Override
  public void delSockets(BroadcastOptions options, Collection<String> rooms) {
    local.delSockets(options, rooms);
    if (!options.isLocal()) {
      ObjectNode request = F.objectNode().put("type", REMOTE_LEAVE);
      request.set("opts", selectionJson(options));
      ArrayNode list = request.putArray("rooms");
      rooms.forEach(list::add);
      tell(request);
    }
  }

  @Override
  public void disconnectSockets(BroadcastOptions options, boolean close) {
    local.disconnectSockets(options, close);
    if (!options.isLocal()) {
      ObjectNode request = F.objectNode().put("type", REMOTE_DISCONNECT);
      request.set("opts", selectionJson(options));
      request.put("close", close);
      tell(request);
    }
  }

  /** Counts the servers subscribed to the request channel, as the Node adapter does (PUBSUB NUMSUB). */
  @Override
  public CompletionStage<Integer> serverCount() {
    return pub.async().pubsubNumsub(bytes(requestChannel)).toCompletableFuture()
        .thenApply(counts -> counts.values().stream().mapToInt(Long::intValue).sum())
        .exceptionally(e -> 1);
  }

  /** The callbacks of a broadcast with acknowledgements started here, for the other servers' answers. */
  private static final class AckRequest {
    final IntConsumer clientCount;
    final Consumer<Arguments> ack;

    AckRequest(IntConsumer clientCount, Consumer<Arguments> ack) {
      this.clientCount = clientCount;
      this.ack = ack;
    }
  }

  @Override
  public void broadcastWithAck(
      SocketPacket packet, BroadcastOptions options, IntConsumer clientCount, Consumer<Arguments> ack) {
    if (!options.isLocal()) {
      String requestId = newRequestId();
      ObjectNode wirePacket = F.objectNode().put("type", SocketPacketType.EVENT.ordinal());
      wirePacket.set("data", packet.data());
      wirePacket.put("nsp", packet.namespace());
      ObjectNode request = F.objectNode().put("uid", uid).put("requestId", requestId).put("type", BROADCAST);
      request.set("packet", wirePacket);
      ObjectNode opts = selectionJson(options);
      opts.putObject("flags");
      request.set("opts", opts);
      ackRequests.put(requestId, new AckRequest(clientCount, ack));
      // Late answers are dropped once the caller's deadline (or ours) has passed.
      context.scheduler().schedule(() -> ackRequests.remove(requestId), requestsTimeout.multipliedBy(2));
      try {
        pub.async().publish(bytes(requestChannel), msgpack.writeValueAsBytes(request));
      } catch (IOException e) {
        ackRequests.remove(requestId);
        log.debug("cannot encode a broadcast request: {}", e.toString());
      }
    }
    local.broadcastWithAck(packet, options, clientCount, ack);
  }

  @Override
  public void serverSideEmit(ArrayNode data) {
    ObjectNode request = F.objectNode().put("type", SERVER_SIDE_EMIT);
    request.set("data", data);
    tell(request);
  }

  @Override
  public CompletionStage<List<JsonNode>> serverSideEmitWithAck(ArrayNode data) {
    ObjectNode request = F.objectNode().put("type", SERVER_SIDE_EMIT);
    request.set("data", data);
    return ask(request).thenApply(responses -> {
      List<JsonNode> replies = new ArrayList<>(responses.size());
      responses.forEach(r -> replies.add(r.path("data")));
      return replies;
    });
  }

  @Override
  public void close() {
    local.close();
    sub.closeAsync();
    pub.closeAsync();
  }
}
