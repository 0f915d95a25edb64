package io.socketeer.server;

import io.socketeer.protocol.socketio.EncodedSocketPacket;
import io.socketeer.protocol.socketio.SocketPacket;
import io.socketeer.protocol.socketio.SocketPacketEncoder;
import io.socketeer.protocol.socketio.SocketPacketType;
import io.socketeer.server.internal.Ids;
import io.socketeer.server.spi.PersistedSession;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;
import io.socketeer.server.spi.Adapter;
import io.socketeer.server.spi.AdapterContext;
import io.socketeer.server.spi.BroadcastOptions;
import io.socketeer.server.spi.SocketDetails;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The default adapter: rooms of one server's sockets, held in memory.
 *
 * <p>Two concurrent indexes, room to sockets and socket to rooms, so that a room broadcast visits
 * only the room's members and a socket's rooms are found without a scan. A broadcast is encoded
 * once; every recipient gets the same immutable packets. Thread-safe; iteration during concurrent
 * joins and leaves is weakly consistent (a socket joining while a broadcast runs may or may not
 * receive it), as with any concurrent delivery.
 */
public final class InMemoryAdapter implements Adapter {
  private final AdapterContext context;
  private final Map<String, Set<String>> rooms = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> sids = new ConcurrentHashMap<>();

  /** Connection state recovery, or null when off. */
  private final RecoveryOptions recovery;

  /** Sessions of disconnected sockets, by private id; only used with recovery. */
  private final Map<String, StoredSession> sessions = new ConcurrentHashMap<>();

  /** Event packets sent with an offset, oldest first; only used with recovery. */
  private final Deque<LogEntry> log = new ConcurrentLinkedDeque<>();

  private final String offsetPrefix = Ids.next().substring(0, 4);
  private final AtomicLong offsets = new AtomicLong();
  private final AtomicLong persists = new AtomicLong();

  /** Creates the adapter of the namespace behind {@code context}. */
  public InMemoryAdapter(AdapterContext context) {
    this.context = context;
    this.recovery = context.recovery();
  }

