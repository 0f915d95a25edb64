package io.socketeer.servlet;

import io.socketeer.engine.EngineOptions;
import io.socketeer.runtimetests.AbstractSocketIoClientInterop;
import io.socketeer.runtimetests.RunningServer;
import io.socketeer.server.SocketIoServer;

/** The official socket.io-client scenarios on embedded Jetty 12 (ee10). */
class JettySocketIoClientInteropIT extends AbstractSocketIoClientInterop {
  @Override
  protected RunningServer start(SocketIoServer io, EngineOptions engineOptions) throws Exception {
    return Container.JETTY.start(io, engineOptions);
  }
}
