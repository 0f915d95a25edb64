package io.socketeer.servlet;

import io.socketeer.engine.EngineServer;
import io.socketeer.server.SocketIoServer;
import io.socketeer.servlet.internal.LoopGroup;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Socket.IO or Engine.IO server mounted in a servlet context by {@link SocketIoServletInstaller}.
 * Thread-safe. {@link #close()} (also run when the container destroys the servlet) disconnects
 * every socket with {@code server shutting down}, closes every session, and stops the mount's
 * session threads.
 */
public final class ServletMount implements AutoCloseable {
  private final SocketIoServer io;
  private final EngineServer engine;
  private final LoopGroup loops;
  private final AtomicBoolean closed = new AtomicBoolean();

  ServletMount(SocketIoServer io, EngineServer engine, LoopGroup loops) {
    this.io = io;
    this.engine = engine;
    this.loops = loops;
  }

  /** Returns the Engine.IO server behind the mount. */
  public EngineServer engine() {
    return engine;
  }

  /** Returns the path the mount serves, relative to the context (for example {@code /socket.io/}). */
  public String path() {
    return engine.options().path();
  }

  /** Stops the mount; later calls do nothing. Waits up to two seconds for the session threads. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      if (io != null) {
        io.close();
      }
      engine.close();
      loops.shutdown(Duration.ofSeconds(2));
    }
  }

  @Override
  public String toString() {
    return "ServletMount{" + path() + ", sessions=" + engine.sessionCount() + "}";
  }
}
