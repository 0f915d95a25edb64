/**
 * The Jakarta Servlet runtime: {@link io.socketeer.servlet.SocketIoServletInstaller} mounts a
 * Socket.IO server (or a bare Engine.IO server) in a Servlet 6 container such as Jetty 12 or
 * Tomcat 10.1+, with polling on an async servlet and WebSocket through Jakarta WebSocket 2.1.
 */
package io.socketeer.servlet;
