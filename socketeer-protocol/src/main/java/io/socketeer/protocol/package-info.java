/**
 * Wire formats of Engine.IO and Socket.IO: packets, polling payloads, binary attachments and the
 * JSON dialect the reference JavaScript implementation writes.
 *
 * <p>Everything in this module is a pure function of its input: no I/O, no threads, no timers.
 * Encoders and the stateless codecs are safe to share between threads; a
 * {@link io.socketeer.protocol.socketio.SocketPacketDecoder} holds the state of one connection and
 * must be used by one thread at a time. Malformed input is always reported as a {@link
 * io.socketeer.protocol.ProtocolException}, never as another exception.
 *
 * <ul>
 *   <li>{@link io.socketeer.protocol.engineio}: Engine.IO v4 (and v3) packets and payloads.
 *   <li>{@link io.socketeer.protocol.socketio}: Socket.IO v5 (and v4) packets.
 * </ul>
 */
package io.socketeer.protocol;
