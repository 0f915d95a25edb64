package io.socketeer.netty;

import io.socketeer.engine.EngineOptions;
import io.socketeer.runtimetests.AbstractSocketIoClientInterop;
import io.socketeer.runtimetests.RunningServer;
import io.socketeer.server.SocketIoServer;
import java.net.InetSocketAddress;

/** The official socket.io-client scenarios on the Netty runtime. */
class SocketIoClientInteropIT extends AbstractSocketIoClientInterop {
  @Override
  protected RunningServer start(SocketIoServer io, EngineOptions engineOptions) {
    return NettyRunning.of(NettySocketIoServer.start(io, engineOptions, new InetSocketAddress(0)));
  }
}
