package io.socketeer.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socketeer.protocol.ProtocolException;
import io.socketeer.protocol.engineio.EngineVersion;
import io.socketeer.protocol.socketio.EncodedSocketPacket;
import io.socketeer.protocol.socketio.SocketPacket;
import io.socketeer.protocol.socketio.SocketPacketDecoder;
import io.socketeer.protocol.socketio.SocketPacketEncoder;
import io.socketeer.protocol.socketio.SocketPacketType;
import io.socketeer.protocol.spi.Cancellable;
import io.socketeer.server.spi.EngineConnection;
import io.socketeer.server.spi.EngineConnectionHandler;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Socket.IO side of one Engine.IO connection: decodes its packets, routes them to the sockets
 * of the namespaces it joined, and enforces the protocol's state rules (a packet for a namespace
 * not joined, a second CONNECT, a CONNECT_ERROR from the client or undecodable input close the
 * connection).
 *
 * <p>Confined to the connection's thread: every field is only touched there.
 */
final class Client implements EngineConnectionHandler {
  private static final Logger log = LoggerFactory.getLogger(Client.class);

  private final SocketIoServer server;
  private final EngineConnection connection;
  private final SocketPacketDecoder decoder = SocketPacketDecoder.create();

  /** Joined sockets by namespace name. */
  private final Map<String, Socket> sockets = new LinkedHashMap<>();

  /** Namespaces whose CONNECT is still in the middlewares. */
  private final Set<String> joining = new HashSet<>();

  private Cancellable connectTimer;

  /** True once the engine reported the close, or the server gave the sockets up. */
  private boolean closed;

  Client(SocketIoServer server, EngineConnection connection) {
    this.server = server;
    this.connection = connection;
    this.connectTimer = connection.scheduler().schedule(this::onConnectTimeout, server.options().connectTimeout());
    if (connection.protocolVersion() == EngineVersion.V3) {
      // Socket.IO v2 clients join the main namespace implicitly.
      connect(SocketPacket.MAIN_NAMESPACE, JsonNodeFactory.instance.objectNode());
    }
  }

  EngineConnection connection() {
    return connection;
  }

  boolean isLegacy() {
    return connection.protocolVersion() == EngineVersion.V3;
  }

