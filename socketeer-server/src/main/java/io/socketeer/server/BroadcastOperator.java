package io.socketeer.server;

import io.socketeer.protocol.socketio.SocketPacket;
import io.socketeer.protocol.spi.Cancellable;
import io.socketeer.server.internal.Values;
import io.socketeer.server.spi.BroadcastOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A broadcast: which sockets it reaches and with which flags. Immutable: every method returns a
 * new operator, so one can be kept and reused. {@code io.to("a").to("b")} reaches sockets in
 * {@code a} or {@code b}; {@code except} wins over {@code to}. Safe to use from any thread.
 *
 * <p>A broadcast is encoded once and the same bytes go to every recipient.
 */
public final class BroadcastOperator {
  private final Namespace namespace;
  private final BroadcastOptions options;
  private final Duration timeout;

  BroadcastOperator(Namespace namespace, BroadcastOptions options, Duration timeout) {
    this.namespace = namespace;
    this.options = options;
    this.timeout = timeout;
  }

  /** Returns this broadcast also reaching the sockets in {@code rooms}. */
  public BroadcastOperator to(String... rooms) {
    return new BroadcastOperator(namespace, options.withRooms(Arrays.asList(rooms)), timeout);
  }

  /** Same as {@link #to}. */
  public BroadcastOperator in(String... rooms) {
    return to(rooms);
  }

  /** Returns this broadcast skipping the sockets in {@code rooms} (socket ids work too). */
  public BroadcastOperator except(String... rooms) {
    return new BroadcastOperator(namespace, options.withExcept(Arrays.asList(rooms)), timeout);
  }

  /** Returns this broadcast reaching this server's sockets only. */
  public BroadcastOperator local() {
    return new BroadcastOperator(namespace, options.withLocal(true), timeout);
  }

  /** Returns this broadcast dropping its packets for sockets that cannot take them at once. */
  public BroadcastOperator asVolatile() {
    return new BroadcastOperator(namespace, options.withVolatile(true), timeout);
  }

  /** Returns this broadcast with compression allowed or not. */
  public BroadcastOperator compress(boolean compress) {
    return new BroadcastOperator(namespace, options.withCompress(compress), timeout);
  }

  /** Returns this broadcast collecting acknowledgements for at most {@code timeout}. */
  public BroadcastOperator timeout(Duration timeout) {
    return new BroadcastOperator(namespace, options, Objects.requireNonNull(timeout, "timeout"));
  }

  /** Returns the selection this operator stands for. */
  public BroadcastOptions options() {
    return options;
  }

  /**
   * Emits {@code event} to the selected sockets.
   *
   * @return true (a broadcast is fire-and-forget)
   * @throws IllegalArgumentException if {@code event} is a reserved name
   */
  public boolean emit(String event, Object... args) {
    checkEvent(event);
    namespace.adapter().broadcast(SocketPacket.event(namespace.name(), Values.array(event, args)), options);
    return true;
  }

  private static void checkEvent(String event) {
    if (SocketPacket.RESERVED_EVENTS.contains(event)) {
      throw new IllegalArgumentException("\"" + event + "\" is a reserved event name");
    }
  }

  /**
   * Emits {@code event} to the selected sockets and collects every acknowledgement. The future
   * completes with all replies, or, after the {@link #timeout}, fails with an {@link
   * AckTimeoutException} holding the replies that did arrive. Without a timeout it waits for every
   * recipient.
   */
  public CompletableFuture<List<Arguments>> emitWithAck(String event, Object... args) {
    checkEvent(event);
    long ackId = namespace.nextAckId();
    SocketPacket packet = SocketPacket.event(namespace.name(), Values.array(event, args), ackId);
    Collector collector = new Collector();
    if (timeout != null) {
      collector.timer = namespace.server().scheduler().schedule(collector::expire, timeout);
    }
    namespace.adapter().broadcastWithAck(packet, options, collector::expect, collector::add);
    return collector.future;
  }

  /** Returns the selected sockets, on every server of the cluster. */
  public CompletableFuture<List<RemoteSocket>> fetchSockets() {
    return namespace.adapter().fetchSockets(options).toCompletableFuture().thenApply(list -> {
      List<RemoteSocket> sockets = new ArrayList<>(list.size());
      list.forEach(d -> sockets.add(new RemoteSocket(namespace, d)));
      return sockets;
    });
  }

  /** Makes the selected sockets join {@code rooms}. */
  public void socketsJoin(String... rooms) {
    namespace.adapter().addSockets(options, Arrays.asList(rooms));
  }

  /** Makes the selected sockets leave {@code rooms}. */
  public void socketsLeave(String... rooms) {
    namespace.adapter().delSockets(options, Arrays.asList(rooms));
  }

  /** Disconnects the selected sockets, closing their connections when {@code close}. */
  public void disconnectSockets(boolean close) {
    namespace.adapter().disconnectSockets(options, close);
  }

  /** Counts expected and received replies of one broadcast; completes its future once. */
  private static final class Collector {
    final CompletableFuture<List<Arguments>> future = new CompletableFuture<>();
    private final List<Arguments> responses = new ArrayList<>();
    private int expected = -1;
    volatile Cancellable timer = Cancellable.NONE;

    synchronized void expect(int clients) {
      expected = Math.max(0, expected) + clients;
      check();
    }

    synchronized void add(Arguments response) {
      responses.add(response);
      check();
    }

    private void check() {
      if (expected >= 0 && responses.size() >= expected && future.complete(List.copyOf(responses))) {
        timer.cancel();
      }
    }

    synchronized void expire() {
      future.completeExceptionally(new AckTimeoutException(responses));
    }
  }
}
