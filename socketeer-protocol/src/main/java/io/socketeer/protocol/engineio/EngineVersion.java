package io.socketeer.protocol.engineio;

/** Revision of the Engine.IO protocol a session speaks. */
public enum EngineVersion {
  /** {@code EIO=3}: Socket.IO v1/v2 clients; client-initiated heartbeat, length-prefixed payloads. */
  V3,
  /** {@code EIO=4}: Socket.IO v3 and later; server-initiated heartbeat, {@code \x1e}-separated payloads. */
  V4;

  /**
   * Reads the {@code EIO} query parameter as the reference server does: exactly {@code "4"} is v4,
   * anything else (including a missing parameter) is v3.
   */
  public static EngineVersion fromQuery(String eio) {
    return "4".equals(eio) ? V4 : V3;
  }
}
