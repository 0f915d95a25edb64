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
  /** Closed by {@link #abort()}, without a close frame. */
  boolean aborted;
  WebSocketHandler handler;
  /** While false the peer reads nothing: what is sent stays buffered. */
  boolean peerReads = true;
  /** Bytes and frames sent while the peer was not reading. */
  long unreadBytes;
  long unreadFrames;

  private void account(int bytes) {
    if (!peerReads) {
      unreadBytes += bytes;
      unreadFrames++;
    }
  }

  @Override
  public boolean isWritable() {
    return unreadBytes < 64 * 1024;
  }

  @Override
  public long bufferedBytes() {
    return unreadBytes;
  }

  @Override
  public long bufferedMessages() {
    return unreadFrames;
  }

  @Override
  public void abort() {
    aborted = true;
    close();
  }

  @Override
  public void sendText(byte[] head, byte[] tail) {
    if (!closed) {
      frames.add(new String(head, StandardCharsets.UTF_8) + new String(tail, StandardCharsets.UTF_8));
      account(head.length + tail.length);
    }
  }

  @Override
  public void sendBinary(byte[] data) {
    if (!closed) {
      frames.add(data);
      account(data.length);
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
