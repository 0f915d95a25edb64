package io.socketeer.client.internal;

/** Makes the transports of one engine session; the Netty one in production, fakes in tests. */
@FunctionalInterface
public interface TransportFactory {
  /**
   * Returns a new transport, not yet open.
   *
   * @param name {@code polling} or {@code websocket}
   * @param sid the session id, or null for a handshake
   */
  Transport create(String name, String sid);
}
