package io.socketeer.servlet;

import io.socketeer.engine.EngineOptions;
import io.socketeer.engine.EngineServer;
import io.socketeer.server.SocketIoServer;
import io.socketeer.servlet.internal.ClientFiles;
import io.socketeer.servlet.internal.EngineServlet;
import io.socketeer.servlet.internal.LoopGroup;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.websocket.server.ServerContainer;
import java.util.Objects;

/**
 * Mounts a {@link SocketIoServer} (or a bare {@link EngineServer}) in a Jakarta Servlet 6
 * container: one async servlet on the Socket.IO path ({@code /socket.io/} by default, relative to
 * the context) for polling, the browser client at {@code /socket.io/socket.io.js}, and WebSocket
 * through the container's Jakarta WebSocket 2.1 support.
 *
 * <pre>{@code
 * // in a ServletContainerInitializer or ServletContextListener.contextInitialized:
 * SocketIoServer io = SocketIoServer.create(ServerOptions.defaults());
 * io.onConnection(socket -> socket.emit("hello", "world"));
 * ServletMount mount = SocketIoServletInstaller.install(servletContext, io);
 * }</pre>
 *
 * <p>Call it while the context is being initialized (servlets cannot be added later). WebSocket
 * needs the container's {@code jakarta.websocket.server.ServerContainer} attribute, which
 * Jetty's and Tomcat's WebSocket initializers set; a container that sets it only from a context
 * listener (Spring Boot's embedded Tomcat) is looked up again when the servlet starts. Without it
 * only polling can be offered (turn WebSocket off in the engine options) and the servlet fails to
 * start otherwise.
 *
 * <p>Sessions live on a few threads of the mount's own ({@link Builder#threads}); handlers run
 * there, one at a time per connection, and must not block. The mount stops when the container
 * destroys its servlet, or on {@link ServletMount#close()}.
 */
public final class SocketIoServletInstaller {
  private SocketIoServletInstaller() {}

  /** Mounts {@code io} with the reference defaults on {@code /socket.io/}, serving the browser client. */
  public static ServletMount install(ServletContext context, SocketIoServer io) {
    return builder(io).install(context);
  }

  /** Returns a builder that mounts {@code io}. */
  public static Builder builder(SocketIoServer io) {
    return new Builder(Objects.requireNonNull(io, "io"), null);
  }

  /**
   * Returns a builder that mounts a bare Engine.IO server on its own path (its {@link
   * EngineOptions#path()}); no browser client is served.
   */
  public static Builder builder(EngineServer engine) {
    return new Builder(null, Objects.requireNonNull(engine, "engine"));
  }

  /** Configures and installs one mount. */
  public static final class Builder {
    private final SocketIoServer io;
    private final EngineServer engine;
    private EngineOptions engineOptions = SocketIoServer.defaultEngineOptions();
    private boolean serveClient;
    private int threads = Runtime.getRuntime().availableProcessors();

    private Builder(SocketIoServer io, EngineServer engine) {
      this.io = io;
      this.engine = engine;
      this.serveClient = io != null;
    }

    /**
     * Sets the engine options (path, heartbeat, limits, CORS, ...); default the reference's on
     * {@code /socket.io/}. Only for a Socket.IO mount: a bare engine has its own.
     *
     * @throws IllegalStateException for a bare engine mount
     */
    public Builder engineOptions(EngineOptions options) {
      if (io == null) {
        throw new IllegalStateException("a bare EngineServer brings its own options");
      }
      this.engineOptions = Objects.requireNonNull(options, "options");
      return this;
    }

    /** Whether the browser client is served under the Socket.IO path; default true (false for a bare engine). */
    public Builder serveClient(boolean serveClient) {
      this.serveClient = serveClient;
      return this;
    }

    /** Threads the sessions live on; default the number of processors. */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be positive: " + threads);
      }
      this.threads = threads;
      return this;
    }

    /**
     * Registers the servlet (async, mapped to the path and everything under it) in {@code context}.
     *
     * @throws IllegalStateException if the context is already initialized or already has this
     *     mount (a context without WebSocket support while the engine offers WebSocket makes the
     *     servlet unavailable when the container starts it)
     */
    public ServletMount install(ServletContext context) {
      Objects.requireNonNull(context, "context");
      EngineServer target = engine != null ? engine : io.createEngine(engineOptions);
      EngineOptions options = target.options();
      // Without it yet, the servlet looks it up when the container initializes it.
      ServerContainer webSockets = (ServerContainer) context.getAttribute(EngineServlet.SERVER_CONTAINER);
      String path = options.path();
      ClientFiles files = serveClient ? ClientFiles.load(path) : null;
      LoopGroup loops = new LoopGroup(threads, "socketeer" + path.replace('/', '-').replaceAll("-$", ""));
      ServletMount mount = new ServletMount(io, target, loops);
      ServletRegistration.Dynamic registration;
      try {
        registration = context.addServlet("socketeer:" + path,
            new EngineServlet(target, loops, files, options.websocketEnabled() ? webSockets : null, mount::close));
      } catch (RuntimeException e) {
        mount.close();
        throw e;
      }
      if (registration == null) {
        mount.close();
        throw new IllegalStateException("a Socketeer servlet is already mounted on " + path);
      }
      registration.setAsyncSupported(true);
      registration.setLoadOnStartup(1);
      registration.addMapping(path.endsWith("/") ? path + "*" : path + "/*");
      return mount;
    }
  }
}
