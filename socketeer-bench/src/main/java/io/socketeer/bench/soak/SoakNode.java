package io.socketeer.bench.soak;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.RedisClient;
import io.socketeer.netty.NettySocketIoServer;
import io.socketeer.redis.RedisAdapter;
import io.socketeer.server.AckTimeoutException;
import io.socketeer.server.ServerOptions;
import io.socketeer.server.Socket;
import io.socketeer.server.SocketIoServer;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One Socketeer server of the soak run, in this JVM: the soak application (clients join the room
 * of their id; {@code msg} is broadcast to the sender's room and written to the {@link Ledger}),
 * on the Netty runtime, with the in-memory adapter or the Redis adapter. It can be stopped and
 * started again on the same port.
 *
 * <p>Thread-safety: {@link #start}, {@link #stop} and {@link #close} are called by the harness's
 * orchestration threads only; the rest may be called from any thread.
 */
final class SoakNode implements AutoCloseable {
  /** Wire names of the soak application. */
  static final String MSG = "msg";
  static final String ROOM_MESSAGE = "m";
  static final String NEWS = "n";
  static final String PROBE = "probe";
  private static final String CLUSTER_PROBE = "soak-cluster-probe";

  final int index;
  private final SoakConfig config;
  private final Ledger ledger;
  private final AckStats acks;
  private final String redisUri;
  private final int nodes;
  /** The server socket of each client id connected here. */
  private final Map<Integer, Socket> sockets = new ConcurrentHashMap<>();
  /** Highest cluster probe seen from each node (cluster mode). */
  final AtomicLongArray probesSeen;
  private volatile int port;
  private volatile NettySocketIoServer server;
  private volatile RedisClient redis;

  SoakNode(int index, SoakConfig config, Ledger ledger, AckStats acks, String redisUri, int nodes) {
    this.index = index;
    this.config = config;
    this.ledger = ledger;
    this.acks = acks;
    this.redisUri = redisUri;
    this.nodes = nodes;
    this.probesSeen = new AtomicLongArray(nodes);
  }

  /** Starts the server, on a free port the first time and on the same port afterwards. */
  void start() throws InterruptedException {
    ServerOptions.Builder options = ServerOptions.builder();
    if (redisUri != null) {
      RedisClient client = RedisClient.create(redisUri);
      client.setOptions(io.lettuce.core.ClientOptions.builder()
          .disconnectedBehavior(io.lettuce.core.ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
      redis = client;
      options.adapterFactory(RedisAdapter.factory(client));
    }
    SocketIoServer io = SocketIoServer.create(options.build());
    io.onConnection(socket -> onConnection(io, socket));
    io.onServerSideEvent(CLUSTER_PROBE, (args, ack) -> probesSeen.accumulateAndGet(
        args.get(0).asInt(), args.get(1).asLong(), Math::max));
    // A port just released may still be held for a moment: retry the bind for a few seconds.
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      try {
        server = NettySocketIoServer.builder(io).address(new InetSocketAddress("127.0.0.1", port)).start();
        port = server.port();
        return;
      } catch (RuntimeException e) {
        if (!(rootCause(e) instanceof BindException) || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  private void onConnection(SocketIoServer io, Socket socket) {
    JsonNode auth = socket.handshake().auth();
    if (!auth.path("id").isInt()) {
      socket.disconnect(true);
      return;
    }
    int id = auth.path("id").asInt();
    boolean withholds = auth.path("w").asBoolean();
    boolean slow = auth.path("slow").asBoolean();
    String room = room(id);
    socket.join(room);
    socket.data().put("w", withholds).put("slow", slow);
    sockets.put(id, socket);
    socket.on(MSG, (args, ack) -> {
      int seq = args.get(0).asInt();
      ledger.record(System.nanoTime(), id, seq, index);
      (config.isVolatile(seq) ? io.to(room).asVolatile() : io.to(room)).emit(ROOM_MESSAGE, id, seq);
    });
    socket.onDisconnect(reason -> sockets.remove(id, socket));
  }

  String room(int clientId) {
    return "r" + clientId / config.roomSize;
  }

  int port() {
    return port;
  }

  boolean isUp() {
    return server != null;
  }

  /** Broadcasts news item {@code seq} to every client of the cluster, recording it first. */
  void news(int seq) {
    NettySocketIoServer s = server;
    if (s != null) {
      ledger.record(System.nanoTime(), Ledger.NEWS, seq, index);
      s.io().emit(NEWS, seq);
    }
  }

  /** Sends a cluster probe {@code k} to the other nodes through the adapter (cluster mode). */
  void clusterProbe(long k) {
    NettySocketIoServer s = server;
    if (s != null) {
      try {
        s.io().serverSideEmit(CLUSTER_PROBE, index, k);
      } catch (RuntimeException redisDown) {
        // The adapter refuses while Redis is away; the next probe tries again.
      }
    }
  }

  /** Drops the connection of client {@code id} from the server side; false when it is not here. */
  boolean dropConnection(int id) {
    Socket socket = sockets.get(id);
    if (socket == null) {
      return false;
    }
    socket.conn().close();
    return true;
  }

  /** Asks client {@code id} for an acknowledgement, if it is connected here; counts the outcome. */
  boolean probe(int id) {
    Socket socket = sockets.get(id);
    if (socket == null) {
      return false;
    }
    boolean withholds = socket.data().path("w").asBoolean();
    boolean slow = socket.data().path("slow").asBoolean();
    acks.sent.incrementAndGet();
    socket.timeout(config.ackTimeout).emitWithAck(PROBE, id).whenComplete((reply, error) -> {
      if (error == null) {
        (withholds ? acks.answeredByWithholder : acks.answered).incrementAndGet();
      } else if (!(unwrap(error) instanceof AckTimeoutException) || !socket.connected()) {
        acks.failedByDisconnect.incrementAndGet();
      } else if (withholds) {
        acks.withheldTimedOut.incrementAndGet();
      } else if (slow) {
        acks.slowTimedOut.incrementAndGet();
      } else {
        acks.unexpectedTimeouts.incrementAndGet();
      }
    });
    return true;
  }

  /** Returns the ids of the clients connected here (a snapshot). */
  Iterable<Integer> clientIds() {
    return new java.util.ArrayList<>(sockets.keySet());
  }

  int connectionCount() {
    NettySocketIoServer s = server;
    return s == null ? 0 : s.io().connectionCount();
  }

  int socketCount() {
    NettySocketIoServer s = server;
    return s == null ? 0 : s.io().of("/").sockets().size();
  }

  /** Stops the server: every connection is dropped and the Redis connections are closed. */
  void stop() {
    NettySocketIoServer s = server;
    server = null;
    if (s != null) {
      s.close();
    }
    sockets.clear();
    RedisClient r = redis;
    redis = null;
    if (r != null) {
      r.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
  }

  @Override
  public void close() {
    stop();
  }

  private static Throwable unwrap(Throwable t) {
    return t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
  }

  private static Throwable rootCause(Throwable t) {
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }
}
