package io.socketeer.servlet;

/** Socket.IO bad input from raw WebSocket peers on embedded Tomcat 10.1. */
class TomcatSocketIoBadInputIT extends ServletSocketIoBadInput {
  @Override
  Container container() {
    return Container.TOMCAT;
  }
}
