package io.socketeer.client.internal;

import java.util.ArrayList;
import java.util.List;

/** Records every transport a session creates. */
final class FakeTransports implements TransportFactory {
  final List<FakeTransport> created = new ArrayList<>();

  @Override
  public Transport create(String name, String sid) {
    FakeTransport t = new FakeTransport(name, sid);
    created.add(t);
    return t;
  }

  FakeTransport last() {
    return created.get(created.size() - 1);
  }

  FakeTransport get(int i) {
    return created.get(i);
  }
}
