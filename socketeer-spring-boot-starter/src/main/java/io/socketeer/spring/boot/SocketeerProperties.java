package io.socketeer.spring.boot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The {@code socketeer.*} properties of {@link SocketeerAutoConfiguration}. Every default is the
 * reference server's; a mutable JavaBean that Spring binds once at startup.
 */
@ConfigurationProperties(prefix = "socketeer")
public class SocketeerProperties {
  /** Creates the properties with their defaults (Spring binds them). */
  public SocketeerProperties() {}

  /** Where Socketeer runs: the application's own servlet container, or a Netty server of its own. */
  public enum Runtime {
    /** Mounted in the application's servlet container, on its port (the default). */
    SERVLET,
    /** A standalone Netty server on {@code socketeer.netty.port}. */
    NETTY
  }

  /** Where connection, event and disconnect handlers run. */
  public enum HandlerExecutorMode {
    /** On the connection's own thread (a Netty event loop or the servlet mount's session thread); handlers must not block. */
    EVENT_LOOP,
    /** One virtual thread per task (Java 21 and later); handlers may block. */
    VIRTUAL_THREADS,
    /** Spring Boot's {@code applicationTaskExecutor} bean; handlers may block. */
    APPLICATION_TASK_EXECUTOR
  }

  /** HTTP path of the Engine.IO endpoint, relative to the servlet context. */
  private String path = "/socket.io/";

  /** Interval of the server's heartbeat pings. */
  private Duration pingInterval = Duration.ofSeconds(25);

  /** How long the server waits for a pong before closing the connection. */
  private Duration pingTimeout = Duration.ofSeconds(20);

  /** Largest message or polling body accepted from a client (the reference default, 1e6 bytes). */
  private DataSize maxHttpBufferSize = DataSize.ofBytes(1_000_000);

  /** How long a connection may stay without joining a namespace before it is closed. */
  private Duration connectTimeout = Duration.ofSeconds(45);

  /** Whether the browser client is served at {path}socket.io.js. */
  private boolean serveClient = true;

  /** Where Socketeer runs. */
  private Runtime runtime = Runtime.SERVLET;

  /** Where connection, event and disconnect handlers run. */
  private HandlerExecutorMode handlerExecutor = HandlerExecutorMode.EVENT_LOOP;

  private final Cors cors = new Cors();
  private final Recovery recovery = new Recovery();
  private final Netty netty = new Netty();

  /** Returns {@code socketeer.path}. */
  public String getPath() {
    return path;
  }

  /** Sets {@code socketeer.path}. */
  public void setPath(String path) {
    this.path = path;
  }

  /** Returns {@code socketeer.ping-interval}. */
  public Duration getPingInterval() {
    return pingInterval;
  }

  /** Sets {@code socketeer.ping-interval}. */
  public void setPingInterval(Duration pingInterval) {
    this.pingInterval = pingInterval;
  }

  /** Returns {@code socketeer.ping-timeout}. */
  public Duration getPingTimeout() {
    return pingTimeout;
  }

  /** Sets {@code socketeer.ping-timeout}. */
  public void setPingTimeout(Duration pingTimeout) {
    this.pingTimeout = pingTimeout;
  }

  /** Returns {@code socketeer.max-http-buffer-size}. */
  public DataSize getMaxHttpBufferSize() {
    return maxHttpBufferSize;
  }

  /** Sets {@code socketeer.max-http-buffer-size}. */
  public void setMaxHttpBufferSize(DataSize maxHttpBufferSize) {
    this.maxHttpBufferSize = maxHttpBufferSize;
  }

  /** Returns {@code socketeer.connect-timeout}. */
  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  /** Sets {@code socketeer.connect-timeout}. */
  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  /** Returns {@code socketeer.serve-client}. */
  public boolean isServeClient() {
    return serveClient;
  }

  /** Sets {@code socketeer.serve-client}. */
  public void setServeClient(boolean serveClient) {
    this.serveClient = serveClient;
  }

  /** Returns {@code socketeer.runtime}. */
  public Runtime getRuntime() {
    return runtime;
  }

  /** Sets {@code socketeer.runtime}. */
  public void setRuntime(Runtime runtime) {
    this.runtime = runtime;
  }

  /** Returns {@code socketeer.handler-executor}. */
  public HandlerExecutorMode getHandlerExecutor() {
    return handlerExecutor;
  }

  /** Sets {@code socketeer.handler-executor}. */
  public void setHandlerExecutor(HandlerExecutorMode handlerExecutor) {
    this.handlerExecutor = handlerExecutor;
  }

  /** Returns the {@code socketeer.cors.*} properties. */
  public Cors getCors() {
    return cors;
  }

  /** Returns the {@code socketeer.recovery.*} properties. */
  public Recovery getRecovery() {
    return recovery;
  }

  /** Returns the {@code socketeer.netty.*} properties. */
  public Netty getNetty() {
    return netty;
  }

  /** Cross-origin requests (off unless origins are listed). */
  public static class Cors {
    /** Origins allowed to connect from a browser page; "*" allows every origin. Empty turns CORS off. */
    private List<String> origins = new ArrayList<>();

    /** Whether Access-Control-Allow-Credentials is sent (not with "*"). */
    private boolean credentials;

    /** Returns {@code socketeer.cors.origins}. */
    public List<String> getOrigins() {
      return origins;
    }

    /** Sets {@code socketeer.cors.origins}. */
    public void setOrigins(List<String> origins) {
      this.origins = origins;
    }

    /** Returns {@code socketeer.cors.credentials}. */
    public boolean isCredentials() {
      return credentials;
    }

    /** Sets {@code socketeer.cors.credentials}. */
    public void setCredentials(boolean credentials) {
      this.credentials = credentials;
    }
  }

  /** Connection state recovery: a client that comes back in time gets its id, rooms and missed packets. */
  public static class Recovery {
    /** Whether connection state recovery is on. */
    private boolean enabled;

    /** How long after a disconnection a client may still recover its session. */
    private Duration maxDisconnectionDuration = Duration.ofMinutes(2);

    /** Whether namespace middlewares are skipped for a recovered connection. */
    private boolean skipMiddlewares = true;

    /** Returns {@code socketeer.recovery.enabled}. */
    public boolean isEnabled() {
      return enabled;
    }

    /** Sets {@code socketeer.recovery.enabled}. */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /** Returns {@code socketeer.recovery.max-disconnection-duration}. */
    public Duration getMaxDisconnectionDuration() {
      return maxDisconnectionDuration;
    }

    /** Sets {@code socketeer.recovery.max-disconnection-duration}. */
    public void setMaxDisconnectionDuration(Duration maxDisconnectionDuration) {
      this.maxDisconnectionDuration = maxDisconnectionDuration;
    }

    /** Returns {@code socketeer.recovery.skip-middlewares}. */
    public boolean isSkipMiddlewares() {
      return skipMiddlewares;
    }

    /** Sets {@code socketeer.recovery.skip-middlewares}. */
    public void setSkipMiddlewares(boolean skipMiddlewares) {
      this.skipMiddlewares = skipMiddlewares;
    }
  }

  /** The standalone Netty runtime ({@code socketeer.runtime=netty}). */
  public static class Netty {
    /** Port of the Netty server; 0 picks a free one. */
    private int port = 3000;

    /** Returns {@code socketeer.netty.port}. */
    public int getPort() {
      return port;
    }

    /** Sets {@code socketeer.netty.port}. */
    public void setPort(int port) {
      this.port = port;
    }
  }
}
