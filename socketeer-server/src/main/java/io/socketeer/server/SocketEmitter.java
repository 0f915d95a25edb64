package io.socketeer.server;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Emits to one socket's client with flags: volatile, compress, acknowledgement timeout.
 * Immutable: each flag method returns a new emitter. Safe to use from any thread.
 */
public final class SocketEmitter {
  private final Socket socket;
  private final boolean isVolatile;
  private final boolean compress;
  private final Duration timeout;

  SocketEmitter(Socket socket, boolean isVolatile, boolean compress, Duration timeout) {
    this.socket = socket;
    this.isVolatile = isVolatile;
    this.compress = compress;
    this.timeout = timeout;
  }

  /** Returns an emitter whose acknowledgements fail with {@link AckTimeoutException} after {@code timeout}. */
  public SocketEmitter timeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    return new SocketEmitter(socket, isVolatile, compress, timeout);
  }

  /** Returns an emitter that drops its packets when the connection cannot send them at once. */
  public SocketEmitter asVolatile() {
    return new SocketEmitter(socket, true, compress, timeout);
  }

  /** Returns an emitter whose packets may or may not be compressed. */
  public SocketEmitter compress(boolean compress) {
    return new SocketEmitter(socket, isVolatile, compress, timeout);
  }

  boolean isVolatile() {
    return isVolatile;
  }

  boolean compress() {
    return compress;
  }

  Duration timeout() {
    return timeout;
  }

  /** See {@link Socket#emit(String, Object...)}. */
  public boolean emit(String event, Object... args) {
    return socket.send(event, args, null, this);
  }

  /** See {@link Socket#emit(String, AckCallback, Object...)}. */
  public boolean emit(String event, AckCallback callback, Object... args) {
    return socket.send(event, args, Objects.requireNonNull(callback, "callback"), this);
  }

  /** See {@link Socket#emitWithAck(String, Object...)}. */
  public CompletableFuture<Arguments> emitWithAck(String event, Object... args) {
    CompletableFuture<Arguments> future = new CompletableFuture<>();
    socket.send(event, args, (error, response) -> {
      if (error != null) {
        future.completeExceptionally(error);
      } else {
        future.complete(response);
      }
    }, this);
    return future;
  }
}
