package io.socketeer.client.internal;

/** Makes Netty transports for one endpoint. */
public final class NettyTransportFactory implements TransportFactory {
  private final Endpoint endpoint;

  public NettyTransportFactory(Endpoint endpoint) {
    this.endpoint = endpoint;
  }

  @Override
  public Transport create(String name, String sid) {
    switch (name) {
      case "polling":
        return new PollingTransport(endpoint, sid);
      case "websocket":
        return new WebSocketTransport(endpoint, sid);
      default:
        throw new IllegalArgumentException("unknown transport " + name);
    }
  }
}
