package io.socketeer.client.internal;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.socketeer.protocol.spi.Cancellable;
import io.socketeer.protocol.spi.Scheduler;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/** A {@link Scheduler} on one Netty event loop; tasks submitted after shutdown are dropped. */
public final class EventLoopScheduler implements Scheduler {
  private final EventLoop loop;

  public EventLoopScheduler(EventLoop loop) {
    this.loop = loop;
  }

  /** Returns the event loop. */
  public EventLoop loop() {
    return loop;
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public Cancellable schedule(Runnable task, Duration delay) {
    try {
      ScheduledFuture<?> f = loop.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
      return () -> f.cancel(false);
    } catch (RejectedExecutionException e) {
      return () -> false;
    }
  }

  @Override
  public void execute(Runnable task) {
    try {
      loop.execute(task);
    } catch (RejectedExecutionException e) {
      // The client is shutting down: nothing runs any more.
    }
  }

  @Override
  public boolean inSchedulerThread() {
    return loop.inEventLoop();
  }
}
