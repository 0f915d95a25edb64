package io.socketeer.servlet;

/** The official engine.io-client echo on embedded Jetty 12 (ee10). */
class JettyEngineClientInteropIT extends AbstractEngineClientInterop {
  @Override
  Container container() {
    return Container.JETTY;
  }
}
