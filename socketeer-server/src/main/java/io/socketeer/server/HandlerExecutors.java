package io.socketeer.server;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.ExecutorService;

/** Executors for {@link ServerOptions.Builder#handlerExecutor} and {@link Namespace#handlerExecutor}. */
public final class HandlerExecutors {
  private HandlerExecutors() {}

  /**
   * Returns an executor that starts a virtual thread per task (Java 21 and later): handlers may
   * block freely, at the cost of a small object per blocked handler.
   *
   * @throws UnsupportedOperationException on a Java runtime without virtual threads
   */
  public static ExecutorService virtualThreads() {
    try {
      return (ExecutorService) java.util.concurrent.Executors.class
          .getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    } catch (NoSuchMethodException e) {
      throw new UnsupportedOperationException(
          "virtual threads need Java 21 or later; this is Java " + Runtime.version().feature(), e);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("could not create a virtual-thread executor", e);
    }
  }
}
