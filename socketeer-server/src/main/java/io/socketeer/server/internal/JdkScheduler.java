package io.socketeer.server.internal;

import io.socketeer.protocol.spi.Cancellable;
import io.socketeer.protocol.spi.Scheduler;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Scheduler} on one daemon thread of the JDK, for servers that no runtime has given a
 * scheduler yet (broadcast acknowledgement timeouts). Made on first use, never more than one.
 */
public final class JdkScheduler implements Scheduler {
  private static final class Holder {
    static final JdkScheduler INSTANCE = new JdkScheduler();
  }

  private final ScheduledThreadPoolExecutor executor;
  private volatile Thread thread;

  private JdkScheduler() {
    executor = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "socketeer-timer");
      t.setDaemon(true);
      thread = t;
      return t;
    });
    executor.setRemoveOnCancelPolicy(true);
  }

  /** Returns the shared instance. */
  public static JdkScheduler shared() {
    return Holder.INSTANCE;
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public Cancellable schedule(Runnable task, Duration delay) {
    ScheduledFuture<?> future = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    return () -> future.cancel(false);
  }

  @Override
  public void execute(Runnable task) {
    executor.execute(task);
  }

  @Override
  public boolean inSchedulerThread() {
    return Thread.currentThread() == thread;
  }
}
