package io.socketeer.protocol.engineio;

/**
 * Receives the packets of a polling payload in order, as they are decoded.
 *
 * <p>The reference delivers every packet that precedes a malformed one; so does Socketeer: the
 * handler sees those packets before the decoder reports the error.
 */
@FunctionalInterface
public interface PacketHandler {
  /**
   * Receives the next packet.
   *
   * @return true to go on decoding, false to stop (for example after a {@code close} packet)
   */
  boolean onPacket(EnginePacket packet);
}
