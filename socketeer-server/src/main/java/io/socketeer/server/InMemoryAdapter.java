package io.socketeer.server;

import io.socketeer.protocol.socketio.EncodedSocketPacket;
import io.socketeer.protocol.socketio.SocketPacket;
import io.socketeer.protocol.socketio.SocketPacketEncoder;
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

  /** Creates the adapter of the namespace behind {@code context}. */
  public InMemoryAdapter(AdapterContext context) {
    this.context = context;
  }

  @Override
  public void addAll(String id, Collection<String> roomNames) {
    Set<String> own = sids.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet());
    for (String room : roomNames) {
      own.add(room);
      rooms.computeIfAbsent(room, k -> ConcurrentHashMap.newKeySet()).add(id);
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
    rooms.computeIfPresent(room, (r, members) -> {
      members.remove(id);
      return members.isEmpty() ? null : members;
    });
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
    EncodedSocketPacket encoded = SocketPacketEncoder.encode(packet);
    apply(options, id -> context.deliver(id, encoded, options.isVolatile(), options.compress()));
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
  public void serverSideEmit(List<Object> args) {
    // One server: there is nobody else to tell.
  }

  @Override
  public CompletionStage<Integer> serverCount() {
    return CompletableFuture.completedFuture(1);
  }

  @Override
  public void close() {}
}
