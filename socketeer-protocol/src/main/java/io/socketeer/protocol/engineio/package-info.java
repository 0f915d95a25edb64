/**
 * Engine.IO packets and their encodings: single packets (text form and WebSocket binary frames) and
 * polling payloads, in protocol v4 and in v3 for old clients.
 *
 * <p>Start with {@link io.socketeer.protocol.engineio.EnginePacket} and {@link
 * io.socketeer.protocol.engineio.EngineCodec}.
 */
package io.socketeer.protocol.engineio;
