package io.socketeer.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.socketeer.engine.CloseReason;
import io.socketeer.engine.EngineObserver;
import io.socketeer.engine.EngineSession;
import io.socketeer.protocol.engineio.EnginePacketType;
import io.socketeer.server.DisconnectReason;
import io.socketeer.server.Namespace;
import io.socketeer.server.ServerObserver;
import io.socketeer.server.Socket;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Micrometer meters for a Socketeer server. One instance observes both layers: set it as the
 * server's {@link ServerObserver} and as the engine's {@link EngineObserver}, or add it to a server
 * already made (before its runtime starts); other observers, such as the Admin UI's, sit beside it
 * ({@link ServerObserver#compose}, {@link EngineObserver#compose}).
 *
 * <pre>{@code
 * SocketeerMetrics metrics = SocketeerMetrics.create(registry);
 * io.addObserver(metrics).addEngineObserver(metrics);
 * NettySocketIoServer.start(io, 3000);
 * }</pre>
 *
 * <p>Meters (every name also carries the tags given to {@link #create(MeterRegistry, Iterable)}):
 *
 * <ul>
 *   <li>{@code socketio.sockets.connected} (gauge; {@code namespace}): sockets connected now
 *   <li>{@code socketio.connects} (counter; {@code namespace})
 *   <li>{@code socketio.disconnects} (counter; {@code namespace}, {@code reason}: the reference's
 *       reason text, such as {@code transport close})
 *   <li>{@code socketio.broadcast.recipients} (summary; {@code namespace}): local sockets a
 *       broadcast was written to
 *   <li>{@code socketio.ack.latency} (timer; {@code namespace}): from an event the server sent to
 *       the client's acknowledgement; {@code socketio.ack.timeouts} (counter; {@code namespace})
 *   <li>{@code engineio.packets.received}, {@code engineio.packets.sent} (counters; {@code
 *       transport}: {@code polling} or {@code websocket}): Engine.IO packets, heartbeats included
 *   <li>{@code engineio.bytes.received}, {@code engineio.bytes.sent} (counters, bytes; {@code
 *       transport}): the packets' data, without packet types and framing
 *   <li>{@code engineio.sessions.opened} (counter; {@code transport}), {@code engineio.sessions.closed}
 *       (counter; {@code reason}), {@code engineio.sessions.open} (gauge)
 *   <li>{@code engineio.upgrades} (counter; {@code outcome}: {@code success} or why the probe was
 *       given up, such as {@code upgrade timeout})
 * </ul>
 *
 * <p>Thread-safe; the observer methods run on the event loops and only update meters that were
 * made once per tag value (no lookup allocates on the packet path).
 */
public final class SocketeerMetrics implements ServerObserver, EngineObserver {
  private final MeterRegistry registry;
  private final Tags tags;

  /** Per transport: [0] polling, [1] websocket. */
  private final Counter[] packetsIn = new Counter[2];
  private final Counter[] packetsOut = new Counter[2];
  private final Counter[] bytesIn = new Counter[2];
  private final Counter[] bytesOut = new Counter[2];
  private final Counter[] sessionsOpened = new Counter[2];
  private final AtomicLong openSessions = new AtomicLong();

  private final Map<String, NamespaceMeters> namespaces = new ConcurrentHashMap<>();
  private final Map<CloseReason, Counter> sessionsClosed = new ConcurrentHashMap<>();
  private final Map<String, Counter> upgrades = new ConcurrentHashMap<>();

  private static final String[] TRANSPORTS = {"polling", "websocket"};

  private SocketeerMetrics(MeterRegistry registry, Tags tags) {
    this.registry = registry;
    this.tags = tags;
    for (int i = 0; i < 2; i++) {
      Tags t = tags.and("transport", TRANSPORTS[i]);
      packetsIn[i] = Counter.builder("engineio.packets.received").tags(t).description("Engine.IO packets received").register(registry);
      packetsOut[i] = Counter.builder("engineio.packets.sent").tags(t).description("Engine.IO packets sent").register(registry);
      bytesIn[i] = Counter.builder("engineio.bytes.received").tags(t).baseUnit("bytes").description("Engine.IO packet data received").register(registry);
      bytesOut[i] = Counter.builder("engineio.bytes.sent").tags(t).baseUnit("bytes").description("Engine.IO packet data sent").register(registry);
      sessionsOpened[i] = Counter.builder("engineio.sessions.opened").tags(t).description("Engine.IO sessions opened").register(registry);
    }
    Gauge.builder("engineio.sessions.open", openSessions, AtomicLong::get).tags(tags)
        .description("Engine.IO sessions open now").register(registry);
  }

  /** Creates the meters in {@code registry}. */
  public static SocketeerMetrics create(MeterRegistry registry) {
    return create(registry, Tags.empty());
  }

  /** Creates the meters in {@code registry}, each with {@code tags} added (for example a server name). */
  public static SocketeerMetrics create(MeterRegistry registry, Iterable<Tag> tags) {
    return new SocketeerMetrics(Objects.requireNonNull(registry, "registry"), Tags.of(tags));
  }

  private static int transport(EngineSession session) {
    return "websocket".equals(session.transport()) ? 1 : 0;
  }

  // ---------------------------------------------------------------------------------------------
  // Engine.IO

  @Override
  public void onSessionOpened(EngineSession session) {
    sessionsOpened[transport(session)].increment();
    openSessions.incrementAndGet();
  }

  @Override
  public void onSessionClosed(EngineSession session, CloseReason reason) {
    openSessions.decrementAndGet();
    sessionsClosed.computeIfAbsent(reason, r -> Counter.builder("engineio.sessions.closed")
        .tags(tags.and("reason", r.wireName())).description("Engine.IO sessions closed").register(registry))
        .increment();
  }

  @Override
  public void onPacketReceived(EngineSession session, EnginePacketType type, int bytes) {
    int t = transport(session);
    packetsIn[t].increment();
    if (bytes > 0) {
      bytesIn[t].increment(bytes);
    }
  }

  @Override
  public void onPacketSent(EngineSession session, EnginePacketType type, int bytes) {
    int t = transport(session);
    packetsOut[t].increment();
    if (bytes > 0) {
      bytesOut[t].increment(bytes);
    }
  }

  @Override
  public void onUpgraded(EngineSession session) {
    upgrade("success");
  }

  @Override
  public void onUpgradeFailed(EngineSession session, String reason) {
    upgrade(reason);
  }

  private void upgrade(String outcome) {
    upgrades.computeIfAbsent(outcome, o -> Counter.builder("engineio.upgrades").tags(tags.and("outcome", o))
        .description("Upgrades from polling to WebSocket, by outcome").register(registry)).increment();
  }

  // ---------------------------------------------------------------------------------------------
  // Socket.IO

  private NamespaceMeters namespace(Namespace namespace) {
    NamespaceMeters m = namespaces.get(namespace.name());
    return m != null ? m : namespaces.computeIfAbsent(namespace.name(), NamespaceMeters::new);
  }

  @Override
  public void onConnect(Socket socket) {
    NamespaceMeters m = namespace(socket.namespace());
    m.connected.incrementAndGet();
    m.connects.increment();
  }

  @Override
  public void onDisconnect(Socket socket, DisconnectReason reason) {
    NamespaceMeters m = namespace(socket.namespace());
    m.connected.decrementAndGet();
    m.disconnects.computeIfAbsent(reason, r -> Counter.builder("socketio.disconnects")
        .tags(m.tags.and("reason", r.text())).description("Sockets that left a namespace, by reason")
        .register(registry)).increment();
  }

  @Override
  public void onBroadcast(Namespace namespace, int recipients) {
    namespace(namespace).fanOut.record(recipients);
  }

  @Override
  public void onAckReceived(Namespace namespace, long latencyNanos) {
    namespace(namespace).ackLatency.record(latencyNanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void onAckTimeout(Namespace namespace) {
    namespace(namespace).ackTimeouts.increment();
  }

  /** The meters of one namespace, made on its first event. */
  private final class NamespaceMeters {
    final Tags tags;
    final AtomicLong connected = new AtomicLong();
    final Counter connects;
    final Map<DisconnectReason, Counter> disconnects = new ConcurrentHashMap<>();
    final DistributionSummary fanOut;
    final Timer ackLatency;
    final Counter ackTimeouts;

    NamespaceMeters(String name) {
      tags = SocketeerMetrics.this.tags.and("namespace", name);
      Gauge.builder("socketio.sockets.connected", connected, AtomicLong::get).tags(tags)
          .description("Sockets connected to the namespace now").register(registry);
      connects = Counter.builder("socketio.connects").tags(tags).description("Sockets that joined the namespace").register(registry);
      fanOut = DistributionSummary.builder("socketio.broadcast.recipients").tags(tags)
          .description("Local sockets each broadcast was written to").register(registry);
      ackLatency = Timer.builder("socketio.ack.latency").tags(tags)
          .description("Time from an event the server sent to the client's acknowledgement").register(registry);
      ackTimeouts = Counter.builder("socketio.ack.timeouts").tags(tags)
          .description("Acknowledgements that did not come in time").register(registry);
    }
  }
}
