package io.socketeer.server.internal;

import io.socketeer.engine.CloseReason;
import io.socketeer.engine.EngineSession;
import io.socketeer.engine.EngineSessionListener;
import io.socketeer.protocol.engineio.EnginePacket;
import io.socketeer.protocol.engineio.EngineVersion;
import io.socketeer.protocol.spi.Scheduler;
import io.socketeer.server.SocketIoServer;
import io.socketeer.server.spi.ConnectionRequest;
import io.socketeer.server.spi.EngineConnection;
import io.socketeer.server.spi.EngineConnectionHandler;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Connects one session of Socketeer's own Engine.IO server to a {@link SocketIoServer}: the session
 * is the server's {@link EngineConnection}, and the session's events go to the handler the server
 * returns. Lives on the session's thread like the session itself.
 */
public final class EngineBridge implements EngineConnection, EngineSessionListener {
  private final SocketIoServer server;
  private final EngineSession session;
  private final ConnectionRequest request;

  /** Set in {@link #onOpen()}; only touched on the session's thread. */
  private EngineConnectionHandler handler;

  /**
   * Makes the listener of {@code session}.
   *
   * @param path the engine's path, to rebuild the handshake URL
   */
  public EngineBridge(SocketIoServer server, EngineSession session, String path, long issuedAtMillis) {
    this.server = server;
    this.session = session;
    Map<String, List<String>> query = new LinkedHashMap<>();
    StringJoiner url = new StringJoiner("&", path + "?", "");
    session.handshakeQuery().forEach((k, v) -> {
      query.put(k, List.of(v));
      url.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
    });
    Map<String, List<String>> headers = new LinkedHashMap<>();
    session.handshakeHeaders().forEach((k, v) -> headers.put(k, List.of(v)));
    // host:port as the runtime gives it; Handshake.address() derives the reference's bare IP.
    this.request = new ConnectionRequest(headers, query, session.remoteAddress(), url.toString(), false,
        issuedAtMillis);
  }

  // ---- the engine's events

  @Override
  public void onOpen() {
    handler = server.accept(this);
  }

  @Override
  public void onMessage(String text) {
    if (handler != null) {
      handler.onMessage(text);
    }
  }

  @Override
  public void onBinary(byte[] data) {
    if (handler != null) {
      handler.onBinary(data);
    }
  }

  @Override
  public void onClose(CloseReason reason, String description) {
    if (handler != null) {
      handler.onClose(reason.wireName());
    }
  }

  // ---- the connection the Socket.IO server sees

  @Override
  public String id() {
    return session.id();
  }

  @Override
  public EngineVersion protocolVersion() {
    return session.version();
  }

  @Override
  public ConnectionRequest request() {
    return request;
  }

  @Override
  public Scheduler scheduler() {
    return session.scheduler();
  }

  @Override
  public String transport() {
    return session.transport();
  }

  @Override
  public boolean isWritable() {
    return session.isWritable();
  }

  @Override
  public boolean send(List<EnginePacket> packets, boolean compress) {
    return compress
        ? packets.size() == 1 ? session.send(packets.get(0)) : session.send(packets)
        : session.send(packets, false);
  }

  @Override
  public void close() {
    session.close();
  }
}
