/**
 * The embedded Netty runtime: {@link io.socketeer.netty.NettyEngineServer} serves an Engine.IO
 * server over HTTP/1.1 long-polling and WebSocket.
 */
package io.socketeer.netty;
