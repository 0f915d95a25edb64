package io.socketeer.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.socketeer.protocol.internal.JsJson;
import io.socketeer.redis.RedisAdapterOptions.SubscriptionMode;
import io.socketeer.server.spi.AdapterContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.msgpack.jackson.dataformat.MessagePackFactory;

/**
 * The sharded pub/sub adapter (Redis 7 {@code SPUBLISH}/{@code SSUBSCRIBE}), wire-compatible with
 * {@code createShardedAdapter} of {@code @socket.io/redis-adapter} 8.3: every message of a
 * namespace on {@code prefix#nsp#}, a single-room broadcast on {@code prefix#nsp#room#} (dynamic
 * subscription modes), responses on {@code prefix#nsp#uid#} of the requesting node; JSON messages,
 * MessagePack when they carry binary data. The server count is {@code PUBSUB SHARDNUMSUB} of the
 * namespace channel.
 */
final class ShardedRedisAdapter extends ClusterCore {
  private static final Pattern NODE_ID = Pattern.compile("[0-9a-f]{16}");

  private final ObjectMapper msgpack = new ObjectMapper(new MessagePackFactory());
  private final SubscriptionMode mode;
  private final String channel;
  private final String responseChannel;
  private final StatefulRedisConnection<byte[], byte[]> pub;
  private final StatefulRedisPubSubConnection<byte[], byte[]> sub;
  /** Rooms that have a channel of their own; guarded by itself. */
  private final Set<String> roomChannels = new HashSet<>();

  ShardedRedisAdapter(AdapterContext context, RedisClient client, RedisAdapterOptions options) {
    super(context, options, false);
    this.mode = options.subscriptionMode();
    this.channel = options.channelPrefix() + "#" + context.namespace() + "#";
    this.responseChannel = channel + uid + "#";
    this.pub = client.connect(ByteArrayCodec.INSTANCE);
    this.sub = client.connectPubSub(ByteArrayCodec.INSTANCE);
    sub.addListener(new RedisPubSubAdapter<>() {
      @Override
      public void smessage(byte[] from, byte[] message) {
        onRawMessage(new String(from, StandardCharsets.UTF_8), message);
      }
    });
    sub.sync().ssubscribe(bytes(channel), bytes(responseChannel));
    start();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private void onRawMessage(String from, byte[] raw) {
    JsonNode message;
    try {
      message = raw.length > 0 && raw[0] == '{' ? JsJson.mapper().readTree(raw) : msgpack.readTree(raw);
    } catch (IOException | RuntimeException e) {
      drop("neither JSON nor MessagePack");
      return;
    }
    if (from.equals(responseChannel)) {
      onResponse(message);
    } else {
      onMessage(message, null);
    }
  }

  /** JSON, or MessagePack when a message that may carry binary data does, as the reference. */
  private byte[] encode(ObjectNode message) throws IOException {
    return JsJson.countBinary(message) > 0 ? msgpack.writeValueAsBytes(message) : JsJson.mapper().writeValueAsBytes(message);
  }

  @Override
  CompletionStage<String> doPublish(ObjectNode message) {
    try {
      return pub.async().spublish(bytes(channelOf(message)), encode(message)).thenApply(n -> "");
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** A broadcast without acks to one room that is not a socket id goes to that room's channel. */
  private String channelOf(ObjectNode message) {
    JsonNode data = message.path("data");
    JsonNode rooms = data.path("opts").path("rooms");
    boolean dynamic = message.path("type").asInt() == BROADCAST && !data.has("requestId") && rooms.size() == 1
        && ((mode == SubscriptionMode.DYNAMIC && rooms.get(0).asText().length() != 20)
            || mode == SubscriptionMode.DYNAMIC_PRIVATE);
    return dynamic ? channel + rooms.get(0).asText() + "#" : channel;
  }

  @Override
  CompletionStage<?> doPublishResponse(String requesterUid, ObjectNode response) {
    try {
      return pub.async().spublish(bytes(channel + requesterUid + "#"), encode(response));
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletionStage<Integer> serverCount() {
    return pub.async().pubsubShardNumsub(bytes(channel)).toCompletableFuture()
        .thenApply(counts -> counts.values().stream().mapToInt(Long::intValue).sum())
        .exceptionally(e -> 1);
  }

  /** The nodes whose response channel ({@code prefix#nsp#uid#}) has a subscriber. */
  @Override
  CompletionStage<Set<String>> liveNodes() {
    return pub.async().pubsubShardChannels(bytes(glob(channel) + "*")).toCompletableFuture()
        .thenApply(names -> nodeIds(names, channel));
  }

  static Set<String> nodeIds(List<byte[]> names, String channel) {
    return names.stream().map(n -> new String(n, StandardCharsets.UTF_8))
        .filter(n -> n.startsWith(channel) && n.endsWith("#") && n.length() == channel.length() + 17)
        .map(n -> n.substring(channel.length(), n.length() - 1))
        .filter(id -> NODE_ID.matcher(id).matches())
        .collect(Collectors.toSet());
  }

  /** Escapes the glob characters of a literal channel name. */
  static String glob(String literal) {
    return literal.replaceAll("([\\\\*?\\[\\]])", "\\\\$1");
  }

  // ---------------------------------------------------------------------------------------------
  // A channel per room (dynamic subscription modes)

  private boolean separateChannel(String room) {
    boolean isSocketId = !local.socketRooms(room).isEmpty();
    return (mode == SubscriptionMode.DYNAMIC && !isSocketId) || mode == SubscriptionMode.DYNAMIC_PRIVATE;
  }

  @Override
  public void addAll(String id, Collection<String> rooms) {
    if (mode == SubscriptionMode.STATIC) {
      local.addAll(id, rooms);
      return;
    }
    synchronized (roomChannels) {
      List<String> created = rooms.stream().filter(r -> !local.hasRoom(r)).collect(Collectors.toList());
      local.addAll(id, rooms);
      for (String room : created) {
        if (separateChannel(room) && roomChannels.add(room)) {
          sub.async().ssubscribe(bytes(channel + room + "#"));
        }
      }
    }
  }

  @Override
  public void del(String id, String room) {
    synchronized (roomChannels) {
      local.del(id, room);
      dropEmpty(List.of(room));
    }
  }

  @Override
  public void delAll(String id) {
    synchronized (roomChannels) {
      Set<String> rooms = local.socketRooms(id);
      local.delAll(id);
      dropEmpty(rooms);
    }
  }

  private void dropEmpty(Collection<String> rooms) {
    for (String room : rooms) {
      if (!local.hasRoom(room) && roomChannels.remove(room)) {
        sub.async().sunsubscribe(bytes(channel + room + "#"));
      }
    }
  }

  @Override
  public void close() {
    super.close();
    sub.closeAsync();
    pub.closeAsync();
  }
}
