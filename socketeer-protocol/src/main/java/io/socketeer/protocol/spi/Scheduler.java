package io.socketeer.protocol.spi;

import java.time.Duration;

/**
 * The clock and timer every Socketeer component uses instead of {@code System.nanoTime()}, {@code
 * Thread.sleep()} or executors of its own, so that heartbeats, timeouts and back-off can be tested
 * in virtual time.
 *
 * <p>Two schedulers that run their tasks on the same thread should be {@code equal}, so that work
 * for many connections of one thread can be handed over in one task (a broadcast does this).
 *
 * <p>A runtime adapts its event loop (Netty's {@code EventLoop}); tests use a fake that advances
 * time by hand. Tasks run on the scheduler's own thread, in the order of their due times (ties in
 * the order they were scheduled).
 */
public interface Scheduler {
  /** Returns a monotonic time in nanoseconds, as {@link System#nanoTime()}. */
  long nanoTime();

  /**
   * Runs {@code task} once, {@code delay} from now.
   *
   * @return a handle that cancels the task if it has not run yet
   */
  Cancellable schedule(Runnable task, Duration delay);

  /**
   * Runs {@code task} as soon as possible on the scheduler's thread (at once when called from it is
   * not promised: the task is queued).
   */
  void execute(Runnable task);

  /** Returns true when the caller runs on the scheduler's thread. */
  boolean inSchedulerThread();
}
