package io.socketeer.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketeer.protocol.spi.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LoopGroupTest {
  @Test
  void loopsAreHandedOutInTurnAndRunTasksInOrderOnTheirOwnThread() throws Exception {
    LoopGroup group = new LoopGroup(2, "test-loop");
    try {
      Scheduler a = group.next();
      Scheduler b = group.next();
      assertThat(a).isNotEqualTo(b);
      assertThat(group.next()).isSameAs(a);
      assertThat(a.inSchedulerThread()).isFalse();

      List<Integer> order = Collections.synchronizedList(new ArrayList<>());
      List<Boolean> onLoop = Collections.synchronizedList(new ArrayList<>());
      CountDownLatch done = new CountDownLatch(1);
      for (int i = 0; i < 100; i++) {
        int n = i;
        a.execute(() -> {
          order.add(n);
          onLoop.add(a.inSchedulerThread() && !b.inSchedulerThread());
        });
      }
      a.execute(done::countDown);
      assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
      for (int i = 0; i < 100; i++) {
        assertThat(order.get(i)).isEqualTo(i);
      }
      assertThat(onLoop).containsOnly(true);
    } finally {
      group.shutdown(Duration.ofSeconds(2));
    }
  }

  @Test
  void aFailingTaskDoesNotStopTheLoopAndCancelledTimersDoNotRun() throws Exception {
    LoopGroup group = new LoopGroup(1, "test-loop");
    try {
      Scheduler loop = group.next();
      CountDownLatch ran = new CountDownLatch(1);
      List<String> fired = Collections.synchronizedList(new ArrayList<>());
      loop.execute(() -> {
        throw new IllegalStateException("expected by the test");
      });
      assertThat(loop.schedule(() -> fired.add("cancelled"), Duration.ofMillis(50)).cancel()).isTrue();
      loop.schedule(ran::countDown, Duration.ofMillis(100));
      assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(fired).isEmpty();
    } finally {
      group.shutdown(Duration.ofSeconds(2));
    }
  }

  @Test
  void shutdownStopsTheThreadsAndDropsPendingTimers() throws Exception {
    LoopGroup group = new LoopGroup(1, "test-stopping-loop");
    Scheduler loop = group.next();
    List<String> fired = Collections.synchronizedList(new ArrayList<>());
    loop.schedule(() -> fired.add("late"), Duration.ofSeconds(30));
    group.shutdown(Duration.ofSeconds(2));
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("test-stopping-loop"));
    assertThat(fired).isEmpty();
    loop.execute(() -> fired.add("after"));   // dropped quietly
    assertThat(fired).isEmpty();
  }
}
