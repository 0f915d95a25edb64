package io.socketeer.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.socketeer.server.spi.SocketDetails;
import java.util.Set;

/**
 * A socket returned by {@code fetchSockets()}: a snapshot of its id, handshake, rooms and data,
 * with the operations that work wherever the socket lives in the cluster. Safe from any thread.
 */
public final class RemoteSocket {
  private final Namespace namespace;
  private final SocketDetails details;

  RemoteSocket(Namespace namespace, SocketDetails details) {
    this.namespace = namespace;
    this.details = details;
  }

  /** Returns the socket id. */
  public String id() {
    return details.id();
  }

  /** Returns the socket's handshake. */
  public Handshake handshake() {
    return details.handshake();
  }

  /** Returns the socket's rooms when it was fetched. */
  public Set<String> rooms() {
    return details.rooms();
  }

  /** Returns the socket's data when it was fetched. */
  public JsonNode data() {
    return details.data();
  }

  /** Emits to this socket. */
  public boolean emit(String event, Object... args) {
    return namespace.to(id()).emit(event, args);
  }

  /** Makes this socket join {@code rooms}. */
  public void join(String... rooms) {
    namespace.in(id()).socketsJoin(rooms);
  }

  /** Makes this socket leave {@code rooms}. */
  public void leave(String... rooms) {
    namespace.in(id()).socketsLeave(rooms);
  }

  /** Disconnects this socket, closing its connection when {@code close}. */
  public void disconnect(boolean close) {
    namespace.in(id()).disconnectSockets(close);
  }

  @Override
  public String toString() {
    return "RemoteSocket{" + namespace.name() + " " + id() + "}";
  }
}
