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
   * Queues an encoded packet for local socket {@code id}.
   *
   * @param isVolatile drop it when the socket's connection cannot send at once
   * @return false when the socket is gone or the packet was dropped
   */
  boolean deliver(String id, EncodedSocketPacket packet, boolean isVolatile, boolean compress);

  /**
   * Queues one encoded packet for many local sockets: those of one connection thread are handed
   * over in one task, and every recipient shares the same encoded bytes.
   *
   * @return how many sockets the packet was queued for
   */
  int deliverAll(Collection<String> ids, EncodedSocketPacket packet, boolean isVolatile, boolean compress);

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

  /** Returns the connection state recovery options, or null when recovery is off. */
  io.socketeer.server.RecoveryOptions recovery();

  /** Returns the server's clock and timer. */
  io.socketeer.protocol.spi.Scheduler scheduler();
}
