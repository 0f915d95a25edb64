package io.socketeer.netty;

import io.socketeer.engine.EngineServer;
import io.socketeer.runtimetests.AbstractEngineClientInterop;
import io.socketeer.runtimetests.RunningServer;

/** The official engine.io-client echo on the Netty runtime. */
class EngineClientInteropIT extends AbstractEngineClientInterop {
  @Override
  protected RunningServer start(EngineServer engine) {
    return NettyRunning.of(NettyEngineServer.start(engine, 0));
  }
}
