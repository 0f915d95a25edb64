package io.socketeer.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.socketeer.engine.EngineOptions;
import io.socketeer.server.HandlerExecutors;
import io.socketeer.server.ServerOptions;
import io.socketeer.server.SocketIoServer;
import io.socketeer.testkit.LogCapture;
import io.socketeer.testkit.RawSocketIoPeer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Handlers on an application executor: a handler that blocks for longer than a whole heartbeat
 * cycle delays neither the heartbeats nor the events of other sockets that share its event loop
 * (one worker thread here), each socket's events are still handled in arrival order, and a socket
 * that piles up more events than its queue holds is disconnected.
 */
class HandlerExecutorIT {
  private static final ExecutorService pool = Executors.newFixedThreadPool(4);
  private static final List<Integer> sequence = new CopyOnWriteArrayList<>();
  private static final CountDownLatch release = new CountDownLatch(1);
  private static SocketIoServer io;
  private static NettySocketIoServer server;

  @BeforeAll
  static void start() {
    LogCapture.install();
    io = SocketIoServer.create(ServerOptions.builder().handlerExecutor(pool).maxQueuedEvents(50).build());
    io.onConnection(socket -> {
      socket.on("block", (args, ack) -> {
        sleep(args.get(0).asLong());
        ack.send("unblocked");
      });
      socket.on("wait", (args, ack) -> {
        try {
          release.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      socket.on("echo", (args, ack) -> ack.send(args.values()));
      socket.on("seq", (args, ack) -> {
        int n = args.get(0).asInt();
        if (n % 17 == 0) {
          sleep(2); // gives another pool thread the chance to overtake, were order not kept
        }
        sequence.add(n);
      });
    });
    server = NettySocketIoServer.builder(io).port(0).workerThreads(1)
        .engineOptions(EngineOptions.builder().path("/socket.io/")
            .pingInterval(Duration.ofMillis(200)).pingTimeout(Duration.ofMillis(300)).build())
        .start();
  }

  @AfterAll
  static void stop() {
    release.countDown();
    server.close();
    pool.shutdownNow();
    LogCapture.assertNoWarnings();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void aBlockingHandlerDelaysNeitherHeartbeatsNorOtherSockets() {
    RawSocketIoPeer blocked = RawSocketIoPeer.open(server.port()).join();
    RawSocketIoPeer other = RawSocketIoPeer.open(server.port()).join();
    try {
      long start = System.nanoTime();
      blocked.send("420[\"block\",2000]");
      other.send("421[\"echo\",\"hi\"]");
      assertThat(other.next()).isEqualTo("431[\"hi\"]");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1000));
      // 2 s is four times pingInterval + pingTimeout: had the event loop been blocked, both
      // sessions would have timed out.
      assertThat(blocked.next()).isEqualTo("430[\"unblocked\"]");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(2000));
      assertThat(blocked.closed()).isNotDone();
      assertThat(other.closed()).isNotDone();
      other.send("422[\"echo\",\"still\"]");
      assertThat(other.next()).isEqualTo("432[\"still\"]");
    } finally {
      blocked.close();
      other.close();
    }
  }

  @Test
  void eachSocketsEventsRunInArrivalOrder() {
    RawSocketIoPeer peer = RawSocketIoPeer.open(server.port()).join();
    try {
      sequence.clear();
      for (int i = 0; i < 40; i++) {
        peer.send("42[\"seq\"," + i + "]");
      }
      await().atMost(10, TimeUnit.SECONDS).until(() -> sequence.size() == 40);
      assertThat(sequence).containsExactlyElementsOf(IntStream.range(0, 40).boxed().collect(Collectors.toList()));
    } finally {
      peer.close();
    }
  }

  @Test
  void aSocketWhoseQueueOverflowsIsDisconnectedAlone() {
    RawSocketIoPeer flooding = RawSocketIoPeer.open(server.port()).join();
    RawSocketIoPeer other = RawSocketIoPeer.open(server.port()).join();
    try {
      flooding.send("42[\"wait\"]"); // holds the socket's queue
      int sent = 0;
      try {
        for (; sent < 60; sent++) {
          flooding.send("42[\"echo\"," + sent + "]");
        }
      } catch (java.util.concurrent.CompletionException e) {
        // The server dropped the connection while the flood was still being sent.
      }
      assertThat(sent).as("the disconnect came after the queue (50) was full").isGreaterThanOrEqualTo(50);
      assertThat(flooding.closed()).succeedsWithin(Duration.ofSeconds(5));
      other.send("423[\"echo\",\"unaffected\"]");
      assertThat(other.next()).isEqualTo("433[\"unaffected\"]");
    } finally {
      release.countDown();
      flooding.close();
      other.close();
    }
  }

  @Test
  void virtualThreadsNeedJava21() {
    if (Runtime.version().feature() >= 21) {
      ExecutorService virtual = HandlerExecutors.virtualThreads();
      assertThat(virtual).isNotNull();
      virtual.shutdown();
    } else {
      assertThatThrownBy(HandlerExecutors::virtualThreads)
          .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("Java 21");
    }
  }
}
