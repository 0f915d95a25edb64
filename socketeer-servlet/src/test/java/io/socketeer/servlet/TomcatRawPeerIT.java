package io.socketeer.servlet;

/** The raw-peer checks on embedded Tomcat. */
class TomcatRawPeerIT extends AbstractRawPeerTests {
  @Override
  Container container() {
    return Container.TOMCAT;
  }
}
