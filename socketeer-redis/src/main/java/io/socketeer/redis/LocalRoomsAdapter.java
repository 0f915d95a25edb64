package io.socketeer.redis;

import io.socketeer.server.InMemoryAdapter;
import io.socketeer.server.spi.Adapter;
import java.util.Collection;
import java.util.Set;

/**
 * What every Redis adapter keeps on this server alone, as the reference adapters do: which socket
 * is in which room, kept by an {@link InMemoryAdapter} that also delivers to the local sockets.
 */
abstract class LocalRoomsAdapter implements Adapter {
  /** This server's rooms and sockets. */
  final InMemoryAdapter local;

  LocalRoomsAdapter(InMemoryAdapter local) {
    this.local = local;
  }

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
}
