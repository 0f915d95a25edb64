package io.socketeer.testkit;

import io.socketeer.protocol.spi.Cancellable;
import io.socketeer.protocol.spi.Scheduler;
import java.time.Duration;
import java.util.PriorityQueue;

/**
 * A {@link Scheduler} in virtual time: nothing runs until the test calls {@link #advanceBy} or
 * {@link #runPending}, and then due tasks run on the calling thread in order of due time (ties in
 * the order they were scheduled).
 *
 * <p>Not thread-safe: drive it from the test thread only. {@link #inSchedulerThread()} is always
 * true, since every task runs on the thread that advances time.
 */
public final class FakeScheduler implements Scheduler {
  private final PriorityQueue<Task> queue = new PriorityQueue<>();

  /** Virtual time in nanoseconds. */
  private long now;

  /** Sequence number that orders tasks with the same due time. */
  private long sequence;

  /** Creates a scheduler whose clock starts at an arbitrary non-zero time. */
  public FakeScheduler() {
    this.now = Duration.ofHours(1).toNanos();
  }

  @Override
  public long nanoTime() {
    return now;
  }

  @Override
  public Cancellable schedule(Runnable task, Duration delay) {
    Task t = new Task(task, now + Math.max(0, delay.toNanos()), sequence++);
    queue.add(t);
    return () -> {
      if (t.done) {
        return false;
      }
      t.done = true;
      return queue.remove(t);
    };
  }

  @Override
  public void execute(Runnable task) {
    schedule(task, Duration.ZERO);
  }

  @Override
  public boolean inSchedulerThread() {
    return true;
  }

  /** Runs every task that is due now, including tasks they schedule for now. */
  public void runPending() {
    advanceBy(Duration.ZERO);
  }

  /** Moves the clock forward by {@code duration}, running every task that falls due, in order. */
  public void advanceBy(Duration duration) {
    long target = now + duration.toNanos();
    while (true) {
      Task next = queue.peek();
      if (next == null || next.due > target) {
        break;
      }
      queue.poll();
      now = Math.max(now, next.due);
      next.done = true;
      next.task.run();
    }
    now = target;
  }

  /** Returns how many tasks are waiting to run. */
  public int pendingTasks() {
    return queue.size();
  }

  private static final class Task implements Comparable<Task> {
    final Runnable task;
    final long due;
    final long seq;
    boolean done;

    Task(Runnable task, long due, long seq) {
      this.task = task;
      this.due = due;
      this.seq = seq;
    }

    @Override
    public int compareTo(Task o) {
      int c = Long.compare(due, o.due);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }
}
