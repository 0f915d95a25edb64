package io.socketeer.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Sends events on a {@link Socket}, possibly with flags ({@link #timeout}, {@link #asVolatile},
 * {@link #compress}). Flag methods return a new emitter and never change the one they are called
 * on, so an emitter can be kept and reused. Every method is safe from any thread and never throws
 * because the socket is disconnected or closed.
 *
 * <p>Arguments are JSON-mappable values: {@code null}, strings, numbers, booleans, {@code Map}s,
 * {@code List}s, Jackson {@code JsonNode}s, POJOs (mapped by Jackson), and {@code byte[]} or
 * {@code ByteBuffer} for binary at any depth. When the last argument is an {@link AckCallback},
 * it is not sent: it receives the server's acknowledgement.
 */
public interface Emitter {
  /**
   * Sends an event, or buffers it while the socket is not connected (a volatile event is then
   * dropped instead).
   *
   * @return true when the event was sent or buffered; false when it was dropped (volatile), the
   *     client is closed, or an argument could not be mapped to JSON
   * @throws IllegalArgumentException if {@code event} is a reserved name ({@code connect}, {@code
   *     connect_error}, {@code disconnect}, {@code disconnecting}, {@code newListener}, {@code
   *     removeListener})
   */
  boolean emit(String event, Object... args);

  /**
   * Sends an event that asks for an acknowledgement and returns its arguments. The future fails
   * with a {@link SocketIoException} when the ack times out ({@link #timeout} or the {@code
   * ackTimeout} option), when the socket disconnects before the reply, or when the client is
   * closed. It completes on the socket's callback executor.
   */
  java.util.concurrent.CompletableFuture<Arguments> emitWithAck(String event, Object... args);

  /** Returns an emitter whose acks fail after {@code timeout} ({@code operation has timed out}). */
  Emitter timeout(Duration timeout);

  /** Returns an emitter whose events are dropped, not buffered, when they cannot be sent now. */
  Emitter asVolatile();

  /** Returns an emitter with the compress flag (WebSocket permessage-deflate hint); default true. */
  Emitter compress(boolean compress);

  /** Completes exceptionally with {@code error}; a helper for implementations. */
  static CompletableFuture<Arguments> failed(Throwable error) {
    CompletableFuture<Arguments> f = new CompletableFuture<>();
    f.completeExceptionally(error);
    return f;
  }
}
