package io.socketeer.client;

/**
 * Receives the outcome of an emit that asked for an acknowledgement.
 *
 * <p>Called once, on the socket's callback executor: with {@code error == null} and the server's
 * reply, or with an error and {@code args == null} when the ack timed out ({@code operation has
 * timed out}), the socket was disconnected while the packet was in flight ({@code socket has been
 * disconnected}) or the client was closed.
 */
@FunctionalInterface
public interface AckCallback {
  /** Receives the reply, or the error that ended the wait. */
  void onAck(SocketIoException error, Arguments args);
}
