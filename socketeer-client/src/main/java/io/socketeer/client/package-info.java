/**
 * The Socketeer client: a Java implementation of socket.io-client 4.x and engine.io-client 6.x.
 *
 * <p>Start with {@link io.socketeer.client.SocketIoClient}, which owns the threads every
 * connection shares, and ask it for a {@link io.socketeer.client.Socket} per namespace. Sockets of
 * one server share a {@link io.socketeer.client.Manager} (one Engine.IO connection, reconnection
 * with back-off). {@link io.socketeer.client.ClientOptions} holds every option, with the
 * reference client's defaults.
 *
 * <p>Threading: every public method is safe from any thread; network I/O and timers run on a few
 * Netty event loops; listeners and ack callbacks run on a callback executor, by default one
 * serial executor per manager on a small shared pool.
 */
package io.socketeer.client;
