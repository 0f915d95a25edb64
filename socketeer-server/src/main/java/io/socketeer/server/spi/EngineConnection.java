package io.socketeer.server.spi;

import io.socketeer.protocol.engineio.EnginePacket;
import io.socketeer.protocol.engineio.EngineVersion;
import io.socketeer.protocol.spi.Scheduler;
import java.util.List;

/**
 * One Engine.IO session as the Socket.IO server sees it. The engine binding implements it and
 * hands each new session to {@link io.socketeer.server.SocketIoServer#accept(EngineConnection)},
 * which returns the {@link EngineConnectionHandler} that receives the session's messages.
 *
 * <p>A connection belongs to one thread, its {@link #scheduler()}: the engine calls the handler on
 * it, and the server changes the state of the connection's sockets only on it. {@link #send} and
 * {@link #close()} may be called from any thread.
 */
public interface EngineConnection {
  /** Returns the Engine.IO session id. It is a secret: never send it to other clients. */
  String id();

  /** Returns the Engine.IO revision the client speaks. */
  EngineVersion protocolVersion();

  /** Returns what the handshake request carried. */
  ConnectionRequest request();

  /** Returns the thread (and clock) that owns this connection. */
  Scheduler scheduler();

  /** Returns the name of the current transport: {@code polling} or {@code websocket}. */
  String transport();

  /**
   * Returns true when a packet sent now would go out at once rather than wait in a buffer (a
   * WebSocket that is writable, a polling request that is waiting). Volatile packets are dropped
   * when this is false.
   */
  boolean isWritable();

  /**
   * Queues packets to be sent in this order, with nothing of this connection in between.
   *
   * @param compress whether the packets may be compressed (per-message deflate, HTTP compression)
   * @return false when the connection is closed and nothing was queued
   */
  boolean send(List<EnginePacket> packets, boolean compress);

  /** Closes the session from the server side (reason {@code forced close}). Idempotent. */
  void close();
}
