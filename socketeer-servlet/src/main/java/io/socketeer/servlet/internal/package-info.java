/**
 * The Servlet runtime's machinery: the servlet on the engine path, async polling exchanges, the
 * Jakarta WebSocket endpoint, the session threads and the browser client files. Not an API.
 */
package io.socketeer.servlet.internal;
