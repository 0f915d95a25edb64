package io.socketeer.engine.internal;

import io.socketeer.engine.EngineError;
import io.socketeer.engine.EngineOptions;
import io.socketeer.engine.EngineSession;
import io.socketeer.engine.EngineSessionListener;
import io.socketeer.engine.spi.EngineRequest;
import io.socketeer.engine.spi.HttpExchange;
import io.socketeer.engine.spi.UpgradeDecision;
import io.socketeer.engine.spi.WebSocketHandler;
import io.socketeer.protocol.engineio.EngineVersion;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Request validation (digest 6.3), handshakes and the session registry. Thread-safe: called from
 * every I/O thread; each session's own work is handed to its thread.
 */
public final class EngineCore {
  private static final Logger log = LoggerFactory.getLogger(EngineCore.class);

  private final EngineOptions options;
  private final Function<EngineSession, EngineSessionListener> listenerFactory;
  private final Supplier<String> ids;
  /** Live sessions by id; concurrent map, written by each session's thread. */
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  /**
   * Polling sessions the client closed with {@code 1} while no GET was waiting, kept for {@link
   * #CLOSED_GRACE}: the client's own GET may still be on its way on another connection, racing the
   * POST, and is answered with a noop instead of an error (the official suite sends both at once).
   */
  private final Map<String, Boolean> closedByClient = new ConcurrentHashMap<>();

  private static final java.time.Duration CLOSED_GRACE = java.time.Duration.ofSeconds(1);

  /** Told of refused requests; volatile, set at any time. */
  private volatile io.socketeer.engine.ConnectionErrorListener connectionErrors = (r, e, m) -> {};

  /** Set once by {@link #close()}; refuses new handshakes afterwards. */
  private volatile boolean closed;

  /**
   * Creates the core.
   *
   * @param ids the session id generator (a {@link SessionIds} outside tests)
   */
  public EngineCore(
      EngineOptions options, Function<EngineSession, EngineSessionListener> listenerFactory, Supplier<String> ids) {
    this.options = Objects.requireNonNull(options, "options");
    this.listenerFactory = Objects.requireNonNull(listenerFactory, "listenerFactory");
    this.ids = Objects.requireNonNull(ids, "ids");
  }

  /** Returns the options. */
  public EngineOptions options() {
    return options;
  }

  /** Returns the number of live sessions. */
  public int sessionCount() {
    return sessions.size();
  }

  /** Returns a live session, or null. */
  public EngineSession session(String id) {
    return id == null ? null : sessions.get(id);
  }

  /** Returns a snapshot of the live sessions. */
  public Collection<EngineSession> sessions() {
    return Collections.unmodifiableCollection(new java.util.ArrayList<EngineSession>(sessions.values()));
  }

  void register(Session session) {
    sessions.put(session.id(), session);
  }

  void unregister(Session session) {
    sessions.remove(session.id(), session);
  }

  /** Remembers, for a moment, a polling session that its client closed with no GET waiting. */
  void rememberClientClose(Session session) {
    String id = session.id();
    closedByClient.put(id, Boolean.TRUE);
    session.scheduler().schedule(() -> closedByClient.remove(id), CLOSED_GRACE);
  }

  EngineSessionListener newListener(Session session) {
    EngineSessionListener l = listenerFactory.apply(session);
    return l == null ? new EngineSessionListener() {} : l;
  }

  /** Sets the listener told of refused requests. */
  public void onConnectionError(io.socketeer.engine.ConnectionErrorListener listener) {
    this.connectionErrors = Objects.requireNonNull(listener, "listener");
  }

  /** Refuses a WebSocket upgrade for a reason decided outside the core, and reports it. */
  public UpgradeDecision reject(EngineRequest request, EngineError error) {
    reportError(request, error, error.message());
    return UpgradeDecision.reject(error.message());
  }

  private void reportError(EngineRequest request, EngineError error, String message) {
    try {
      connectionErrors.onConnectionError(request, error, message == null ? error.message() : message);
    } catch (RuntimeException e) {
      log.warn("connection error listener failed", e);
    }
  }

