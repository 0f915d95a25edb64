package io.socketeer.servlet;

/** The official engine.io-client echo on embedded Tomcat 10.1. */
class TomcatEngineClientInteropIT extends AbstractEngineClientInterop {
  @Override
  Container container() {
    return Container.TOMCAT;
  }
}
