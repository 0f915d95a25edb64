package io.socketeer.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SetArgs;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.socketeer.protocol.internal.JsJson;
import io.socketeer.server.RecoveryOptions;
import io.socketeer.server.spi.AdapterContext;
import io.socketeer.server.spi.PersistedSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import org.msgpack.jackson.dataformat.MessagePackFactory;

/**
 * The Redis Streams adapter, wire-compatible with {@code @socket.io/redis-streams-adapter} 0.3:
 * broadcasts and room changes are entries of one stream ({@code XADD} with {@code MAXLEN ~}, read
 * with {@code XREAD BLOCK} by every node), each entry {@code uid}, {@code nsp}, {@code type} and
 * {@code data} (JSON, or base64 MessagePack when it carries binary data); requests that need no
 * replay (broadcasts with acks, fetchSockets, serverSideEmit) and every response go through pub/sub
 * as MessagePack. The stream entry id is the offset of connection state recovery, and the sessions
 * of disconnected sockets are kept in Redis, so a client recovers on any node of the cluster.
 */
final class RedisStreamsAdapter extends ClusterCore {
  private static final Pattern OFFSET = Pattern.compile("[0-9]+-[0-9]+");
  /** As the reference: an arbitrary bound on the XRANGE calls of one restore. */
  private static final int RESTORE_MAX_XRANGE_CALLS = 100;

  private final StreamsHub hub;
  private final RedisAdapterOptions options;
  private final ObjectMapper msgpack = new ObjectMapper(new MessagePackFactory());
  private final String publicChannel;
  private final String privateChannel;

  RedisStreamsAdapter(AdapterContext context, StreamsHub hub, RedisAdapterOptions options) {
    super(context, options, true);
    this.hub = hub;
    this.options = options;
    this.publicChannel = options.channelPrefix() + "#" + context.namespace() + "#";
    this.privateChannel = publicChannel + uid + "#";
    hub.register(this);
    start();
  }

  String publicChannel() {
    return publicChannel;
  }

  String privateChannel() {
    return privateChannel;
  }

  /** A message from the channels: MessagePack of the whole message. */
  void onPubSub(byte[] payload) {
    JsonNode message;
    try {
      message = msgpack.readTree(payload);
    } catch (IOException | RuntimeException e) {
      drop("not MessagePack");
      return;
    }
    onMessage(message, null);
  }

  /** An entry of the stream. */
  void onEntry(StreamMessage<String, String> entry) {
    JsonNode message = decodeEntry(entry.getBody());
    if (message == null) {
      drop("bad stream entry");
      return;
    }
    onMessage(message, entry.getId());
  }

