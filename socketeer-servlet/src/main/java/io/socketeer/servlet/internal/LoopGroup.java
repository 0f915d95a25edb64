package io.socketeer.servlet.internal;

import io.socketeer.protocol.spi.Cancellable;
import io.socketeer.protocol.spi.Scheduler;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session threads of a servlet mount: a few single-threaded schedulers, handed out in turn to
 * new requests. A Servlet container has no event loop a session could live on, so each Engine.IO
 * session lives on one of these threads instead, for its whole life (see the engine's
 * {@code CONCURRENCY.md}); container threads only hand work over to them.
 */
public final class LoopGroup {
  private static final Logger log = LoggerFactory.getLogger(LoopGroup.class);

  private final Loop[] loops;
  /** Round-robin cursor; any thread. */
  private final AtomicInteger next = new AtomicInteger();

  /** Starts {@code threads} daemon threads named {@code name-N}. */
  public LoopGroup(int threads, String name) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be positive: " + threads);
    }
    loops = new Loop[threads];
    for (int i = 0; i < threads; i++) {
      loops[i] = new Loop(name + "-" + i);
    }
  }

  /** Returns the next loop in turn. */
  public Scheduler next() {
    return loops[Math.floorMod(next.getAndIncrement(), loops.length)];
  }

  /**
   * Stops every thread: tasks already queued still run, timers that are not due yet are dropped.
   * Waits up to {@code timeout} for the threads to end.
   */
  public void shutdown(Duration timeout) {
    for (Loop loop : loops) {
      loop.executor.shutdown();
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Loop loop : loops) {
      try {
        loop.executor.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** One thread as a {@link Scheduler}. Equal only to itself, as two loops never share a thread. */
  static final class Loop implements Scheduler {
    private final ScheduledThreadPoolExecutor executor;
    /** The loop's thread, set once it has started. */
    private volatile Thread thread;

    Loop(String name) {
      executor = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        thread = t;
        return t;
      });
      executor.setRemoveOnCancelPolicy(true);
      executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
      executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
      executor.prestartCoreThread();
    }

    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
      try {
        Future<?> f = executor.schedule(guarded(task), delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        return Cancellable.NONE; // shutting down: timers no longer fire
      }
    }

    @Override
    public void execute(Runnable task) {
      try {
        executor.execute(guarded(task));
      } catch (java.util.concurrent.RejectedExecutionException e) {
        log.debug("loop stopped; task dropped");
      }
    }

    @Override
    public boolean inSchedulerThread() {
      return Thread.currentThread() == thread;
    }

    /** The executor keeps a task's exception in its future, where nobody would see it. */
    private static Runnable guarded(Runnable task) {
      return () -> {
        try {
          task.run();
        } catch (RuntimeException | Error e) {
          log.error("task failed on {}", Thread.currentThread().getName(), e);
        }
      };
    }
  }
}
