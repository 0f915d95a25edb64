package io.socketeer.servlet;

/** The official socket.io-client scenarios on embedded Jetty 12 (ee10). */
class JettySocketIoClientInteropIT extends AbstractSocketIoClientInterop {
  @Override
  Container container() {
    return Container.JETTY;
  }
}
