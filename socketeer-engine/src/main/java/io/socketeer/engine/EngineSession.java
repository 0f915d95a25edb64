package io.socketeer.engine;


import io.socketeer.protocol.engineio.EnginePacket;
import io.socketeer.protocol.engineio.EngineVersion;
import io.socketeer.protocol.spi.Scheduler;
import java.util.List;
import java.util.Map;

/**
 * One Engine.IO session: a logical connection named by its {@link #id()}, carried by polling or by
 * WebSocket, and possibly upgraded from the first to the second.
 *
 * <p>Lifecycle: a session is open from the handshake until it closes, for one of the {@link
 * CloseReason reasons}; it never reopens. Threading: every method may be called from any thread;
 * {@link #send} and {@link #close} hop onto the session's own thread, so calls made from one thread
 * take effect in call order. Packets are immutable: the same {@link EnginePacket} instance may be
 * sent to many sessions.
 */
public interface EngineSession {
  /** Returns the session id ({@code sid}); never null. */
  String id();

  /** Returns the protocol revision the client speaks. */
  EngineVersion version();

  /** Returns the current transport name: {@code polling} or {@code websocket}. */
  String transport();

  /** Returns the query parameters of the handshake request (decoded, first value of each). */
  Map<String, String> handshakeQuery();

  /** Returns the headers of the handshake request (lower-case names, first value of each). */
  Map<String, String> handshakeHeaders();

  /** Returns the remote address of the handshake request. */
  String remoteAddress();

  /** Returns true until the session starts closing. */
  boolean isOpen();

  /**
   * Queues a packet for the client (usually a {@link EnginePacket#message message} or {@link
   * EnginePacket#binary binary message}). Packets go out in call order.
   *
   * @return false when the session was already closing or closed (the packet is dropped)
   */
  boolean send(EnginePacket packet);

  /**
   * Queues packets for the client as one unit: they go out in this order with nothing of this
   * session in between, whatever other threads send meanwhile (a Socket.IO packet and its binary
   * attachments need this).
   *
   * @return false when the session was already closing or closed (the packets are dropped)
   */
  boolean send(List<EnginePacket> packets);

  /**
   * As {@link #send(List)}; with {@code compress} false the packets are never compressed
   * (WebSocket per-message deflate, HTTP compression of a polling answer that holds only such
   * packets), whatever the thresholds say.
   *
   * @return false when the session was already closing or closed (the packets are dropped)
   */
  boolean send(List<EnginePacket> packets, boolean compress);

  /**
   * Returns true when a packet sent now would go out at once: the session is on WebSocket, or a
   * polling request is waiting. A hint (the answer may change right after), used to drop volatile
   * packets rather than buffer them.
   */
  boolean isWritable();

  /** Returns the scheduler (event loop) this session is confined to; its listener runs there. */
  Scheduler scheduler();

  /**
   * Closes the session with reason {@code forced close}, after the packets already queued have been
   * delivered. Does nothing when already closing.
   */
  void close();
}
