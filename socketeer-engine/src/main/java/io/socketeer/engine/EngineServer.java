package io.socketeer.engine;

import io.socketeer.engine.internal.EngineCore;
import io.socketeer.engine.internal.SessionIds;
import io.socketeer.engine.spi.EngineRequest;
import io.socketeer.engine.spi.HttpExchange;
import io.socketeer.engine.spi.UpgradeDecision;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * An Engine.IO server, independent of any HTTP stack: a runtime (such as {@code
 * socketeer-netty}'s {@code NettyEngineServer}) hands it every request whose path {@link
 * #handles(String) belongs to it}.
 *
 * <pre>{@code
 * EngineServer engine = EngineServer.create(EngineOptions.defaults(), session -> new EngineSessionListener() {
 *   public void onMessage(String text) { session.send(EnginePacket.message(text)); }
 * });
 * }</pre>
 *
 * <p>The factory is called once per session, on the session's thread, right after the handshake;
 * the listener it returns receives that session's events. Thread-safe; every method may be called
 * from any thread.
 */
public final class EngineServer {
  private final EngineCore core;

  private EngineServer(EngineCore core) {
    this.core = core;
  }

  /**
   * Creates a server.
   *
   * @param options the settings
   * @param listenerFactory makes the listener of each new session (may return null for none)
   */
  public static EngineServer create(
      EngineOptions options, Function<EngineSession, EngineSessionListener> listenerFactory) {
    return new EngineServer(new EngineCore(options, listenerFactory, new SessionIds()));
  }

  /** Returns the settings. */
  public EngineOptions options() {
    return core.options();
  }

  /**
   * Returns true when a request path belongs to this engine: it starts with {@link
   * EngineOptions#path()} (prefix match, trailing slash required, as the reference).
   */
  public boolean handles(String path) {
    return path.startsWith(core.options().path());
  }

  /** Handles a plain HTTP request (polling, handshake, CORS preflight); answers it exactly once. */
  public void handleRequest(HttpExchange exchange) {
    Map<String, String> baseHeaders = new LinkedHashMap<>();
    CorsOptions cors = core.options().cors();
    String origin = exchange.header("origin");
    if (cors != null) {
      if (origin != null && io.socketeer.engine.internal.Http.hasInvalidHeaderChar(origin)) {
        origin = null;
      }
      if ("OPTIONS".equals(exchange.method())) {
        cors.applyPreflight(origin, exchange.header("access-control-request-headers"), baseHeaders);
        exchange.respond(204, baseHeaders, new byte[0]);
        return;
      }
      cors.apply(origin, baseHeaders);
      if (!cors.allowsOrigin(exchange.header("origin"))) {
        // The allow-list binds polling as it binds WebSockets (C-10): no session for a page of
        // another origin, even one that could not read the answer.
        core.refuse(exchange, baseHeaders, EngineError.FORBIDDEN);
        return;
      }
    }
    core.handleRequest(exchange, baseHeaders);
  }

  /**
   * Decides on a WebSocket upgrade request; the runtime completes or refuses the handshake
   * accordingly.
   */
  public UpgradeDecision handleUpgrade(EngineRequest request) {
    CorsOptions cors = core.options().cors();
    if (cors != null && !cors.allowsOrigin(request.header("origin"))) {
      // Cross-site WebSocket hijacking guard (C-10): the allow-list binds WebSockets too.
      return core.reject(request, EngineError.FORBIDDEN);
    }
    return core.handleUpgrade(request);
  }

  /**
   * Sets the listener told of every refused request (the reference's {@code connection_error}
   * event); replaces the previous one. None by default.
   */
  public void onConnectionError(ConnectionErrorListener listener) {
    core.onConnectionError(listener);
  }

  /** Returns the number of live sessions. */
  public int sessionCount() {
    return core.sessionCount();
  }

  /** Returns a live session by id, or null. */
  public EngineSession session(String id) {
    return core.session(id);
  }

  /** Returns a snapshot of the live sessions. */
  public Collection<EngineSession> sessions() {
    return core.sessions();
  }

  /**
   * Closes every session with {@code forced close} and refuses new handshakes. Returns at once; the
   * sessions close on their own threads.
   */
  public void close() {
    core.close();
  }

  @Override
  public String toString() {
    return "EngineServer{" + Objects.toString(core.options().path()) + ", sessions=" + sessionCount() + "}";
  }
}
