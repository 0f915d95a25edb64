package io.socketeer.adminui;

import io.socketeer.adminui.internal.Instrumentation;
import io.socketeer.server.Namespace;
import io.socketeer.server.SocketIoServer;
import java.util.Objects;

/**
 * Makes a server visible to the official Socket.IO Admin UI dashboard ({@code @socket.io/admin-ui},
 * protocol of version 0.5.1), as the reference's {@code instrument(io, opts)} does.
 *
 * <pre>{@code
 * SocketIoServer io = SocketIoServer.create(ServerOptions.defaults());
 * AdminUi.instrument(io, AdminUiOptions.builder()
 *     .auth(AdminUiOptions.Auth.basic("admin", "$2a$10$..."))   // bcrypt hash of the password
 *     .build());
 * NettySocketIoServer.start(io, 3000);   // the dashboard connects to http://host:3000/admin
 * }</pre>
 *
 * <p>Call it before the runtime starts: it adds observers to the server ({@link
 * SocketIoServer#addObserver}, {@link SocketIoServer#addEngineObserver}), and Engine.IO figures
 * (connections, packets, bytes, polling clients) come only from engines made afterwards. Other
 * observers, such as metrics, keep working beside it. In development mode each socket's {@link
 * io.socketeer.server.Socket#data() data} carries an {@code _admin} field (the dashboard's client id
 * and transport), as with the reference, so that {@code fetchSockets} on other servers sees it.
 * Thread-safe.
 */
public final class AdminUi implements AutoCloseable {
  private final Instrumentation instrumentation;

  private AdminUi(Instrumentation instrumentation) {
    this.instrumentation = instrumentation;
  }

  /**
   * Instruments {@code io}: creates the dashboard's namespace with its authentication and
   * commands, reports sockets, rooms and events to it, and sends it {@code server_stats} every
   * {@link AdminUiOptions#serverStatsInterval()} from now on.
   */
  public static AdminUi instrument(SocketIoServer io, AdminUiOptions options) {
    Objects.requireNonNull(io, "io");
    Objects.requireNonNull(options, "options");
    return new AdminUi(Instrumentation.start(io, options));
  }

  /** Returns the dashboard's namespace. */
  public Namespace namespace() {
    return instrumentation.adminNamespace();
  }

  /** Stops sending {@code server_stats}; the rest stays as long as the server. Idempotent. */
  @Override
  public void close() {
    instrumentation.stop();
  }
}
