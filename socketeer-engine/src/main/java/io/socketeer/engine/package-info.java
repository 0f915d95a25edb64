/**
 * The Engine.IO server: {@link io.socketeer.engine.EngineServer} validates requests and owns
 * sessions; each {@link io.socketeer.engine.EngineSession} reports to one {@link
 * io.socketeer.engine.EngineSessionListener}, the seam to the Socket.IO layer. The server talks to
 * HTTP runtimes through {@link io.socketeer.engine.spi}.
 */
package io.socketeer.engine;
