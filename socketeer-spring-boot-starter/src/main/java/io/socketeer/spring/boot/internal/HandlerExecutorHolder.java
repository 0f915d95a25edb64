package io.socketeer.spring.boot.internal;

import io.socketeer.server.HandlerExecutors;
import io.socketeer.spring.boot.SocketeerProperties.HandlerExecutorMode;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;

/**
 * The executor handlers run on, chosen by {@code socketeer.handler-executor}. Not an {@link
 * Executor} bean itself, so that it never replaces Spring Boot's own task executor; shuts down
 * only what it created (the virtual-thread executor) when the context closes.
 */
public final class HandlerExecutorHolder implements DisposableBean {
  /** Spring Boot's name for its application task executor. */
  static final String APPLICATION_TASK_EXECUTOR = "applicationTaskExecutor";

  /** The executor, or null for the connection's own thread. */
  private final Executor executor;
  /** The executor to shut down on close, or null when it is not ours. */
  private final ExecutorService owned;

  private HandlerExecutorHolder(Executor executor, ExecutorService owned) {
    this.executor = executor;
    this.owned = owned;
  }

  /**
   * Picks the executor of {@code mode}.
   *
   * @throws IllegalStateException for virtual threads before Java 21, or without an {@code
   *     applicationTaskExecutor} bean
   */
  public static HandlerExecutorHolder create(HandlerExecutorMode mode, BeanFactory beans) {
    switch (mode) {
      case VIRTUAL_THREADS -> {
        ExecutorService virtual;
        try {
          virtual = HandlerExecutors.virtualThreads();
        } catch (UnsupportedOperationException e) {
          throw new IllegalStateException("socketeer.handler-executor=virtual-threads: " + e.getMessage(), e);
        }
        return new HandlerExecutorHolder(virtual, virtual);
      }
      case APPLICATION_TASK_EXECUTOR -> {
        try {
          return new HandlerExecutorHolder(beans.getBean(APPLICATION_TASK_EXECUTOR, Executor.class), null);
        } catch (NoSuchBeanDefinitionException e) {
          throw new IllegalStateException("socketeer.handler-executor=application-task-executor needs an Executor bean named "
              + APPLICATION_TASK_EXECUTOR + " (Spring Boot's task execution auto-configuration makes one)", e);
        }
      }
      default -> {
        return new HandlerExecutorHolder(null, null);
      }
    }
  }

  /** Returns the executor, or null for the connection's own thread. */
  public Executor executor() {
    return executor;
  }

  @Override
  public void destroy() {
    if (owned != null) {
      owned.shutdown();
    }
  }
}
