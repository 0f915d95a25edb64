package io.socketeer.redis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.socketeer.protocol.internal.JsJson;
import io.socketeer.protocol.socketio.SocketPacket;
import io.socketeer.server.internal.Values;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.msgpack.jackson.dataformat.MessagePackFactory;

/**
 * Emits to the clients of a Socket.IO cluster from a process that runs no server, through Redis;
 * compatible with the official {@code @socket.io/redis-emitter} (same channels, same messages),
 * so its emits reach the clients of Socketeer and Node servers alike.
 *
 * <pre>{@code
 * RedisEmitter emitter = RedisEmitter.create(RedisClient.create("redis://127.0.0.1:6379"));
 * emitter.to("room1").emit("news", Map.of("title", "hello"));
 * emitter.of("/admin").in("ops").socketsJoin("alerts");
 * emitter.close();
 * }</pre>
 *
 * <p>Immutable views; thread-safe. Emits are published without waiting; acknowledgements are not
 * supported (as in the official emitter).
 */
public final class RedisEmitter implements AutoCloseable {
  /** The uid every emitter message carries, as the official emitter's. */
  static final String UID = "emitter";

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final ObjectMapper MSGPACK = new ObjectMapper(new MessagePackFactory());

  private final StatefulRedisConnection<byte[], byte[]> connection;
  private final String prefix;
  private final String namespace;
  private final Set<String> rooms;
  private final Set<String> except;
  private final boolean isVolatile;
  private final boolean compress;

  private RedisEmitter(StatefulRedisConnection<byte[], byte[]> connection, String prefix, String namespace,
      Set<String> rooms, Set<String> except, boolean isVolatile, boolean compress) {
    this.connection = connection;
    this.prefix = prefix;
    this.namespace = namespace;
    this.rooms = rooms;
    this.except = except;
    this.isVolatile = isVolatile;
    this.compress = compress;
  }

  /** Returns an emitter for the main namespace, with the reference's channel prefix {@code socket.io}. */
  public static RedisEmitter create(RedisClient client) {
    return create(client, "socket.io");
  }

  /** Returns an emitter with another channel prefix (the official emitter's {@code key} option). */
  public static RedisEmitter create(RedisClient client, String prefix) {
    return new RedisEmitter(client.connect(ByteArrayCodec.INSTANCE), Objects.requireNonNull(prefix, "prefix"),
        SocketPacket.MAIN_NAMESPACE, Set.of(), Set.of(), false, true);
  }

  private RedisEmitter with(String nsp, Set<String> rooms, Set<String> except, boolean isVolatile, boolean compress) {
    return new RedisEmitter(connection, prefix, nsp, rooms, except, isVolatile, compress);
  }

  private static Set<String> plus(Set<String> a, String[] more) {
    Set<String> s = new LinkedHashSet<>(a);
    s.addAll(Arrays.asList(more));
    return Collections.unmodifiableSet(s);
  }

  /** Returns this emitter on namespace {@code nsp} ({@code "admin"} means {@code "/admin"}). */
  public RedisEmitter of(String nsp) {
    return with(nsp.startsWith("/") ? nsp : "/" + nsp, Set.of(), Set.of(), false, true);
  }

  /** Returns this emitter also reaching the sockets in {@code rooms}. */
  public RedisEmitter to(String... rooms) {
    return with(namespace, plus(this.rooms, rooms), except, isVolatile, compress);
  }

  /** Same as {@link #to}. */
  public RedisEmitter in(String... rooms) {
    return to(rooms);
  }

  /** Returns this emitter skipping the sockets in {@code rooms}. */
  public RedisEmitter except(String... rooms) {
    return with(namespace, this.rooms, plus(except, rooms), isVolatile, compress);
  }

  /** Returns this emitter with volatile packets. */
  public RedisEmitter asVolatile() {
    return with(namespace, rooms, except, true, compress);
  }

  /** Returns this emitter with compression allowed or not. */
  public RedisEmitter compress(boolean compress) {
    return with(namespace, rooms, except, isVolatile, compress);
  }

  /**
   * Emits {@code event} to the selected sockets of every server.
   *
   * @return true (emits are fire-and-forget)
   * @throws IllegalArgumentException if {@code event} is reserved
   */
  public boolean emit(String event, Object... args) {
    if (SocketPacket.RESERVED_EVENTS.contains(event)) {
      throw new IllegalArgumentException("\"" + event + "\" is a reserved event name");
    }
    ObjectNode packet = F.objectNode().put("type", 2);
    packet.set("data", Values.array(event, args));
    packet.put("nsp", namespace);
    ObjectNode opts = selection();
    ObjectNode flags = opts.putObject("flags");
    if (isVolatile) {
      flags.put("volatile", true);
    }
    if (!compress) {
      flags.put("compress", false);
    }
    String channel = prefix + "#" + namespace + "#" + (rooms.size() == 1 ? rooms.iterator().next() + "#" : "");
    try {
      publish(channel, MSGPACK.writeValueAsBytes(F.arrayNode().add(UID).add(packet).add(opts)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return true;
  }

  private ObjectNode selection() {
    ObjectNode opts = F.objectNode();
    ArrayNode r = opts.putArray("rooms");
    rooms.forEach(r::add);
    ArrayNode e = opts.putArray("except");
    except.forEach(e::add);
    return opts;
  }

  private void request(ObjectNode request) {
    publish(prefix + "-request#" + namespace + "#", JsJson.toBytes(request));
  }

  private void publish(String channel, byte[] message) {
    connection.async().publish(channel.getBytes(StandardCharsets.UTF_8), message);
  }

  /** Makes the selected sockets of every server join {@code rooms}. */
  public void socketsJoin(String... rooms) {
    ObjectNode request = F.objectNode().put("type", 2);
    request.set("opts", selection());
    ArrayNode list = request.putArray("rooms");
    Arrays.stream(rooms).forEach(list::add);
    request(request);
  }

  /** Makes the selected sockets of every server leave {@code rooms}. */
  public void socketsLeave(String... rooms) {
    ObjectNode request = F.objectNode().put("type", 3);
    request.set("opts", selection());
    ArrayNode list = request.putArray("rooms");
    Arrays.stream(rooms).forEach(list::add);
    request(request);
  }

  /** Disconnects the selected sockets of every server, closing their connections when {@code close}. */
  public void disconnectSockets(boolean close) {
    ObjectNode request = F.objectNode().put("type", 4);
    request.set("opts", selection());
    request.put("close", close);
    request(request);
  }

  /** Emits to the servers of the cluster (their {@code onServerSideEvent} handlers). */
  public void serverSideEmit(String event, Object... args) {
    ObjectNode request = F.objectNode().put("uid", UID).put("type", 6);
    request.set("data", Values.array(event, args));
    request(request);
  }

  /** Closes the emitter's Redis connection (shared by every view of this emitter). */
  @Override
  public void close() {
    connection.close();
  }
}
