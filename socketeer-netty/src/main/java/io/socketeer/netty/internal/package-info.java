/** Netty handlers that adapt HTTP exchanges and WebSockets to the engine SPI. Not an API. */
package io.socketeer.netty.internal;
