package io.socketeer.servlet.internal;

import io.socketeer.engine.EngineServer;
import io.socketeer.engine.spi.UpgradeDecision;
import jakarta.servlet.ServletException;
import jakarta.servlet.UnavailableException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servlet on the engine's path: serves the browser client, hands polling requests to the
 * engine as async {@link ServletExchange}s, and asks the engine about each WebSocket upgrade
 * before the container performs it ({@link ServerContainer#upgradeHttpToWebSocket}), so that a
 * refusal is the engine's own {@code 400} with its message, as on the Netty runtime.
 */
public final class EngineServlet extends HttpServlet {
  private static final Logger log = LoggerFactory.getLogger(EngineServlet.class);
  /** The servlet context attribute under which containers publish their WebSocket support. */
  public static final String SERVER_CONTAINER = "jakarta.websocket.server.ServerContainer";

  private final transient EngineServer engine;
  private final transient LoopGroup loops;
  /** The browser client, or null when not served. */
  private final transient ClientFiles files;
  /**
   * The container's WebSocket support, or null when WebSocket is off. Set at construction, or in
   * {@link #init()} when the container publishes it only once its listeners have run; read by
   * request threads after the container has initialized the servlet.
   */
  private transient volatile ServerContainer webSockets;
  /** Whether {@link #init()} must find {@link #webSockets} in the servlet context. */
  private final transient boolean lookUpWebSockets;
  /** Runs once when the container destroys the servlet. */
  private final transient Runnable onDestroy;

  /**
   * Creates the servlet of one mount. With WebSocket on in the engine's options and no
   * {@code webSockets} yet, the servlet finds the container's WebSocket support when it is
   * initialized.
   */
  public EngineServlet(EngineServer engine, LoopGroup loops, ClientFiles files, ServerContainer webSockets,
      Runnable onDestroy) {
    this.engine = engine;
    this.loops = loops;
    this.files = files;
    this.webSockets = webSockets;
    this.lookUpWebSockets = webSockets == null && engine.options().websocketEnabled();
    this.onDestroy = onDestroy;
  }

  @Override
  public void init() throws ServletException {
    if (lookUpWebSockets) {
      // Some containers publish it from a context listener, after the initializers that mounted
      // this servlet have run (Spring Boot's embedded Tomcat does): by now it must be there.
      Object container = getServletContext().getAttribute(SERVER_CONTAINER);
      if (!(container instanceof ServerContainer found)) {
        onDestroy.run();
        throw new UnavailableException("this servlet context has no Jakarta WebSocket support (no "
            + SERVER_CONTAINER + " attribute): enable the container's WebSocket module, or turn WebSocket off");
      }
      webSockets = found;
    }
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String path = RequestHead.contextPath(request);
    if (files != null && files.serve(path, request, response)) {
      return;
    }
    if (!engine.handles(path)) {
      writeBare(response, 404, "Not Found", "text/plain");
      return;
    }
    if (isWebSocketUpgrade(request)) {
      upgrade(request, response);
      return;
    }
    ServletExchange exchange;
    try {
      exchange = new ServletExchange(request, loops.next(), engine.options().maxHttpBufferSize());
    } catch (IllegalArgumentException e) {
      writeBare(response, 400, "", "text/plain");
      return;
    }
    exchange.begin(request, response);
    engine.handleRequest(exchange);
  }

  private static boolean isWebSocketUpgrade(HttpServletRequest request) {
    String upgrade = request.getHeader("Upgrade");
    return upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains("websocket");
  }

  private void upgrade(HttpServletRequest request, HttpServletResponse response) throws IOException {
    RequestHead head;
    try {
      head = new RequestHead(request, loops.next());
    } catch (IllegalArgumentException e) {
      writeBare(response, 400, "", "text/plain");
      return;
    }
    UpgradeDecision decision = "GET".equals(head.method())
        ? engine.handleUpgrade(head)
        : UpgradeDecision.reject("Bad request");
    if (!decision.isAccepted() || webSockets == null) {
      // The reference writes a raw 400 with the bare message (digest 6.3).
      String message = decision.isAccepted() ? "Bad request" : decision.rejection();
      log.debug("refused WebSocket from {}: {}", head.remoteAddress(), message);
      writeBare(response, 400, message, "text/html");
      return;
    }
    int max = engine.options().maxHttpBufferSize();
    ServerEndpointConfig config = ServerEndpointConfig.Builder.create(EngineEndpoint.class, engine.options().path())
        .configurator(new Opener(decision, max))
        .build();
    try {
      webSockets.upgradeHttpToWebSocket(request, response, config, Map.of());
    } catch (DeploymentException | RuntimeException e) {
      log.debug("WebSocket handshake with {} failed: {}", head.remoteAddress(), e.toString());
      if (!response.isCommitted()) {
        writeBare(response, 400, "Bad request", "text/html");
      }
    }
  }

  /** Hands the container an endpoint bound to the engine's decision; the engine already checked CORS. */
  private static final class Opener extends ServerEndpointConfig.Configurator {
    private final UpgradeDecision decision;
    private final int maxMessage;

    Opener(UpgradeDecision decision, int maxMessage) {
      this.decision = decision;
      this.maxMessage = maxMessage;
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) {
      return endpointClass.cast(new EngineEndpoint(decision, maxMessage));
    }

    @Override
    public boolean checkOrigin(String originHeaderValue) {
      return true;
    }

    @Override
    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
      return "";
    }

    @Override
    public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
      // No permessage-deflate, as on the Netty runtime.
      return List.of();
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
      // nothing to add
    }
  }

  /** Writes a complete answer on a connection that is then closed. */
  private static void writeBare(HttpServletResponse response, int status, String body, String type)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setHeader("Connection", "close");
    response.setContentType(type);
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }

  @Override
  public void destroy() {
    onDestroy.run();
  }
}
