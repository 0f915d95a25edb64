package io.socketeer.redis;

import io.lettuce.core.RedisClient;
import io.socketeer.redis.RedisAdapterOptions.Variant;
import io.socketeer.server.ServerOptions;
import io.socketeer.server.SocketIoServer;
import java.time.Duration;

/**
 * A cluster node in a process of its own, for {@link NodeHeartbeatIT} to kill: a server on the
 * sharded adapter with fast heartbeats whose {@code slow} server-side event is never acknowledged.
 *
 * <p>Arguments: the Redis URI. Prints {@code ready} once its adapter is subscribed.
 */
public final class SilentNodeMain {
  private SilentNodeMain() {}

  public static void main(String[] args) throws InterruptedException {
    RedisClient client = RedisClient.create(args[0]);
    SocketIoServer io = SocketIoServer.create(ServerOptions.builder()
        .adapterFactory(RedisAdapter.factory(client, NodeHeartbeatIT.options(Variant.SHARDED))).build());
    io.onServerSideEvent("slow", (arguments, ack) -> { });
    io.of("/");
    System.out.println("ready");
    System.out.flush();
    Thread.sleep(Duration.ofMinutes(2).toMillis());
  }
}
