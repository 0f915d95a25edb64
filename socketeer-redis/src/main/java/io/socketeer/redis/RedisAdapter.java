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
import java.util.concurrent.CompletionStage;
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
 * <p>Not done yet: the request/response part of the protocol (cluster-wide {@code fetchSockets},
 * {@code socketsJoin}, {@code socketsLeave}, {@code disconnectSockets}, {@code serverSideEmit},
 * broadcasts with acknowledgements and {@code serverCount}); these act on this server's sockets
 * only.
 */
public final class RedisAdapter implements Adapter {
  private static final Logger log = LoggerFactory.getLogger(RedisAdapter.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final AdapterContext context;
  private final InMemoryAdapter local;
  private final ObjectMapper msgpack = new ObjectMapper(new MessagePackFactory());
  private final String uid;
  private final String channel;
  private final StatefulRedisPubSubConnection<byte[], byte[]> sub;
  private final StatefulRedisConnection<byte[], byte[]> pub;
  private final AtomicLong dropped = new AtomicLong();

  private RedisAdapter(AdapterContext context, RedisClient client, String prefix) {
    this.context = context;
    this.local = new InMemoryAdapter(context);
    byte[] id = new byte[3];
    RANDOM.nextBytes(id);
    this.uid = HexFormat.of().formatHex(id);
    this.channel = prefix + "#" + context.namespace() + "#";
    this.pub = client.connect(ByteArrayCodec.INSTANCE);
    this.sub = client.connectPubSub(ByteArrayCodec.INSTANCE);
    sub.addListener(new RedisPubSubAdapter<>() {
      @Override
      public void message(byte[] pattern, byte[] channel, byte[] message) {
        onMessage(new String(channel, StandardCharsets.UTF_8), message);
      }
    });
    // Lettuce subscribes again by itself after a reconnection.
    sub.sync().psubscribe((channel + "*").getBytes(StandardCharsets.UTF_8));
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
    return context -> new RedisAdapter(context, client, prefix);
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
  // This server only, for now

  @Override
  public void addAll(String id, Collection<String> rooms) {
    local.addAll(id, rooms);
  }

  @Override
  public void del(String id, String room) {
    local.del(id, room);
  }

  @Override
  public void delAll(String id) {
    local.delAll(id);
  }

  @Override
  public Set<String> socketRooms(String id) {
    return local.socketRooms(id);
  }

  @Override
  public Set<String> rooms() {
    return local.rooms();
  }

  @Override
  public Set<String> sockets(Set<String> rooms) {
    return local.sockets(rooms);
  }

  @Override
  public void broadcastWithAck(
      SocketPacket packet, BroadcastOptions options, IntConsumer clientCount, Consumer<Arguments> ack) {
    local.broadcastWithAck(packet, options, clientCount, ack);
  }

  @Override
  public CompletionStage<List<SocketDetails>> fetchSockets(BroadcastOptions options) {
    return local.fetchSockets(options);
  }

  @Override
  public void addSockets(BroadcastOptions options, Collection<String> rooms) {
    local.addSockets(options, rooms);
  }

  @Override
  public void delSockets(BroadcastOptions options, Collection<String> rooms) {
    local.delSockets(options, rooms);
  }

  @Override
  public void disconnectSockets(BroadcastOptions options, boolean close) {
    local.disconnectSockets(options, close);
  }

  @Override
  public void serverSideEmit(List<Object> args) {
    local.serverSideEmit(args);
  }

  @Override
  public CompletionStage<Integer> serverCount() {
    return local.serverCount();
  }

  @Override
  public void close() {
    local.close();
    sub.closeAsync();
    pub.closeAsync();
  }
}
