package io.socketeer.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socketeer.server.spi.ConnectionRequest;

/** Decides whether a CONNECT to a namespace that does not exist yet may create it. */
@FunctionalInterface
public interface NamespaceMatcher {
  /**
   * Returns true to create namespace {@code name} as a child of the dynamic namespace.
   *
   * @param auth the CONNECT packet's auth object
   * @param request the Engine.IO handshake request
   */
  boolean matches(String name, ObjectNode auth, ConnectionRequest request);
}
