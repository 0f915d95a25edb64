package io.socketeer.runtimetests;

/** A server under test, started by a runtime's subclass of a suite and listening on localhost. */
public interface RunningServer extends AutoCloseable {
  /** The port the server listens on. */
  int port();

  /** Stops the server. */
  @Override
  void close() throws Exception;
}
