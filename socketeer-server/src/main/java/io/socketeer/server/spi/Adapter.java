package io.socketeer.server.spi;

import io.socketeer.protocol.socketio.SocketPacket;
import io.socketeer.server.Arguments;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Owns the room index of one namespace and spreads broadcasts: to the local sockets (the in-memory
 * adapter) and, in a cluster adapter, to the other servers as well.
 *
 * <p>One adapter per namespace, made by the server's adapter factory with the namespace's {@link
 * AdapterContext}. Every method may be called from any thread, concurrently: implementations are
 * thread-safe.
 */
public interface Adapter {
  /** Adds socket {@code id} to {@code rooms}. */
  void addAll(String id, Collection<String> rooms);

  /** Removes socket {@code id} from {@code room}. */
  void del(String id, String room);

  /** Removes socket {@code id} from every room. */
  void delAll(String id);

  /** Returns the rooms of local socket {@code id}: a snapshot, empty when unknown. */
  Set<String> socketRooms(String id);

  /** Returns every room that has a local socket: a snapshot. */
  Set<String> rooms();

  /** Returns the ids of the local sockets in any of {@code rooms} (every socket when empty). */
  Set<String> sockets(Set<String> rooms);

  /** Sends {@code packet} to the sockets {@code options} select; encodes it once for all of them. */
  void broadcast(SocketPacket packet, BroadcastOptions options);

  /**
   * Sends {@code packet} (which carries an ack id) to the selected sockets and reports each reply.
   *
   * @param clientCount told how many clients the packet was sent to (once per server reached)
   * @param ack told each reply as it arrives
   */
  void broadcastWithAck(
      SocketPacket packet, BroadcastOptions options, IntConsumer clientCount, Consumer<Arguments> ack);

  /** Returns the details of the selected sockets, on every server for a cluster adapter. */
  CompletionStage<List<SocketDetails>> fetchSockets(BroadcastOptions options);

  /** Makes the selected sockets join {@code rooms}. */
  void addSockets(BroadcastOptions options, Collection<String> rooms);

  /** Makes the selected sockets leave {@code rooms}. */
  void delSockets(BroadcastOptions options, Collection<String> rooms);

  /** Disconnects the selected sockets, closing their connections when {@code close}. */
  void disconnectSockets(BroadcastOptions options, boolean close);

  /**
   * Emits an event to the other servers of the cluster (a no-op on one server).
   *
   * @param args the event name first, then its arguments
   */
  void serverSideEmit(List<Object> args);

  /** Returns how many servers the cluster has (1 for a single server). */
  CompletionStage<Integer> serverCount();

  /**
   * Keeps the state of a socket that disconnected for a recoverable reason (connection state
   * recovery); does nothing when recovery is off or unsupported.
   */
  default void persistSession(PersistedSession session) {}

  /**
   * Returns the session {@code pid} with the packets emitted after {@code offset} that it should
   * receive, or null when it is unknown, expired, or the offset is no longer known.
   */
  default CompletionStage<PersistedSession> restoreSession(String pid, String offset) {
    return java.util.concurrent.CompletableFuture.completedFuture(null);
  }

  /** Releases what the adapter holds. */
  void close();
}
