package io.socketeer.servlet;

import io.socketeer.engine.EngineServer;
import io.socketeer.runtimetests.AbstractEngineClientInterop;
import io.socketeer.runtimetests.RunningServer;

/** The official engine.io-client echo on embedded Jetty 12 (ee10). */
class JettyEngineClientInteropIT extends AbstractEngineClientInterop {
  @Override
  protected RunningServer start(EngineServer engine) throws Exception {
    return Container.JETTY.start(engine);
  }
}
