package io.socketeer.server.spi;

import com.fasterxml.jackson.databind.JsonNode;
import io.socketeer.server.Handshake;
import java.util.Set;

/**
 * A snapshot of a socket that may live on this server or another one of the cluster: what
 * {@code fetchSockets} returns. Immutable.
 */
public final class SocketDetails {
  private final String id;
  private final Handshake handshake;
  private final Set<String> rooms;
  private final JsonNode data;

  /** Creates a snapshot. */
  public SocketDetails(String id, Handshake handshake, Set<String> rooms, JsonNode data) {
    this.id = id;
    this.handshake = handshake;
    this.rooms = Set.copyOf(rooms);
    this.data = data;
  }

  /** Returns the socket id. */
  public String id() {
    return id;
  }

  /** Returns the socket's handshake. */
  public Handshake handshake() {
    return handshake;
  }

  /** Returns the rooms the socket was in. */
  public Set<String> rooms() {
    return rooms;
  }

  /** Returns the socket's application data as JSON (a {@code NullNode} when none). */
  public JsonNode data() {
    return data;
  }
}
