package io.socketeer.server;

import io.socketeer.protocol.engineio.EngineCodec;
import io.socketeer.protocol.engineio.EnginePacket;
import io.socketeer.protocol.engineio.EngineVersion;
import io.socketeer.protocol.spi.Scheduler;
import io.socketeer.server.spi.ConnectionRequest;
import io.socketeer.server.spi.EngineConnection;
import io.socketeer.server.spi.EngineConnectionHandler;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An Engine.IO connection without a network: records what the server sends (text packets as
 * their Socket.IO text, binary ones as {@code <hex>}) and lets the test play the client.
 */
final class FakeConnection implements EngineConnection {
  private static int counter;

  final String id = "engine-sid-" + (counter++);
  final Scheduler scheduler;
  final EngineVersion version;
  final ConnectionRequest request;
  final List<String> sent = new ArrayList<>();
  final List<EnginePacket> sentPackets = new ArrayList<>();
  boolean writable = true;
  boolean closed;
  EngineConnectionHandler handler;

  FakeConnection(Scheduler scheduler, EngineVersion version, Map<String, List<String>> query) {
    this.scheduler = scheduler;
    this.version = version;
    this.request = new ConnectionRequest(
        Map.of("user-agent", List.of("test")), new LinkedHashMap<>(query), "127.0.0.1",
        "/socket.io/?EIO=4&transport=websocket", false, 1_700_000_000_000L);
  }

  static FakeConnection open(SocketIoServer io, Scheduler scheduler) {
    return open(io, scheduler, EngineVersion.V4);
  }

  static FakeConnection open(SocketIoServer io, Scheduler scheduler, EngineVersion version) {
    FakeConnection c = new FakeConnection(scheduler, version, Map.of());
    c.handler = io.accept(c);
    return c;
  }

  /** The client sends a Socket.IO text packet. */
  FakeConnection send(String text) {
    handler.onMessage(text);
    return this;
  }

  /** The client sends a binary attachment. */
  FakeConnection sendBinary(String hex) {
    handler.onBinary(HexFormat.of().parseHex(hex.replace(" ", "")));
    return this;
  }

  /** The transport closes with an Engine.IO reason. */
  void drop(String reason) {
    closed = true;
    handler.onClose(reason);
  }

  /** Returns and forgets what was sent so far. */
  List<String> take() {
    List<String> copy = List.copyOf(sent);
    sent.clear();
    return copy;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public EngineVersion protocolVersion() {
    return version;
  }

  @Override
  public ConnectionRequest request() {
    return request;
  }

  @Override
  public Scheduler scheduler() {
    return scheduler;
  }

  @Override
  public String transport() {
    return "websocket";
  }

  @Override
  public boolean isWritable() {
    return writable;
  }

  @Override
  public boolean send(List<EnginePacket> packets, boolean compress) {
    if (closed) {
      return false;
    }
    for (EnginePacket p : packets) {
      sentPackets.add(p);
      sent.add(p.isBinary()
          ? "<" + HexFormat.ofDelimiter(" ").formatHex(p.binaryData()) + ">"
          : EngineCodec.encodeToString(p, EngineVersion.V4).substring(1));
    }
    return true;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      // An engine that can close at once (WebSocket) reports it right away.
      handler.onClose("forced close");
    }
  }
}