  void runOnConnectionThread(Runnable task) {
    if (connection.scheduler().inSchedulerThread()) {
      task.run();
    } else {
      connection.scheduler().execute(task);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // From the engine

  @Override
  public void onMessage(String text) {
    if (closed) {
      return;
    }
    try {
      SocketPacket packet = decoder.decode(text);
      if (packet != null) {
        onPacket(packet);
      }
    } catch (ProtocolException e) {
      onDecodeError(e);
    }
  }

  @Override
  public void onBinary(byte[] data) {
    if (closed) {
      return;
    }
    try {
      SocketPacket packet = decoder.decodeBinary(data);
      if (packet != null) {
        onPacket(packet);
      }
    } catch (ProtocolException e) {
      onDecodeError(e);
    }
  }

  @Override
  public void onClose(String reason) {
    giveUpSockets(DisconnectReason.fromEngine(reason));
  }

  private void onDecodeError(ProtocolException e) {
    log.debug("closing connection {}: undecodable packet ({})", connection.id(), e.getMessage());
    for (Socket socket : new ArrayList<>(sockets.values())) {
      socket.reportError(e);
    }
    close();
  }

  private void onConnectTimeout() {
    if (!closed && sockets.isEmpty()) {
      log.debug("closing connection {}: no namespace joined in time", connection.id());
      close();
    }
  }

  private void onPacket(SocketPacket packet) {
    String namespace = packet.namespace();
    ObjectNode auth = packet.data() instanceof ObjectNode ? (ObjectNode) packet.data() : null;
    if (packet.type() == SocketPacketType.CONNECT && isLegacy()) {
      int q = namespace.indexOf('?');
      if (q >= 0) {
        auth = legacyQuery(namespace.substring(q + 1));
        namespace = namespace.substring(0, q);
      }
    }
    Socket socket = sockets.get(namespace);
    if (socket == null && packet.type() == SocketPacketType.CONNECT && !joining.contains(namespace)) {
      connect(namespace, auth == null ? JsonNodeFactory.instance.objectNode() : auth);
    } else if (socket != null
        && packet.type() != SocketPacketType.CONNECT
        && packet.type() != SocketPacketType.CONNECT_ERROR) {
      socket.onPacket(packet);
    } else {
      log.debug("closing connection {}: {} not allowed for namespace {} in this state",
          connection.id(), packet.type(), namespace);
      close();
    }
  }

  private static ObjectNode legacyQuery(String query) {
    ObjectNode auth = JsonNodeFactory.instance.objectNode();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      auth.put(key, value);
    }
    return auth;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  private void connect(String name, ObjectNode auth) {
    if (sockets.size() + joining.size() >= server.options().maxNamespacesPerConnection()) {
      log.debug("closing connection {}: more than {} namespaces", connection.id(),
          server.options().maxNamespacesPerConnection());
      close();
      return;
    }
    Namespace namespace = server.namespaceFor(name, auth, connection.request());
    if (namespace == null) {
      write(SocketPacket.connectError(name, JsonNodeFactory.instance.objectNode().put("message", "Invalid namespace")),
          false, true);
      return;
    }
    joining.add(name);
    namespace.add(this, auth);
  }

  // ---------------------------------------------------------------------------------------------
  // From the namespace, on the connection thread

  /** The join passed the middlewares; returns false when the connection closed meanwhile. */
  boolean onJoined(Socket socket) {
    String name = socket.namespace().name();
    joining.remove(name);
    if (closed) {
      return false;
    }
    if (connectTimer != null) {
      connectTimer.cancel();
      connectTimer = null;
    }
    sockets.put(name, socket);
    return true;
  }

  /** The join was refused by a middleware. */
  void onRefused(String name, ConnectError error) {
    joining.remove(name);
    if (closed) {
      return;
    }
    JsonNode data;
    if (isLegacy()) {
      data = error.data() != null ? error.data() : JsonNodeFactory.instance.textNode(error.getMessage());
      if (!data.isObject() && !data.isTextual()) {
        data = JsonNodeFactory.instance.objectNode().put("message", error.getMessage()).set("data", data);
      }
    } else {
      ObjectNode o = JsonNodeFactory.instance.objectNode().put("message", error.getMessage());
      if (error.data() != null) {
        o.set("data", error.data());
      }
      data = o;
    }
    write(SocketPacket.connectError(name, data), false, true);
  }

  /**
   * Sends the CONNECT reply for a socket that just joined; a recovered socket first gets the
   * packets it missed, as the reference sends them (before the reply).
   */
  void sendConnectReply(Socket socket) {
    String namespace = socket.namespace().name();
    if (socket.restored() != null) {
      for (com.fasterxml.jackson.databind.node.ArrayNode missed : socket.restored().missedPackets()) {
        write(SocketPacket.event(namespace, missed), false, true);
      }
    }
    ObjectNode data = null;
    if (!isLegacy()) {
      data = JsonNodeFactory.instance.objectNode().put("sid", socket.id());
      if (socket.pid() != null) {
        data.put("pid", socket.pid());
      }
    }
    write(SocketPacket.connect(namespace, data), false, true);
  }

  void remove(Socket socket) {
    sockets.remove(socket.namespace().name(), socket);
  }

  // ---------------------------------------------------------------------------------------------
  // Writing and closing (any thread)

  boolean write(SocketPacket packet, boolean isVolatile, boolean compress) {
    return write(SocketPacketEncoder.encode(packet), isVolatile, compress);
  }

  boolean write(EncodedSocketPacket encoded, boolean isVolatile, boolean compress) {
    if (isVolatile && !connection.isWritable()) {
      return false;
    }
    return connection.send(encoded.enginePackets(), compress);
  }

  /** Closes the connection; the sockets learn it at once ({@code forced server close}) if the engine did not say so first. */
  void close() {
    runOnConnectionThread(() -> {
      if (closed) {
        return;
      }
      connection.close();
      giveUpSockets(DisconnectReason.FORCED_SERVER_CLOSE);
    });
  }

  /** {@code socket.disconnect(true)}: every socket leaves with a DISCONNECT, then the connection closes. */
  void disconnectAllAndClose() {
    for (Socket socket : new ArrayList<>(sockets.values())) {
      write(SocketPacket.disconnect(socket.namespace().name()), false, true);
      socket.onClose(DisconnectReason.SERVER_NAMESPACE_DISCONNECT);
    }
    close();
  }

  /** The server is closing: the sockets leave with {@code server shutting down}, then the connection closes. */
  void shutDown() {
    if (closed) {
      return;
    }
    giveUpSockets(DisconnectReason.SERVER_SHUTTING_DOWN);
    connection.close();
  }

  private void giveUpSockets(DisconnectReason reason) {
    if (closed) {
      return;
    }
    closed = true;
    if (connectTimer != null) {
      connectTimer.cancel();
      connectTimer = null;
    }
    decoder.reset();
    for (Socket socket : new ArrayList<>(sockets.values())) {
      socket.onClose(reason);
    }
    sockets.clear();
    server.removeClient(this);
  }

  boolean isClosed() {
    return closed;
  }
}
