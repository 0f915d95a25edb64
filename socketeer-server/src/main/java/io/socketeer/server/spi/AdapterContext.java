package io.socketeer.server.spi;

import io.socketeer.protocol.socketio.EncodedSocketPacket;
import io.socketeer.server.Arguments;
import java.util.Collection;
import java.util.function.Consumer;

/**
 * What a namespace lets its {@link Adapter} do with the namespace's local sockets. Thread-safe.
 */
public interface AdapterContext {
  /** Returns the namespace name, e.g. {@code /} or {@code /chat}. */
  String namespace();

  /** Returns the ids of the local sockets connected to the namespace: a snapshot. */
  Collection<String> socketIds();

  /**
   * Queues one encoded packet for many local sockets: those of one connection thread are handed
   * over in one task, and every recipient shares the same encoded bytes.
   *
   * @return how many sockets the packet was queued for
   */
  int deliverAll(Collection<String> ids, EncodedSocketPacket packet, boolean isVolatile, boolean compress);

  /**
   * Tells the server that local socket {@code id} was added to {@code room}, which it was not in
   * (the reference adapter's {@code join-room} event). Adapters that keep the local rooms call it;
   * the default does nothing.
   */
  default void roomJoined(String room, String id) {}

  /** Tells the server that local socket {@code id} was removed from {@code room} ({@code leave-room}). */
  default void roomLeft(String room, String id) {}

  /**
   * Registers {@code callback} for the reply with {@code ackId} from local socket {@code id}, then
   * queues the packet.
   *
   * @return false when the socket is gone (the callback will not be called)
   */
  boolean deliverWithAck(
      String id, EncodedSocketPacket packet, long ackId, boolean compress, Consumer<Arguments> callback);

  /** Returns the details of local socket {@code id}, or null when it is gone. */
  SocketDetails details(String id);

  /** Disconnects local socket {@code id}, closing its connection when {@code close}. */
  void disconnect(String id, boolean close);

  /**
   * Returns a fresh acknowledgement id of the namespace, for a broadcast with acknowledgements that
   * another server started (each server numbers the acks of its own sockets).
   */
  long nextAckId();

  /**
   * Hands an event another server emitted with {@code serverSideEmit} to this namespace's
   * server-side handlers.
   *
   * @param data the event name first, then its arguments
   * @param ack receives the reply (the first argument of the handler's ack), or null when the
   *     sender wants none
   */
  void onServerSideEmit(com.fasterxml.jackson.databind.node.ArrayNode data,
      Consumer<com.fasterxml.jackson.databind.JsonNode> ack);

  /** Returns the connection state recovery options, or null when recovery is off. */
  io.socketeer.server.RecoveryOptions recovery();

  /** Returns the server's clock and timer. */
  io.socketeer.protocol.spi.Scheduler scheduler();
}
