package io.socketeer.engine.spi;

/**
 * Receives the body of a request, once, from {@link HttpExchange#readBody}. Exactly one method is
 * called, on any thread.
 */
public interface BodyCallback {
  /** The whole body arrived and is at most the limit; the array is owned by the callee. */
  void onBody(byte[] body);

  /**
   * The body is larger than the limit. The runtime stops reading it as soon as the limit is passed
   * and never buffers beyond it.
   */
  void onTooLarge();

  /** The client went away before the body was complete. */
  void onAborted();
}
