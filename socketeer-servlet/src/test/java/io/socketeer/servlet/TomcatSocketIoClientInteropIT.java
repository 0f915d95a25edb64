package io.socketeer.servlet;

/** The official socket.io-client scenarios on embedded Tomcat 10.1. */
class TomcatSocketIoClientInteropIT extends AbstractSocketIoClientInterop {
  @Override
  Container container() {
    return Container.TOMCAT;
  }
}
