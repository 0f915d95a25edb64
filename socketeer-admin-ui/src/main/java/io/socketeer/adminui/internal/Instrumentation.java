package io.socketeer.adminui.internal;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socketeer.adminui.AdminUiOptions;
import io.socketeer.engine.CloseReason;
import io.socketeer.engine.EngineObserver;
import io.socketeer.engine.EngineSession;
import io.socketeer.protocol.engineio.EnginePacketType;
import io.socketeer.protocol.spi.Cancellable;
import io.socketeer.protocol.spi.Scheduler;
import io.socketeer.server.Arguments;
import io.socketeer.server.BroadcastOperator;
import io.socketeer.server.ConnectError;
import io.socketeer.server.DisconnectReason;
import io.socketeer.server.Namespace;
import io.socketeer.server.RemoteSocket;
import io.socketeer.server.ServerObserver;
import io.socketeer.server.Socket;
import io.socketeer.server.SocketIoServer;
import io.socketeer.server.internal.JdkScheduler;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code AdminUi.instrument} sets up, after the reference's {@code instrument()} (0.5.1): the
 * admin namespace with its authentication, commands and greeting ({@code session}, {@code config},
 * {@code all_sockets}); a {@link ServerObserver} that reports sockets, rooms and events in
 * development mode; an {@link EngineObserver} that counts connections, packets and bytes for
 * {@code server_stats}; and the stats timer.
 *
 * <p>Observer methods run on the connections' event loops and only count or emit (emits hop to the
 * admin sockets' own loops). bcrypt checks run on the options' password executor.
 */
public final class Instrumentation implements ServerObserver, EngineObserver {
  private static final Logger log = LoggerFactory.getLogger(Instrumentation.class);
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SocketIoServer io;
  private final AdminUiOptions options;
  private final Namespace admin;
  private final boolean development;
  private final List<String> features = new ArrayList<>();
  private final EventBuffer events;
  private final ObjectNode baseStats = F.objectNode();
  private final long startMillis;
  private final Scheduler scheduler;

  /** Session ids handed to authenticated dashboards (the reference's InMemoryStore). */
  private final Set<String> sessions = ConcurrentHashMap.newKeySet();

  /** Session ids to send to admin sockets once they have joined, by socket id. */
  private final Map<String, String> pendingSessions = new ConcurrentHashMap<>();

  /** Sockets by Engine.IO session id, to report upgrades. */
  private final Map<String, List<Socket>> socketsByConnection = new ConcurrentHashMap<>();

  /** Engine.IO sessions opened on polling and not upgraded yet. */
  private final Set<String> pollingSessions = ConcurrentHashMap.newKeySet();

  /** The next stats tick; replaced by each tick, guarded by {@code this}. */
  private Cancellable timer = Cancellable.NONE;
  private boolean stopped;

  private Instrumentation(SocketIoServer io, AdminUiOptions options) {
    this.io = io;
    this.options = options;
    this.admin = io.of(options.namespaceName());
    this.development = options.mode() == AdminUiOptions.Mode.DEVELOPMENT;
    this.events = new EventBuffer(options.clock());
    this.scheduler = options.scheduler() != null ? options.scheduler() : JdkScheduler.shared();
    this.startMillis = ProcessHandle.current().info().startInstant()
        .map(i -> i.toEpochMilli()).orElse(options.clock().millis());
    if (!options.readonly()) {
      // Socketeer has socketsJoin, socketsLeave and disconnectSockets: the "M" features of Socket.IO v4.
      features.addAll(List.of("EMIT", "JOIN", "LEAVE", "DISCONNECT", "MJOIN", "MLEAVE", "MDISCONNECT"));
    }
    features.add("AGGREGATED_EVENTS");
    if (development) {
      features.add("ALL_EVENTS");
    }
    String hostname = hostname();
    baseStats.put("serverId", options.serverId() != null ? options.serverId() : hostname);
    baseStats.put("hostname", hostname);
    baseStats.put("pid", ProcessHandle.current().pid());
  }

  /** Sets everything up on {@code io}; see {@code AdminUi.instrument}. */
  public static Instrumentation start(SocketIoServer io, AdminUiOptions options) {
    Instrumentation in = new Instrumentation(io, options);
    if (options.auth().isBasic()) {
      in.admin.use(in::authenticate);
    } else {
      log.debug("admin UI authentication is disabled");
    }
    in.admin.onConnection(in::onAdminConnection);
    io.addObserver(in);
    io.addEngineObserver(in);
    in.emitStats();
    in.scheduleStats();
    return in;
  }

  public Namespace adminNamespace() {
    return admin;
  }

  /** Stops the stats timer. */
  public synchronized void stop() {
    stopped = true;
    timer.cancel();
  }