  @Override
  public void addAll(String id, Collection<String> roomNames) {
    Set<String> own = sids.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet());
    for (String room : roomNames) {
      own.add(room);
      if (rooms.computeIfAbsent(room, k -> ConcurrentHashMap.newKeySet()).add(id)) {
        context.roomJoined(room, id);
      }
    }
  }

  @Override
  public void del(String id, String room) {
    Set<String> own = sids.get(id);
    if (own != null) {
      own.remove(room);
    }
    removeFromRoom(room, id);
  }

  private void removeFromRoom(String room, String id) {
    boolean[] removed = new boolean[1];
    rooms.computeIfPresent(room, (r, members) -> {
      removed[0] = members.remove(id);
      return members.isEmpty() ? null : members;
    });
    if (removed[0]) {
      context.roomLeft(room, id);
    }
  }

  @Override
  public void delAll(String id) {
    Set<String> own = sids.remove(id);
    if (own != null) {
      for (String room : own) {
        removeFromRoom(room, id);
      }
    }
  }

  @Override
  public Set<String> socketRooms(String id) {
    Set<String> own = sids.get(id);
    return own == null ? Set.of() : Set.copyOf(own);
  }

  /** Returns true when at least one local socket is in {@code room}; no copy is made. */
  public boolean hasRoom(String room) {
    return rooms.containsKey(room);
  }

  @Override
  public Set<String> rooms() {
    return Set.copyOf(rooms.keySet());
  }

  @Override
  public Set<String> sockets(Set<String> roomNames) {
    Set<String> result = new HashSet<>();
    apply(BroadcastOptions.all().withRooms(roomNames), result::add);
    return result;
  }

  /** Calls {@code action} once for each local socket the options select. */
  private void apply(BroadcastOptions options, Consumer<String> action) {
    Set<String> except = excluded(options.except());
    if (!options.rooms().isEmpty()) {
      Set<String> seen = options.rooms().size() > 1 ? new HashSet<>() : null;
      for (String room : options.rooms()) {
        Set<String> members = rooms.get(room);
        if (members == null) {
          continue;
        }
        for (String id : members) {
          if (!except.contains(id) && (seen == null || seen.add(id))) {
            action.accept(id);
          }
        }
      }
    } else {
      for (String id : sids.keySet()) {
        if (!except.contains(id)) {
          action.accept(id);
        }
      }
    }
  }

  private Set<String> excluded(Set<String> exceptRooms) {
    if (exceptRooms.isEmpty()) {
      return Set.of();
    }
    Set<String> ids = new HashSet<>();
    for (String room : exceptRooms) {
      Set<String> members = rooms.get(room);
      if (members != null) {
        ids.addAll(members);
      }
    }
    return ids;
  }

  @Override
  public void broadcast(SocketPacket packet, BroadcastOptions options) {
    if (recovery != null && packet.type() == SocketPacketType.EVENT && !packet.hasAckId() && !options.isVolatile()) {
      packet = withOffset(packet, options);
    }
    EncodedSocketPacket encoded = SocketPacketEncoder.encode(packet);
    List<String> ids = new ArrayList<>();
    apply(options, ids::add);
    context.deliverAll(ids, encoded, options.isVolatile(), options.compress());
  }

  @Override
  public void broadcastWithAck(
      SocketPacket packet, BroadcastOptions options, IntConsumer clientCount, Consumer<Arguments> ack) {
    EncodedSocketPacket encoded = SocketPacketEncoder.encode(packet);
    int[] count = {0};
    apply(options, id -> {
      if (context.deliverWithAck(id, encoded, packet.ackId(), options.compress(), ack)) {
        count[0]++;
      }
    });
    clientCount.accept(count[0]);
  }

  @Override
  public CompletionStage<List<SocketDetails>> fetchSockets(BroadcastOptions options) {
    List<SocketDetails> result = new ArrayList<>();
    apply(options, id -> {
      SocketDetails details = context.details(id);
      if (details != null) {
        result.add(details);
      }
    });
    return CompletableFuture.completedFuture(result);
  }

  @Override
  public void addSockets(BroadcastOptions options, Collection<String> roomNames) {
    List<String> ids = new ArrayList<>();
    apply(options, ids::add);
    ids.forEach(id -> addAll(id, roomNames));
  }

  @Override
  public void delSockets(BroadcastOptions options, Collection<String> roomNames) {
    List<String> ids = new ArrayList<>();
    apply(options, ids::add);
    for (String id : ids) {
      roomNames.forEach(room -> del(id, room));
    }
  }

  @Override
  public void disconnectSockets(BroadcastOptions options, boolean close) {
    List<String> ids = new ArrayList<>();
    apply(options, ids::add);
    ids.forEach(id -> context.disconnect(id, close));
  }

  @Override
  public void serverSideEmit(ArrayNode data) {
    // One server: there is nobody else to tell.
  }

  @Override
  public CompletionStage<Integer> serverCount() {
    return CompletableFuture.completedFuture(1);
  }

  @Override
  public void close() {
    sessions.clear();
    log.clear();
  }

  // ---------------------------------------------------------------------------------------------
  // Connection state recovery

  /** Appends a fresh offset to the event's arguments and logs it for sockets that reconnect. */
  private SocketPacket withOffset(SocketPacket packet, BroadcastOptions options) {
    String offset = offsetPrefix + Long.toString(offsets.incrementAndGet(), 36);
    ArrayNode data = JsonNodeFactory.instance.arrayNode(packet.data().size() + 1);
    data.addAll((ArrayNode) packet.data());
    data.add(offset);
    long now = context.scheduler().nanoTime();
    log.add(new LogEntry(offset, options, data, now));
    trimLog(now);
    return SocketPacket.event(packet.namespace(), data);
  }

  private void trimLog(long now) {
    long oldest = now - recovery.maxDisconnectionDuration().toNanos();
    for (LogEntry head = log.peekFirst(); head != null && head.emittedAt < oldest; head = log.peekFirst()) {
      log.pollFirst();
    }
  }

  @Override
  public void persistSession(PersistedSession session) {
    if (recovery == null) {
      return;
    }
    long now = context.scheduler().nanoTime();
    sessions.put(session.pid(), new StoredSession(session, now));
    if (persists.incrementAndGet() % 64 == 0) {
      long oldest = now - recovery.maxDisconnectionDuration().toNanos();
      sessions.values().removeIf(s -> s.disconnectedAt < oldest);
    }
  }

  @Override
  public CompletionStage<PersistedSession> restoreSession(String pid, String offset) {
    if (recovery == null) {
      return CompletableFuture.completedFuture(null);
    }
    StoredSession stored = sessions.remove(pid);
    long now = context.scheduler().nanoTime();
    if (stored == null || stored.disconnectedAt < now - recovery.maxDisconnectionDuration().toNanos()) {
      return CompletableFuture.completedFuture(null);
    }
    trimLog(now);
    List<ArrayNode> missed = null;
    for (LogEntry entry : log) {
      if (missed == null) {
        if (entry.offset.equals(offset)) {
          missed = new ArrayList<>();
        }
      } else if (entry.reaches(stored.session.rooms())) {
        missed.add(entry.data);
      }
    }
    // An offset no longer (or never) in the log means packets may be lost: no recovery.
    return CompletableFuture.completedFuture(missed == null ? null : stored.session.withMissedPackets(missed));
  }

  /** A disconnected socket's state and when it disconnected. */
  private static final class StoredSession {
    final PersistedSession session;
    final long disconnectedAt;

    StoredSession(PersistedSession session, long disconnectedAt) {
      this.session = session;
      this.disconnectedAt = disconnectedAt;
    }
  }

  /** One logged event packet. */
  private static final class LogEntry {
    final String offset;
    final BroadcastOptions options;
    final ArrayNode data;
    final long emittedAt;

    LogEntry(String offset, BroadcastOptions options, ArrayNode data, long emittedAt) {
      this.offset = offset;
      this.options = options;
      this.data = data;
      this.emittedAt = emittedAt;
    }

    /** Whether a socket in {@code socketRooms} was a recipient, as the reference decides it. */
    boolean reaches(Set<String> socketRooms) {
      boolean included = options.rooms().isEmpty();
      for (String room : socketRooms) {
        if (options.except().contains(room)) {
          return false;
        }
        included |= options.rooms().contains(room);
      }
      return included;
    }
  }
}
