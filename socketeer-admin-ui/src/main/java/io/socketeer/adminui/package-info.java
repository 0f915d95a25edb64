/**
 * The server side of the Socket.IO Admin UI protocol: {@link io.socketeer.adminui.AdminUi#instrument}
 * makes a Socketeer server speak to the official {@code @socket.io/admin-ui} dashboard as the
 * reference's {@code instrument(io, opts)} does (the {@code /admin} namespace, basic
 * authentication, periodic server statistics, sockets, rooms and events, and the dashboard's
 * commands).
 */
package io.socketeer.adminui;
