package io.socketeer.servlet;

/** The raw-peer checks on embedded Jetty 12 (ee10). */
class JettyRawPeerIT extends AbstractRawPeerTests {
  @Override
  Container container() {
    return Container.JETTY;
  }
}
