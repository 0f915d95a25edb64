/**
 * The small seam between the engine and an HTTP runtime: a runtime turns each request on the
 * engine's path into an {@link io.socketeer.engine.spi.HttpExchange} (plain HTTP, used by polling)
 * or asks for an {@link io.socketeer.engine.spi.UpgradeDecision} (WebSocket upgrade), and exposes an
 * open WebSocket as a {@link io.socketeer.engine.spi.WebSocketConnection}. Netty is the first
 * runtime; a Servlet runtime only has to implement these types.
 */
package io.socketeer.engine.spi;
