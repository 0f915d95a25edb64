package io.socketeer.servlet;

import io.socketeer.engine.EngineServer;
import io.socketeer.runtimetests.AbstractEngineClientInterop;
import io.socketeer.runtimetests.RunningServer;

/** The official engine.io-client echo on embedded Tomcat 10.1. */
class TomcatEngineClientInteropIT extends AbstractEngineClientInterop {
  @Override
  protected RunningServer start(EngineServer engine) throws Exception {
    return Container.TOMCAT.start(engine);
  }
}
