package io.socketeer.engine.internal;

import io.socketeer.engine.spi.WebSocketConnection;
import io.socketeer.engine.spi.WebSocketHandler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A {@link WebSocketConnection} in memory that records frames; closing it reports to its handler as a runtime does. */
class FakeWebSocket implements WebSocketConnection {
  /** Frames sent by the engine: String for text, byte[] for binary. */
  final List<Object> frames = new ArrayList<>();
  boolean closed;
  WebSocketHandler handler;

  @Override
  public void sendText(byte[] head, byte[] tail) {
    if (!closed) {
      frames.add(new String(head, StandardCharsets.UTF_8) + new String(tail, StandardCharsets.UTF_8));
    }
  }

  @Override
  public void sendBinary(byte[] data) {
    if (!closed) {
      frames.add(data);
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      if (handler != null) {
        handler.onClose(null);
      }
    }
  }

  /** The client sends a text frame. */
  void clientText(String text) {
    handler.onText(text);
  }

  /** The client closes the connection. */
  void clientClose() {
    if (!closed) {
      closed = true;
      handler.onClose(null);
    }
  }
}
