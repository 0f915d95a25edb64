/**
 * The {@code socketeer-cli} command-line client: {@link io.socketeer.cli.Main} connects to a
 * Socket.IO server with the Socketeer client, emits events with JSON arguments, and prints one
 * line per event, acknowledgement and connection change.
 */
package io.socketeer.cli;
