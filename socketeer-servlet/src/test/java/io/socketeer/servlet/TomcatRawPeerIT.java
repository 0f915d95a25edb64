package io.socketeer.servlet;

/** The raw-peer checks on embedded Tomcat 10.1. */
class TomcatRawPeerIT extends AbstractRawPeerTests {
  @Override
  Container container() {
    return Container.TOMCAT;
  }
}