  private static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      String env = System.getenv("HOSTNAME");
      return env != null && !env.isEmpty() ? env : "localhost";
    }
  }

  private String now() {
    return Serializer.date(options.clock().instant());
  }

  // ---------------------------------------------------------------------------------------------
  // The admin namespace

  private void authenticate(Socket socket, io.socketeer.server.Middleware.Next next) {
    ObjectNode auth = socket.handshake().auth();
    JsonNode sessionId = auth.get("sessionId");
    if (sessionId != null && sessionId.isTextual() && sessions.contains(sessionId.textValue())) {
      next.proceed();
      return;
    }
    JsonNode username = auth.get("username");
    JsonNode password = auth.get("password");
    if (username == null || !username.isTextual() || !username.textValue().equals(options.auth().username())
        || password == null || !password.isTextual()) {
      next.fail(new ConnectError("invalid credentials"));
      return;
    }
    // bcrypt is slow on purpose: never on the connection's event loop.
    options.passwordExecutor().execute(() -> {
      boolean ok;
      try {
        ok = BCrypt.verifyer().verify(password.textValue().getBytes(StandardCharsets.UTF_8),
            options.auth().passwordHash().getBytes(StandardCharsets.UTF_8)).verified;
      } catch (RuntimeException e) {
        ok = false;
      }
      if (ok) {
        String id = HexFormat.of().formatHex(randomBytes());
        sessions.add(id);
        pendingSessions.put(socket.id(), id);
        next.proceed();
      } else {
        next.fail(new ConnectError("invalid credentials"));
      }
    });
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[8];
    RANDOM.nextBytes(b);
    return b;
  }

  private void onAdminConnection(Socket socket) {
    String session = pendingSessions.remove(socket.id());
    if (session != null) {
      socket.emit("session", session);
    }
    if (!options.readonly()) {
      registerCommands(socket);
    }
    ObjectNode config = F.objectNode();
    config.set("supportedFeatures", F.arrayNode().addAll(features.stream().map(F::textNode).toList()));
    socket.emit("config", config);
    if (development) {
      allSockets().thenAccept(all -> socket.emit("all_sockets", all));
    }
  }

  private CompletableFuture<ArrayNode> allSockets() {
    List<Namespace> namespaces = new ArrayList<>(io.namespaces().values());
    namespaces.sort(Comparator.comparing(Namespace::name));
    List<CompletableFuture<List<ObjectNode>>> parts = new ArrayList<>();
    for (Namespace ns : namespaces) {
      parts.add(ns.fetchSockets().thenApply(list -> {
        List<ObjectNode> out = new ArrayList<>();
        for (RemoteSocket s : list) {
          out.add(Serializer.socket(s.id(), ns.name(), s.handshake(), s.rooms(), s.data()));
        }
        return out;
      }));
    }
    return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(v -> {
      ArrayNode all = F.arrayNode();
      parts.forEach(p -> all.addAll(p.join()));
      return all;
    });
  }

  private void registerCommands(Socket socket) {
    // emit (nsp, filter, event, ...args)
    socket.on("emit", (args, ack) -> command("emit", args, args.get(2).isTextual(), () -> {
      Object[] rest = new Object[Math.max(0, args.size() - 3)];
      for (int i = 0; i < rest.length; i++) {
        rest[i] = args.get(i + 3);
      }
      target(args, 1).emit(args.text(2), rest);
    }));
    // join / leave (nsp, room, filter)
    socket.on("join", (args, ack) -> command("join", args, args.get(1).isTextual(),
        () -> target(args, 2).socketsJoin(args.text(1))));
    socket.on("leave", (args, ack) -> command("leave", args, args.get(1).isTextual(),
        () -> target(args, 2).socketsLeave(args.text(1))));
    // _disconnect (nsp, close, filter)
    socket.on("_disconnect", (args, ack) -> command("_disconnect", args, true,
        () -> target(args, 2).disconnectSockets(args.get(1).asBoolean(false))));
  }

  /** Runs a dashboard command whose first argument names a namespace; malformed ones are ignored. */
  private static void command(String name, Arguments args, boolean wellFormed, Runnable action) {
    if (!args.get(0).isTextual() || !wellFormed) {
      log.debug("admin UI command {} ignored: {}", name, args);
      return;
    }
    try {
      action.run();
    } catch (RuntimeException e) {
      log.debug("admin UI command {} failed: {}", name, e.toString());
    }
  }

  /**
   * The sockets a command acts on: those of namespace {@code args[0]} in the room (or rooms) of
   * the filter at {@code filterIndex}, or all of them when there is no filter, as the reference.
   */
  private BroadcastOperator target(Arguments args, int filterIndex) {
    Namespace ns = io.of(args.text(0));
    JsonNode filter = args.get(filterIndex);
    List<String> rooms = new ArrayList<>();
    if (filter.isTextual() && !filter.textValue().isEmpty()) {
      rooms.add(filter.textValue());
    } else if (filter.isArray()) {
      filter.forEach(r -> rooms.add(r.asText()));
    }
    return rooms.isEmpty() ? ns.except() : ns.in(rooms.toArray(String[]::new));
  }

  // ---------------------------------------------------------------------------------------------
  // Statistics

  private synchronized void scheduleStats() {
    if (!stopped) {
      timer = scheduler.schedule(() -> {
        emitStats();
        scheduleStats();
      }, options.serverStatsInterval());
    }
  }

  private void emitStats() {
    ObjectNode stats = baseStats.deepCopy();
    stats.put("uptime", (options.clock().millis() - startMillis) / 1000.0);
    stats.put("clientsCount", io.connectionCount());
    stats.put("pollingClientsCount", pollingSessions.size());
    stats.set("aggregatedEvents", events.valuesAndClear());
    ArrayNode namespaces = stats.putArray("namespaces");
    List<Namespace> all = new ArrayList<>(io.namespaces().values());
    all.sort(Comparator.comparing(Namespace::name));
    for (Namespace ns : all) {
      namespaces.addObject().put("name", ns.name()).put("socketsCount", ns.sockets().size());
    }
    try {
      admin.emit("server_stats", stats);
    } catch (RuntimeException e) {
      log.debug("admin UI stats not sent: {}", e.toString());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Engine.IO observer: aggregated events and polling clients (both modes)

  @Override
  public void onSessionOpened(EngineSession session) {
    events.push("rawConnection", null, 1);
    if ("polling".equals(session.transport())) {
      pollingSessions.add(session.id());
    }
  }

  @Override
  public void onSessionClosed(EngineSession session, CloseReason reason) {
    pollingSessions.remove(session.id());
    socketsByConnection.remove(session.id());
    events.push("rawDisconnection", reason.wireName(), 1);
  }

  @Override
  public void onPacketReceived(EngineSession session, EnginePacketType type, int bytes) {
    if (bytes > 0) {
      events.push("packetsIn", null, 1);
      events.push("bytesIn", null, bytes);
    }
  }

  @Override
  public void onPacketSent(EngineSession session, EnginePacketType type, int bytes) {
    if (bytes > 0) {
      events.push("packetsOut", null, 1);
      events.push("bytesOut", null, bytes);
    }
  }

  @Override
  public void onUpgraded(EngineSession session) {
    pollingSessions.remove(session.id());
    List<Socket> sockets = socketsByConnection.get(session.id());
    if (!development || sockets == null) {
      return;
    }
    for (Socket socket : sockets) {
      JsonNode adminData = socket.data().get(Serializer.ADMIN_KEY);
      if (adminData instanceof ObjectNode) {
        ((ObjectNode) adminData).put("transport", session.transport());
      }
      // The reference reports the data change (its data is a proxy), then the transport.
      admin.emit("socket_updated", update(socket).set("data", Serializer.data(socket.data())));
      admin.emit("socket_updated", update(socket).put("transport", session.transport()));
    }
  }

  private static ObjectNode update(Socket socket) {
    return F.objectNode().put("id", socket.id()).put("nsp", socket.namespace().name());
  }

  // ---------------------------------------------------------------------------------------------
  // Socket.IO observer: sockets, rooms and events (development mode)

  @Override
  public void onConnect(Socket socket) {
    if (!development) {
      return;
    }
    ObjectNode data = socket.data();
    ObjectNode existing = data.deepCopy();
    existing.remove(Serializer.ADMIN_KEY);
    data.removeAll();
    String engineId = socket.conn().id();
    data.putObject(Serializer.ADMIN_KEY)
        .put("clientId", engineId.substring(0, Math.min(12, engineId.length())))
        .put("transport", socket.conn().transport());
    // As the reference, which copies data set by middlewares into its proxy one field at a time.
    existing.fields().forEachRemaining(e -> {
      data.set(e.getKey(), e.getValue());
      admin.emit("socket_updated", update(socket).set("data", Serializer.data(data)));
    });
    admin.emit("socket_connected",
        Serializer.socket(socket.id(), socket.namespace().name(), socket.handshake(), socket.rooms(), data), now());
    socketsByConnection.computeIfAbsent(engineId, k -> new CopyOnWriteArrayList<>()).add(socket);
    if (socket.namespace() != admin) {
      String nsp = socket.namespace().name();
      socket.onAny((event, args) -> admin.emit("event_received", nsp, socket.id(), eventArray(event, args), now()));
      socket.onAnyOutgoing((event, args) -> admin.emit("event_sent", nsp, socket.id(), eventArray(event, args), now()));
    }
  }

  private static ArrayNode eventArray(String event, Arguments args) {
    ArrayNode a = F.arrayNode().add(event);
    a.addAll(args.toArray());
    return a;
  }

  @Override
  public void onDisconnect(Socket socket, DisconnectReason reason) {
    List<Socket> sockets = socketsByConnection.get(socket.conn().id());
    if (sockets != null) {
      sockets.remove(socket);
    }
    if (development) {
      admin.emit("socket_disconnected", socket.namespace().name(), socket.id(), reason.text(), now());
    }
  }

  @Override
  public void onRoomJoined(Namespace namespace, String room, String socketId) {
    if (development) {
      admin.emit("room_joined", namespace.name(), room, socketId, now());
    }
  }

  @Override
  public void onRoomLeft(Namespace namespace, String room, String socketId) {
    if (development) {
      admin.emit("room_left", namespace.name(), room, socketId, now());
    }
  }
}
