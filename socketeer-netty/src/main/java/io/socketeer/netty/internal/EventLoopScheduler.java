package io.socketeer.netty.internal;

import io.netty.channel.EventLoop;
import io.socketeer.protocol.spi.Cancellable;
import io.socketeer.protocol.spi.Scheduler;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** A {@link Scheduler} on a Netty {@link EventLoop}; its timers are precise to about a millisecond. */
public final class EventLoopScheduler implements Scheduler {
  private final EventLoop loop;

  /** Wraps {@code loop}. */
  public EventLoopScheduler(EventLoop loop) {
    this.loop = loop;
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public Cancellable schedule(Runnable task, Duration delay) {
    Future<?> f = loop.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    return () -> f.cancel(false);
  }

  @Override
  public void execute(Runnable task) {
    loop.execute(task);
  }

  @Override
  public boolean inSchedulerThread() {
    return loop.inEventLoop();
  }

  /** Schedulers of the same event loop are equal, so that work for one loop can be grouped. */
  @Override
  public boolean equals(Object o) {
    return o instanceof EventLoopScheduler && ((EventLoopScheduler) o).loop == loop;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(loop);
  }
}
