/**
 * Socket.IO packets (protocol v5, and v4 for EIO=3 clients): {@link
 * io.socketeer.protocol.socketio.SocketPacket}, the {@link
 * io.socketeer.protocol.socketio.SocketPacketEncoder} and the per-connection {@link
 * io.socketeer.protocol.socketio.SocketPacketDecoder}, which reassembles binary attachments.
 *
 * <p>Data is a Jackson {@code JsonNode} tree; binary values are {@code BinaryNode}s. JSON is read
 * and written exactly as the reference JavaScript implementation does ({@code JSON.parse}, {@code
 * JSON.stringify}), so that encodings are byte-identical with the official {@code
 * socket.io-parser}.
 */
package io.socketeer.protocol.socketio;
