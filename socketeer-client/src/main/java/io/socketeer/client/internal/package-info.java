/**
 * Internals of the client: the Engine.IO session ({@code EngineSocket}), its Netty transports
 * (polling over keep-alive HTTP/1.1, WebSocket), the manager and socket implementations, and the
 * reconnection back-off. Not an API: everything here may change without notice.
 *
 * <p>Each manager's state is confined to one Netty event loop (its {@code Scheduler}); tests
 * drive the same code in virtual time with the testkit's {@code FakeScheduler} and fake
 * transports.
 */
package io.socketeer.client.internal;
