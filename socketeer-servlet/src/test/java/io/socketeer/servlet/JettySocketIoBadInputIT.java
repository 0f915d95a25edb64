package io.socketeer.servlet;

/** Socket.IO bad input from raw WebSocket peers on embedded Jetty 12 (ee10). */
class JettySocketIoBadInputIT extends ServletSocketIoBadInput {
  @Override
  Container container() {
    return Container.JETTY;
  }
}
