package io.socketeer.client;

/** Removes a listener that was added. Safe to call more than once and from any thread. */
@FunctionalInterface
public interface Registration {
  /** Removes the listener; it receives nothing more once the call returns. */
  void remove();
}
