/**
 * Spring Boot 3 support: {@link io.socketeer.spring.boot.SocketeerAutoConfiguration} makes a
 * Socket.IO server from the {@code socketeer.*} properties and runs it on the application's port
 * (or on Netty), and {@link io.socketeer.spring.boot.SocketIoController} beans handle its sockets
 * through {@link io.socketeer.spring.boot.OnConnect}, {@link io.socketeer.spring.boot.OnEvent} and
 * {@link io.socketeer.spring.boot.OnDisconnect} methods.
 */
package io.socketeer.spring.boot;
