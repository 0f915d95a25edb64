package io.socketeer.server.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import java.util.Set;

/**
 * The state of a disconnected socket that connection state recovery keeps, and, once restored,
 * the event packets (their data arrays, offset last) it missed. Immutable.
 */
public final class PersistedSession {
  private final String sid;
  private final String pid;
  private final Set<String> rooms;
  private final JsonNode data;
  private final List<ArrayNode> missedPackets;

  /** Creates a session record. */
  public PersistedSession(String sid, String pid, Set<String> rooms, JsonNode data, List<ArrayNode> missedPackets) {
    this.sid = sid;
    this.pid = pid;
    this.rooms = Set.copyOf(rooms);
    this.data = data;
    this.missedPackets = List.copyOf(missedPackets);
  }

  /** Returns the socket id. */
  public String sid() {
    return sid;
  }

  /** Returns the private session id. */
  public String pid() {
    return pid;
  }

  /** Returns the rooms the socket was in. */
  public Set<String> rooms() {
    return rooms;
  }

  /** Returns the socket's data. */
  public JsonNode data() {
    return data;
  }

  /** Returns the missed EVENT data arrays, oldest first (empty until restored). */
  public List<ArrayNode> missedPackets() {
    return missedPackets;
  }

  /** Returns a copy with the given missed packets. */
  public PersistedSession withMissedPackets(List<ArrayNode> packets) {
    return new PersistedSession(sid, pid, rooms, data, packets);
  }
}