  /** Closes every session ({@code forced close}) and refuses new handshakes. */
  public void close() {
    closed = true;
    for (Session s : sessions.values()) {
      s.shutdown();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Plain HTTP

  /**
   * Handles a plain HTTP request on the engine path (not an upgrade), with the CORS headers already
   * computed for it.
   */
  public void handleRequest(HttpExchange exchange, Map<String, String> baseHeaders) {
    String transport = exchange.queryParam("transport");
    // JSONP polling (selected by a "j" parameter) is not offered: it only served v2-era browsers
    // and is an injection risk (BAD_INPUTS C-14).
    if (!isEnabled(transport) || exchange.queryParam("j") != null) {
      refuse(exchange, baseHeaders, EngineError.UNKNOWN_TRANSPORT, null);
      return;
    }
    String origin = exchange.header("origin");
    if (origin != null && Http.hasInvalidHeaderChar(origin)) {
      refuse(exchange, baseHeaders, EngineError.BAD_REQUEST, null);
      return;
    }
    EngineVersion version = EngineVersion.fromQuery(exchange.queryParam("EIO"));
    String sid = exchange.queryParam("sid");
    if (sid != null && !sid.isEmpty()) {
      Session session = sessions.get(sid);
      if (session == null) {
        if ("GET".equals(exchange.method()) && "polling".equals(transport) && closedByClient.remove(sid) != null) {
          Map<String, String> headers = new LinkedHashMap<>(baseHeaders);
          headers.put("Content-Type", "text/plain; charset=UTF-8");
          headers.put("Cache-Control", "no-store");
          exchange.respond(200, headers, new byte[] {'6'});
          return;
        }
        refuse(exchange, baseHeaders, EngineError.UNKNOWN_SID, null);
        return;
      }
      // A plain HTTP request is never an upgrade: only polling requests belong here (digest 6.3,
      // including the recommendation for transport=websocket after an upgrade).
      if (!"polling".equals(transport) || !"polling".equals(session.transport())
          || session.version() != version) {
        refuse(exchange, baseHeaders, EngineError.BAD_REQUEST, null);
        return;
      }
      runOn(session, () -> session.onPollingRequest(exchange, baseHeaders));
      return;
    }
    if (!"GET".equals(exchange.method())) {
      refuse(exchange, baseHeaders, EngineError.BAD_HANDSHAKE_METHOD, null);
      return;
    }
    if (!"polling".equals(transport)) {
      refuse(exchange, baseHeaders, EngineError.BAD_REQUEST, null);
      return;
    }
    Refusal refusal = checkHandshake(exchange, version);
    if (refusal != null) {
      refuse(exchange, baseHeaders, refusal.error, refusal.message);
      return;
    }
    Session session = newSession(exchange, version, "polling");
    runOn(session, () -> session.openPolling(exchange, baseHeaders));
  }

  /** Why a handshake is refused; {@code message} replaces the error's own message when not null. */
  private record Refusal(EngineError error, String message) {}

  /** Returns null to go on, or why the handshake is refused (digest 6.3, step 4). */
  private Refusal checkHandshake(EngineRequest request, EngineVersion version) {
    if (closed) {
      return new Refusal(EngineError.BAD_REQUEST, null);
    }
    EngineOptions.HandshakeFilter filter = options.allowRequest();
    if (filter != null) {
      String refusal;
      try {
        refusal = filter.refuse(request);
      } catch (RuntimeException e) {
        log.warn("allowRequest failed", e);
        refusal = "";
      }
      if (refusal != null) {
        return new Refusal(EngineError.FORBIDDEN, refusal.isEmpty() ? null : refusal);
      }
    }
    if (version == EngineVersion.V3 && !options.allowEio3()) {
      return new Refusal(EngineError.UNSUPPORTED_PROTOCOL_VERSION, null);
    }
    return null;
  }

  /** Answers a plain HTTP request with an engine error and reports it as a connection error. */
  public void refuse(HttpExchange exchange, Map<String, String> baseHeaders, EngineError error) {
    refuse(exchange, baseHeaders, error, null);
  }

  private void refuse(HttpExchange exchange, Map<String, String> baseHeaders, EngineError error, String message) {
    if (log.isDebugEnabled()) {
      log.debug("refused {} {} from {}: {}", exchange.method(), error, exchange.remoteAddress(), error.message());
    }
    reportError(exchange, error, message);
    Http.error(exchange, baseHeaders, error, message);
  }

  // ---------------------------------------------------------------------------------------------
  // WebSocket upgrade

  /** Decides on a WebSocket upgrade request on the engine path (digest 6.3, 9). */
  public UpgradeDecision handleUpgrade(EngineRequest request) {
    UpgradeDecision decision = decideUpgrade(request);
    if (!decision.isAccepted()) {
      String message = decision.rejection();
      EngineError error = EngineError.FORBIDDEN;
      for (EngineError e : EngineError.values()) {
        if (e.message().equals(message)) {
          error = e;
        }
      }
      reportError(request, error, message);
    }
    return decision;
  }

  private UpgradeDecision decideUpgrade(EngineRequest request) {
    String transport = request.queryParam("transport");
    if (!"websocket".equals(transport) || !options.websocketEnabled()) {
      return UpgradeDecision.reject(EngineError.UNKNOWN_TRANSPORT.message());
    }
    String origin = request.header("origin");
    if (origin != null && Http.hasInvalidHeaderChar(origin)) {
      return UpgradeDecision.reject(EngineError.BAD_REQUEST.message());
    }
    EngineVersion version = EngineVersion.fromQuery(request.queryParam("EIO"));
    String sid = request.queryParam("sid");
    if (sid != null && !sid.isEmpty()) {
      Session session = sessions.get(sid);
      if (session == null) {
        return UpgradeDecision.reject(EngineError.UNKNOWN_SID.message());
      }
      if (session.version() != version) {
        return UpgradeDecision.reject(EngineError.BAD_REQUEST.message());
      }
      return UpgradeDecision.accept(connection -> {
        WebSocketHandler handler = session.handlerFor(connection);
        session.scheduler().execute(() -> session.openProbe(connection));
        return handler;
      });
    }
    Refusal refusal = checkHandshake(request, version);
    if (refusal != null) {
      return UpgradeDecision.reject(refusal.message != null ? refusal.message : refusal.error.message());
    }
    return UpgradeDecision.accept(connection -> {
      Session session = newSession(request, version, "websocket");
      WebSocketHandler handler = session.handlerFor(connection);
      runOn(session, () -> session.openWebSocket(connection));
      return handler;
    });
  }

  private Session newSession(EngineRequest request, EngineVersion version, String transport) {
    Map<String, String> headers = new LinkedHashMap<>(request.headers());
    return new Session(this, ids.get(), version, request.scheduler(), transport,
        Collections.unmodifiableMap(new LinkedHashMap<>(request.queryParams())),
        Collections.unmodifiableMap(headers), request.remoteAddress());
  }

  private static void runOn(Session session, Runnable task) {
    if (session.scheduler().inSchedulerThread()) {
      task.run();
    } else {
      session.scheduler().execute(task);
    }
  }

  private boolean isEnabled(String transport) {
    return ("polling".equals(transport) && options.pollingEnabled())
        || ("websocket".equals(transport) && options.websocketEnabled());
  }
}
