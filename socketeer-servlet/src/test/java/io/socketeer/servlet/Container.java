package io.socketeer.servlet;

import io.socketeer.engine.EngineOptions;
import io.socketeer.engine.EngineServer;
import io.socketeer.runtimetests.RunningServer;
import io.socketeer.server.SocketIoServer;
import jakarta.servlet.ServletContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The embedded Servlet containers the runtime is tested on. Each starts on a free port with its own
 * Jakarta WebSocket support switched on, then runs the given initializer while the context starts
 * (where {@link SocketIoServletInstaller} is meant to be called).
 */
enum Container {
  JETTY {
    @Override
    Host start(Consumer<ServletContext> init) throws Exception {
      Server server = new Server();
      ServerConnector connector = new ServerConnector(server);
      connector.setPort(0);
      server.addConnector(connector);
      ServletContextHandler context = new ServletContextHandler("/");
      JakartaWebSocketServletContainerInitializer.configure(context, null);
      context.addServletContainerInitializer((classes, servletContext) -> init.accept(servletContext));
      server.setHandler(context);
      server.start();
      return new Host(connector.getLocalPort(), () -> {
        server.stop();
        server.join();
      });
    }
  },
  TOMCAT {
    @Override
    Host start(Consumer<ServletContext> init) throws Exception {
      Path base = Files.createTempDirectory("socketeer-tomcat");
      Tomcat tomcat = new Tomcat();
      tomcat.setBaseDir(base.toString());
      Connector connector = new Connector();
      connector.setPort(0);
      tomcat.setConnector(connector);
      Context context = tomcat.addContext("", base.toString());
      if (context instanceof StandardContext standard) {
        // These leak checks need --add-opens and only warn without it; a test JVM does not leak webapps.
        standard.setClearReferencesObjectStreamClassCaches(false);
        standard.setClearReferencesThreadLocals(false);
        standard.setClearReferencesRmiTargets(false);
      }
      context.addServletContainerInitializer(new WsSci(), null);
      context.addServletContainerInitializer((classes, servletContext) -> init.accept(servletContext), null);
      tomcat.start();
      return new Host(connector.getLocalPort(), () -> {
        tomcat.stop();
        tomcat.destroy();
      });
    }
  };

  /** Starts the container with one root context that {@code init} configures. */
  abstract Host start(Consumer<ServletContext> init) throws Exception;

  /** Starts the container with {@code io} mounted with these engine options. */
  Host start(SocketIoServer io, EngineOptions engineOptions) throws Exception {
    return start(context -> SocketIoServletInstaller.builder(io).engineOptions(engineOptions).install(context));
  }

  /** Starts the container with a bare {@code engine} mounted on its own path. */
  Host start(EngineServer engine) throws Exception {
    return start(context -> SocketIoServletInstaller.builder(engine).install(context));
  }

  /** A running container. */
  static final class Host implements RunningServer {
    /** Stops a container. */
    interface Stopper {
      void stop() throws Exception;
    }

    private final int port;
    private final Stopper stopper;

    Host(int port, Stopper stopper) {
      this.port = port;
      this.stopper = stopper;
    }

    @Override
    public int port() {
      return port;
    }

    @Override
    public void close() throws Exception {
      stopper.stop();
    }
  }
}
