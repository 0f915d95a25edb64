package io.socketeer.engine.spi;

import java.util.Objects;
import java.util.function.Function;

/**
 * The engine's answer to a WebSocket upgrade request: either refuse it (the runtime writes a raw
 * {@code 400 Bad Request} with the message as a text body and closes the connection), or accept it
 * (the runtime completes the WebSocket handshake and then calls {@link #open}).
 */
public final class UpgradeDecision {
  private final String rejection;
  private final Function<WebSocketConnection, WebSocketHandler> opener;

  private UpgradeDecision(String rejection, Function<WebSocketConnection, WebSocketHandler> opener) {
    this.rejection = rejection;
    this.opener = opener;
  }

  /** Returns a refusal whose body is {@code message} (for example {@code Session ID unknown}). */
  public static UpgradeDecision reject(String message) {
    return new UpgradeDecision(Objects.requireNonNull(message, "message"), null);
  }

  /** Returns an acceptance; {@code opener} runs once the handshake has completed. */
  public static UpgradeDecision accept(Function<WebSocketConnection, WebSocketHandler> opener) {
    return new UpgradeDecision(null, Objects.requireNonNull(opener, "opener"));
  }

  /** Returns true when the upgrade is accepted. */
  public boolean isAccepted() {
    return opener != null;
  }

  /** Returns the refusal message, or null when accepted. */
  public String rejection() {
    return rejection;
  }

  /**
   * Binds the engine to the WebSocket once the handshake has completed; call once, on any thread.
   *
   * @return the handler that receives the connection's frames
   * @throws IllegalStateException if the upgrade was refused
   */
  public WebSocketHandler open(WebSocketConnection connection) {
    if (opener == null) {
      throw new IllegalStateException("upgrade was refused");
    }
    return opener.apply(connection);
  }
}
