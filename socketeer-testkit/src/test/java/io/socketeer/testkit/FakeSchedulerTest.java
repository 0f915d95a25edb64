package io.socketeer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FakeSchedulerTest {
  private final FakeScheduler scheduler = new FakeScheduler();
  private final List<String> ran = new ArrayList<>();

  @Test
  void runsNothingBeforeTheDueTimeAndTheTaskExactlyAtIt() {
    scheduler.schedule(() -> ran.add("a"), Duration.ofMillis(300));
    scheduler.advanceBy(Duration.ofMillis(299));
    assertThat(ran).isEmpty();
    scheduler.advanceBy(Duration.ofMillis(1));
    assertThat(ran).containsExactly("a");
  }

  @Test
  void runsTasksInDueOrderThenSchedulingOrder() {
    scheduler.schedule(() -> ran.add("late"), Duration.ofMillis(20));
    scheduler.schedule(() -> ran.add("first"), Duration.ofMillis(10));
    scheduler.schedule(() -> ran.add("second"), Duration.ofMillis(10));
    scheduler.advanceBy(Duration.ofSeconds(1));
    assertThat(ran).containsExactly("first", "second", "late");
  }

  @Test
  void tasksSeeTheirOwnDueTimeAndMayScheduleMore() {
    long start = scheduler.nanoTime();
    List<Long> seen = new ArrayList<>();
    scheduler.schedule(() -> {
      seen.add(scheduler.nanoTime() - start);
      scheduler.schedule(() -> seen.add(scheduler.nanoTime() - start), Duration.ofMillis(5));
    }, Duration.ofMillis(5));
    scheduler.advanceBy(Duration.ofMillis(100));
    assertThat(seen).containsExactly(Duration.ofMillis(5).toNanos(), Duration.ofMillis(10).toNanos());
    assertThat(scheduler.nanoTime() - start).isEqualTo(Duration.ofMillis(100).toNanos());
  }

  @Test
  void cancelledTasksDoNotRun() {
    var handle = scheduler.schedule(() -> ran.add("x"), Duration.ofMillis(1));
    assertThat(handle.cancel()).isTrue();
    assertThat(handle.cancel()).isFalse();
    scheduler.advanceBy(Duration.ofMillis(5));
    assertThat(ran).isEmpty();
    assertThat(scheduler.pendingTasks()).isZero();
  }
}
