package io.socketeer.engine;

import io.socketeer.engine.spi.EngineRequest;

/**
 * Told of every request the engine refuses (the reference's {@code connection_error} event): an
 * unknown transport or session, a bad handshake method, a refused or unsupported handshake. Called
 * on the I/O thread of the request; do not block.
 */
@FunctionalInterface
public interface ConnectionErrorListener {
  /**
   * A request was refused.
   *
   * @param request the refused request
   * @param error why
   * @param message the message sent to the client (the error's own, or the handshake filter's)
   */
  void onConnectionError(EngineRequest request, EngineError error, String message);
}
