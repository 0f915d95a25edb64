package io.socketeer.server;

import java.util.List;

/**
 * An acknowledgement did not arrive in time (message {@code operation has timed out}, as the
 * reference), or not from every recipient of a broadcast; {@link #responses()} holds the replies
 * that did arrive.
 */
public final class AckTimeoutException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<Arguments> responses;

  /** Creates the error with the replies received before the deadline. */
  public AckTimeoutException(List<Arguments> responses) {
    super("operation has timed out", null, false, false);
    this.responses = List.copyOf(responses);
  }

  /** Returns the replies that arrived before the deadline (for broadcasts; empty otherwise). */
  public List<Arguments> responses() {
    return responses;
  }
}
