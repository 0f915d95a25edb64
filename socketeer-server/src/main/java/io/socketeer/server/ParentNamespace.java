package io.socketeer.server;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A dynamic namespace: a rule ({@link NamespaceMatcher}) that creates child namespaces on demand.
 * Its middlewares and connection handlers apply to every child; broadcasts reach every child.
 * Safe from any thread.
 */
public final class ParentNamespace {
  private final SocketIoServer server;
  private final NamespaceMatcher matcher;
  private final List<Middleware> middlewares = new CopyOnWriteArrayList<>();
  private final List<Consumer<Socket>> connectionHandlers = new CopyOnWriteArrayList<>();

  ParentNamespace(SocketIoServer server, NamespaceMatcher matcher) {
    this.server = server;
    this.matcher = matcher;
  }

  NamespaceMatcher matcher() {
    return matcher;
  }

  List<Middleware> middlewares() {
    return middlewares;
  }

  List<Consumer<Socket>> connectionHandlers() {
    return connectionHandlers;
  }

  /** Adds a middleware that runs before each socket joins any child. */
  public ParentNamespace use(Middleware middleware) {
    middlewares.add(Objects.requireNonNull(middleware, "middleware"));
    return this;
  }

  /** Runs {@code handler} for each socket that joins any child. */
  public ParentNamespace onConnection(Consumer<Socket> handler) {
    connectionHandlers.add(Objects.requireNonNull(handler, "handler"));
    return this;
  }

  /** Returns the children created so far. */
  public List<Namespace> children() {
    return server.childrenOf(this);
  }

  /** Emits to every socket of every child. */
  public boolean emit(String event, Object... args) {
    for (Namespace child : children()) {
      child.emit(event, args);
    }
    return true;
  }
}