  private JsonNode decodeEntry(Map<String, String> body) {
    ObjectNode message = F.objectNode();
    message.put("uid", body.get("uid"));
    message.put("nsp", body.get("nsp"));
    try {
      message.put("type", Integer.parseInt(String.valueOf(body.get("type"))));
      String data = body.get("data");
      if (data != null && !data.isEmpty()) {
        message.set("data", data.startsWith("{") ? JsJson.mapper().readTree(data)
            : msgpack.readTree(Base64.getDecoder().decode(data)));
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return message;
  }

  /** Broadcasts with acks, fetchSockets and serverSideEmit are not worth replaying: pub/sub. */
  private static boolean isEphemeral(ObjectNode message) {
    int type = message.path("type").asInt();
    return (type == BROADCAST && message.path("data").has("requestId"))
        || type == SERVER_SIDE_EMIT || type == FETCH_SOCKETS;
  }

  @Override
  CompletionStage<String> doPublish(ObjectNode message) {
    try {
      if (isEphemeral(message)) {
        return hub.publish(publicChannel, msgpack.writeValueAsBytes(message)).thenApply(n -> "");
      }
      Map<String, String> entry = new LinkedHashMap<>();
      entry.put("uid", message.path("uid").asText());
      entry.put("nsp", message.path("nsp").asText());
      entry.put("type", message.path("type").asText());
      JsonNode data = message.get("data");
      if (data != null) {
        entry.put("data", JsJson.countBinary(data) > 0
            ? Base64.getEncoder().encodeToString(msgpack.writeValueAsBytes(data))
            : JsJson.mapper().writeValueAsString(data));
      }
      return hub.commands().async().xadd(options.streamName(),
          XAddArgs.Builder.maxlen(options.maxLen()).approximateTrimming(), entry);
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  CompletionStage<?> doPublishResponse(String requesterUid, ObjectNode response) {
    try {
      return hub.publish(publicChannel + requesterUid + "#", msgpack.writeValueAsBytes(response));
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletionStage<Integer> serverCount() {
    return hub.pub().async().pubsubNumsub(publicChannel.getBytes(StandardCharsets.UTF_8)).toCompletableFuture()
        .thenApply(counts -> counts.values().stream().mapToInt(Long::intValue).sum())
        .exceptionally(e -> 1);
  }

  @Override
  CompletionStage<Set<String>> liveNodes() {
    return hub.pub().async()
        .pubsubChannels((ShardedRedisAdapter.glob(publicChannel) + "*").getBytes(StandardCharsets.UTF_8))
        .toCompletableFuture()
        .thenApply(names -> ShardedRedisAdapter.nodeIds(names, publicChannel));
  }

  // ---------------------------------------------------------------------------------------------
  // Connection state recovery

  @Override
  public void persistSession(PersistedSession session) {
    RecoveryOptions recovery = context.recovery();
    if (recovery == null) {
      return;
    }
    ObjectNode json = F.objectNode().put("sid", session.sid()).put("pid", session.pid());
    ArrayNode rooms = json.putArray("rooms");
    session.rooms().forEach(rooms::add);
    json.set("data", session.data());
    try {
      String encoded = Base64.getEncoder().encodeToString(msgpack.writeValueAsBytes(json));
      hub.commands().async().set(options.sessionKeyPrefix() + session.pid(), encoded,
          SetArgs.Builder.px(recovery.maxDisconnectionDuration().toMillis()));
    } catch (IOException e) {
      drop("cannot encode a session");
    }
  }

  @Override
  public CompletionStage<PersistedSession> restoreSession(String pid, String offset) {
    if (context.recovery() == null || !OFFSET.matcher(offset).matches()) {
      return CompletableFuture.completedFuture(null);
    }
    var commands = hub.commands().async();
    CompletableFuture<String> raw = commands.getdel(options.sessionKeyPrefix() + pid).toCompletableFuture();
    CompletableFuture<List<StreamMessage<String, String>>> at =
        commands.xrange(options.streamName(), Range.create(offset, offset)).toCompletableFuture();
    return raw.thenCombine(at, (session, entries) -> session == null || entries.isEmpty() ? null : session)
        .thenCompose(session -> {
          if (session == null) {
            return CompletableFuture.completedFuture(null);
          }
          JsonNode json;
          try {
            json = msgpack.readTree(Base64.getDecoder().decode(session));
          } catch (IOException | RuntimeException e) {
            drop("bad session");
            return CompletableFuture.completedFuture(null);
          }
          List<String> rooms = strings(json.get("rooms"));
          Set<String> roomSet = new HashSet<>(rooms == null ? List.of() : rooms);
          PersistedSession restored = new PersistedSession(json.path("sid").asText(), pid, roomSet,
              json.path("data").isMissingNode() ? F.objectNode() : json.get("data"), List.of());
          return missedSince(offset, roomSet, new ArrayList<>(), 0).thenApply(restored::withMissedPackets);
        });
  }

  /** Reads the stream after {@code offset} and keeps the broadcasts a socket in {@code rooms} would have got. */
  private CompletionStage<List<ArrayNode>> missedSince(String offset, Set<String> rooms, List<ArrayNode> missed,
      int calls) {
    if (calls >= RESTORE_MAX_XRANGE_CALLS) {
      return CompletableFuture.completedFuture(missed);
    }
    Range<String> after = Range.from(Range.Boundary.including(nextOffset(offset)), Range.Boundary.unbounded());
    return hub.commands().async().xrange(options.streamName(), after).thenCompose(entries -> {
      if (entries.isEmpty()) {
        return CompletableFuture.completedFuture(missed);
      }
      String last = offset;
      for (StreamMessage<String, String> entry : entries) {
        Map<String, String> body = entry.getBody();
        if (namespace.equals(body.get("nsp")) && String.valueOf(BROADCAST).equals(body.get("type"))) {
          JsonNode message = decodeEntry(body);
          JsonNode data = message == null ? null : message.path("data");
          JsonNode args = data == null ? null : data.path("packet").get("data");
          if (args != null && args.isArray() && includes(rooms, data.path("opts"))) {
            ArrayNode copy = ((ArrayNode) args).deepCopy();
            copy.add(entry.getId());
            missed.add(copy);
          }
        }
        last = entry.getId();
      }
      return missedSince(last, rooms, missed, calls + 1);
    });
  }

  /** Whether a broadcast to {@code opts} reaches a socket in {@code rooms}, as the reference decides. */
  private static boolean includes(Set<String> rooms, JsonNode opts) {
    List<String> to = strings(opts.get("rooms"));
    List<String> except = strings(opts.get("except"));
    if (to == null || except == null) {
      return false;
    }
    boolean included = to.isEmpty() || to.stream().anyMatch(rooms::contains);
    return included && except.stream().noneMatch(rooms::contains);
  }

  /** The id right after {@code offset} (exclusive ranges need Redis 6.2; the reference does this). */
  static String nextOffset(String offset) {
    int dash = offset.indexOf('-');
    return offset.substring(0, dash + 1) + (Long.parseLong(offset.substring(dash + 1)) + 1);
  }

  @Override
  public void close() {
    super.close();
    hub.unregister(this);
  }

  /**
   * What the adapters of one factory share: a connection for commands, one for pub/sub, and one
   * that reads the stream in a loop of blocking {@code XREAD}s, handing each entry to the adapter
   * of its namespace. Opened with the first adapter, closed with the last.
   */
  static final class StreamsHub {
    private final RedisClient client;
    private final RedisAdapterOptions options;
    private final Map<String, RedisStreamsAdapter> adapters = new java.util.concurrent.ConcurrentHashMap<>();
    /** Guarded by {@code this}. */
    private StatefulRedisConnection<String, String> commands;
    private StatefulRedisConnection<byte[], byte[]> pub;
    private StatefulRedisPubSubConnection<byte[], byte[]> sub;
    private StatefulRedisConnection<String, String> reader;
    /** The last entry id read; only touched by the read loop. */
    private String offset = "$";
    private volatile boolean running;

    StreamsHub(RedisClient client, RedisAdapterOptions options) {
      this.client = client;
      this.options = options;
    }

    synchronized StatefulRedisConnection<String, String> commands() {
      return commands;
    }

    synchronized StatefulRedisConnection<byte[], byte[]> pub() {
      return pub;
    }

    CompletionStage<Long> publish(String channel, byte[] payload) {
      return pub().async().publish(channel.getBytes(StandardCharsets.UTF_8), payload);
    }

    synchronized void register(RedisStreamsAdapter adapter) {
      if (adapters.isEmpty()) {
        open();
      }
      adapters.put(adapter.namespace, adapter);
      sub.sync().subscribe(adapter.publicChannel().getBytes(StandardCharsets.UTF_8),
          adapter.privateChannel().getBytes(StandardCharsets.UTF_8));
    }

    synchronized void unregister(RedisStreamsAdapter adapter) {
      if (!adapters.remove(adapter.namespace, adapter)) {
        return;
      }
      if (adapters.isEmpty()) {
        running = false;
        reader.closeAsync();
        sub.closeAsync();
        // Let the goodbye (ADAPTER_CLOSE) go out first.
        commands.closeAsync();
        pub.closeAsync();
      } else {
        sub.async().unsubscribe(adapter.publicChannel().getBytes(StandardCharsets.UTF_8),
            adapter.privateChannel().getBytes(StandardCharsets.UTF_8));
      }
    }

    private void open() {
      commands = client.connect();
      pub = client.connect(ByteArrayCodec.INSTANCE);
      sub = client.connectPubSub(ByteArrayCodec.INSTANCE);
      reader = client.connect();
      sub.addListener(new RedisPubSubAdapter<>() {
        @Override
        public void message(byte[] channel, byte[] message) {
          String name = new String(channel, StandardCharsets.UTF_8);
          for (RedisStreamsAdapter adapter : adapters.values()) {
            if (name.equals(adapter.publicChannel()) || name.equals(adapter.privateChannel())) {
              adapter.onPubSub(message);
            }
          }
        }
      });
      running = true;
      poll(reader);
    }

    /** One XREAD, then the next; after a failure (Redis away) the next one waits a little. */
    private void poll(StatefulRedisConnection<String, String> connection) {
      if (!running) {
        return;
      }
      connection.async().xread(io.lettuce.core.XReadArgs.Builder.block(options.blockTime()).count(options.readCount()),
          io.lettuce.core.XReadArgs.StreamOffset.from(options.streamName(), offset))
          .whenComplete((entries, error) -> {
            if (error != null) {
              if (running) {
                client.getResources().eventExecutorGroup()
                    .schedule(() -> poll(connection), 200, java.util.concurrent.TimeUnit.MILLISECONDS);
              }
              return;
            }
            if (entries != null) {
              for (StreamMessage<String, String> entry : entries) {
                RedisStreamsAdapter adapter = adapters.get(String.valueOf(entry.getBody().get("nsp")));
                if (adapter != null) {
                  adapter.onEntry(entry);
                }
                offset = entry.getId();
              }
            }
            poll(connection);
          });
    }
  }
}
