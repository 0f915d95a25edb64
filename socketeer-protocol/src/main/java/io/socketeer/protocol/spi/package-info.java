/**
 * Extension points shared by every Socketeer module: the {@link
 * io.socketeer.protocol.spi.Scheduler} that stands for time.
 */
package io.socketeer.protocol.spi;
