package io.socketeer.protocol.spi;

/** A scheduled task that can still be called off. */
@FunctionalInterface
public interface Cancellable {
  /** A handle that cancels nothing, for code paths that scheduled no task. */
  Cancellable NONE = () -> false;

  /**
   * Cancels the task if it has not started yet; does nothing otherwise.
   *
   * @return true if this call stopped the task from running
   */
  boolean cancel();
}
