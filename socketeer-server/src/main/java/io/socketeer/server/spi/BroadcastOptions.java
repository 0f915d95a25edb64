package io.socketeer.server.spi;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which sockets a broadcast reaches and how: the rooms (none means every socket of the
 * namespace), the rooms and socket ids excluded, and the flags. Immutable.
 */
public final class BroadcastOptions {
  private static final BroadcastOptions ALL =
      new BroadcastOptions(Set.of(), Set.of(), false, true, false);

  private final Set<String> rooms;
  private final Set<String> except;
  private final boolean isVolatile;
  private final boolean compress;
  private final boolean local;

  private BroadcastOptions(
      Set<String> rooms, Set<String> except, boolean isVolatile, boolean compress, boolean local) {
    this.rooms = rooms;
    this.except = except;
    this.isVolatile = isVolatile;
    this.compress = compress;
    this.local = local;
  }

  /** Returns options that reach every socket of the namespace, compressed, not volatile. */
  public static BroadcastOptions all() {
    return ALL;
  }

  private static Set<String> union(Set<String> a, Collection<String> b) {
    Set<String> s = new LinkedHashSet<>(a);
    s.addAll(b);
    return Collections.unmodifiableSet(s);
  }

  /** Returns these options with more target rooms (a socket in any of them is reached). */
  public BroadcastOptions withRooms(Collection<String> more) {
    return new BroadcastOptions(union(rooms, more), except, isVolatile, compress, local);
  }

  /** Returns these options with more excluded rooms or socket ids. */
  public BroadcastOptions withExcept(Collection<String> more) {
    return new BroadcastOptions(rooms, union(except, more), isVolatile, compress, local);
  }

  /** Returns these options with the volatile flag set as given. */
  public BroadcastOptions withVolatile(boolean value) {
    return new BroadcastOptions(rooms, except, value, compress, local);
  }

  /** Returns these options with the compress flag set as given. */
  public BroadcastOptions withCompress(boolean value) {
    return new BroadcastOptions(rooms, except, isVolatile, value, local);
  }

  /** Returns these options with the local flag set as given. */
  public BroadcastOptions withLocal(boolean value) {
    return new BroadcastOptions(rooms, except, isVolatile, compress, value);
  }

  /** Returns the target rooms; empty means every socket. */
  public Set<String> rooms() {
    return rooms;
  }

  /** Returns the excluded rooms (a socket's own id is a room, so ids work too). */
  public Set<String> except() {
    return except;
  }

  /** Returns true when packets may be dropped for sockets that cannot take them at once. */
  public boolean isVolatile() {
    return isVolatile;
  }

  /** Returns true when packets may be compressed. */
  public boolean compress() {
    return compress;
  }

  /** Returns true when only this server's sockets are reached (no cluster fan-out). */
  public boolean isLocal() {
    return local;
  }

  @Override
  public String toString() {
    return "BroadcastOptions{rooms=" + rooms + ", except=" + except + ", volatile=" + isVolatile
        + ", compress=" + compress + ", local=" + local + "}";
  }
}
