package io.socketeer.server;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one socket's handlers on an application {@link Executor}, one at a time and in submission
 * order, whatever the executor's threads: a serial queue over a shared pool. Holds at most
 * {@code limit} waiting tasks; {@link #submit} refuses more.
 */
final class HandlerQueue implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(HandlerQueue.class);

  private final Executor executor;
  private final int limit;
  private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
  /** A drain is scheduled or running; guarded by {@code tasks}. */
  private boolean draining;

  HandlerQueue(Executor executor, int limit) {
    this.executor = executor;
    this.limit = limit;
  }

  /** Queues a task; false when {@code limit} tasks already wait (the caller decides what follows). */
  boolean submit(Runnable task) {
    return enqueue(task, false);
  }

  /** Queues a task that continues one already admitted (a middleware's next step): never refused. */
  void resume(Runnable task) {
    enqueue(task, true);
  }

  private boolean enqueue(Runnable task, boolean force) {
    synchronized (tasks) {
      if (!force && tasks.size() >= limit) {
        return false;
      }
      tasks.add(task);
      if (draining) {
        return true;
      }
      draining = true;
    }
    try {
      executor.execute(this);
    } catch (RejectedExecutionException e) {
      synchronized (tasks) {
        tasks.clear();
        draining = false;
      }
      log.warn("handler executor refused a task; queued handlers dropped", e);
    }
    return true;
  }

  /** Runs the waiting tasks, then lets the executor's thread go. */
  @Override
  public void run() {
    while (true) {
      Runnable task;
      synchronized (tasks) {
        task = tasks.poll();
        if (task == null) {
          draining = false;
          return;
        }
      }
      try {
        task.run();
      } catch (RuntimeException e) {
        log.warn("socket handler failed", e);
      }
    }
  }
}
