/**
 * Micrometer metrics for a Socketeer server: {@link io.socketeer.micrometer.SocketeerMetrics}
 * observes the Socket.IO server and its Engine.IO layer through their observer interfaces.
 */
package io.socketeer.micrometer;
