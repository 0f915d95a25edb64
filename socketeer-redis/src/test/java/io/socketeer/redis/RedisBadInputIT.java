package io.socketeer.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.socketeer.netty.NettySocketIoServer;
import io.socketeer.server.ServerOptions;
import io.socketeer.server.SocketIoServer;
import io.socketeer.testkit.RawSocketIoPeer;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile or absent peers on the Redis side (BAD_INPUTS 4.7): garbage on the broadcast channel,
 * a node that never answers requests, and the node's own messages coming back.
 */
class RedisBadInputIT {
  private RedisServer redis;
  private RedisClient client;
  private SocketIoServer io;
  private NettySocketIoServer server;

  @BeforeEach
  void start() throws Exception {
    redis = RedisServer.start();
    client = RedisClient.create(redis.uri());
    client.setOptions(ClientOptions.builder()
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
    io = SocketIoServer.create(ServerOptions.builder().adapterFactory(RedisAdapter.factory(client)).build());
    server = NettySocketIoServer.start(io, 0);
  }

  @AfterEach
  void stop() {
    server.close();
    client.shutdown();
    redis.close();
  }

  private static long count(java.util.List<String> received, String packet) {
    return received.stream().filter(packet::equals).count();
  }

  @Test
  void c53GarbageOnTheChannelIsDroppedAndCountedAndNothingBreaks() throws Exception {
    RawSocketIoPeer peer = RawSocketIoPeer.open(server.port()).join();
    RedisAdapter adapter = (RedisAdapter) io.of("/").adapter();
    ByteArrayOutputStream serialized = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(serialized)) {
      out.writeObject(new java.util.ArrayList<>(java.util.List.of("gadget")));
    }
    byte[][] garbage = {
        "not msgpack at all".getBytes(StandardCharsets.UTF_8),
        {(byte) 0x81, (byte) 0xa1, 'a', 0x01}, // {"a": 1}: MessagePack of the wrong shape
        {(byte) 0x93, (byte) 0xa1, 'x', (byte) 0xc0, (byte) 0xc0}, // ["x", nil, nil]
        serialized.toByteArray(),
        {}};
    try (StatefulRedisConnection<byte[], byte[]> pub = client.connect(ByteArrayCodec.INSTANCE)) {
      for (byte[] message : garbage) {
        pub.sync().publish("socket.io#/#".getBytes(StandardCharsets.UTF_8), message);
      }
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> adapter.droppedMessages() == garbage.length);
    io.emit("news", "still here");
    await().atMost(Duration.ofSeconds(5)).until(() -> peer.received().contains("42[\"news\",\"still here\"]"));
    peer.close();
  }

  @Test
  void c55RequestsToANodeThatNeverAnswersFailAfterTheTimeout() throws Exception {
    StatefulRedisPubSubConnection<String, String> frozen = client.connectPubSub();
    try {
      // Counted as a node (it listens on the request channel) but never answers.
      frozen.sync().subscribe("socket.io-request#/#");
      assertThat(io.of("/").adapter().serverCount().toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo(2);
      long start = System.nanoTime();
      var sockets = io.fetchSockets();
      assertThat(sockets).failsWithin(Duration.ofSeconds(10))
          .withThrowableOfType(ExecutionException.class)
          .withCauseInstanceOf(TimeoutException.class)
          .withMessageContaining("timeout reached");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(4_900));
    } finally {
      frozen.close();
    }
    // Once it has left, the count is taken again and requests complete at once.
    await().atMost(Duration.ofSeconds(5)).until(() ->
        io.of("/").adapter().serverCount().toCompletableFuture().get(5, TimeUnit.SECONDS) == 1);
    assertThat(io.fetchSockets()).succeedsWithin(Duration.ofSeconds(2));
  }

  @Test
  void c56ItsOwnMessagesComingBackThroughRedisAreIgnored() throws Exception {
    RawSocketIoPeer peer = RawSocketIoPeer.open(server.port()).join();
    io.emit("news", "once");
    io.to("nobody").emit("news", "no one");
    io.emit("news", "marker");
    await().atMost(Duration.ofSeconds(5)).until(() -> peer.received().contains("42[\"news\",\"marker\"]"));
    // The copies published to Redis have had time to come back (they went before the marker).
    await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> true);
    assertThat(count(peer.received(), "42[\"news\",\"once\"]")).isEqualTo(1);
    assertThat(count(peer.received(), "42[\"news\",\"marker\"]")).isEqualTo(1);
    assertThat(peer.received()).doesNotContain("42[\"news\",\"no one\"]");
    peer.close();
  }
}
