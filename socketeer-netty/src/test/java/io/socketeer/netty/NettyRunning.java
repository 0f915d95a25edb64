package io.socketeer.netty;

import io.socketeer.runtimetests.RunningServer;

/** A Netty server as the shared runtime suites see it. */
record NettyRunning(int port, Runnable stop) implements RunningServer {
  static NettyRunning of(NettySocketIoServer server) {
    return new NettyRunning(server.port(), server::close);
  }

  static NettyRunning of(NettyEngineServer server) {
    return new NettyRunning(server.port(), server::close);
  }

  @Override
  public void close() {
    stop.run();
  }
}
