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

  public String getPath() {
    return path;
  }

  public void setPath(String path) {
    this.path = path;
  }

  public Duration getPingInterval() {
    return pingInterval;
  }

  public void setPingInterval(Duration pingInterval) {
    this.pingInterval = pingInterval;
  }

  public Duration getPingTimeout() {
    return pingTimeout;
  }

  public void setPingTimeout(Duration pingTimeout) {
    this.pingTimeout = pingTimeout;
  }

  public DataSize getMaxHttpBufferSize() {
    return maxHttpBufferSize;
  }

  public void setMaxHttpBufferSize(DataSize maxHttpBufferSize) {
    this.maxHttpBufferSize = maxHttpBufferSize;
  }

  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  public boolean isServeClient() {
    return serveClient;
  }

  public void setServeClient(boolean serveClient) {
    this.serveClient = serveClient;
  }

  public Runtime getRuntime() {
    return runtime;
  }

  public void setRuntime(Runtime runtime) {
    this.runtime = runtime;
  }

  public HandlerExecutorMode getHandlerExecutor() {
    return handlerExecutor;
  }

  public void setHandlerExecutor(HandlerExecutorMode handlerExecutor) {
    this.handlerExecutor = handlerExecutor;
  }

  public Cors getCors() {
    return cors;
  }

  public Recovery getRecovery() {
    return recovery;
  }

  public Netty getNetty() {
    return netty;
  }

  /** Cross-origin requests (off unless origins are listed). */
  public static class Cors {
    /** Origins allowed to connect from a browser page; "*" allows every origin. Empty turns CORS off. */
    private List<String> origins = new ArrayList<>();

    /** Whether Access-Control-Allow-Credentials is sent (not with "*"). */
    private boolean credentials;

    public List<String> getOrigins() {
      return origins;
    }

    public void setOrigins(List<String> origins) {
      this.origins = origins;
    }

    public boolean isCredentials() {
      return credentials;
    }

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

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public Duration getMaxDisconnectionDuration() {
      return maxDisconnectionDuration;
    }

    public void setMaxDisconnectionDuration(Duration maxDisconnectionDuration) {
      this.maxDisconnectionDuration = maxDisconnectionDuration;
    }

    public boolean isSkipMiddlewares() {
      return skipMiddlewares;
    }

    public void setSkipMiddlewares(boolean skipMiddlewares) {
      this.skipMiddlewares = skipMiddlewares;
    }
  }

  /** The standalone Netty runtime ({@code socketeer.runtime=netty}). */
  public static class Netty {
    /** Port of the Netty server; 0 picks a free one. */
    private int port = 3000;

    public int getPort() {
      return port;
    }

    public void setPort(int port) {
      this.port = port;
    }
  }
}
