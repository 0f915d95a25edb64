package io.socketeer.servlet.internal;

import io.socketeer.engine.spi.UpgradeDecision;
import io.socketeer.engine.spi.WebSocketConnection;
import io.socketeer.engine.spi.WebSocketHandler;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One upgraded connection, as a Jakarta WebSocket endpoint: joins the container's partial messages
 * up to the engine's size limit (closing with 1009 past it) and hands whole ones to the engine's
 * {@link WebSocketHandler}; writes the engine's frames one at a time with the asynchronous remote,
 * since a container may refuse a second send while one is in flight.
 *
 * <p>Inbound state is only touched by the container's thread of the moment for this session (the
 * container delivers one message at a time); the outbound queue is guarded by {@link #lock}.
 */
public final class EngineEndpoint extends Endpoint implements WebSocketConnection {
  private static final Logger log = LoggerFactory.getLogger(EngineEndpoint.class);
  /** Queue marker: close the WebSocket once the frames before it are written. */
  private static final Object CLOSE = new Object();

  private final UpgradeDecision decision;
  private final int maxMessage;
  private volatile Session session;
  private volatile WebSocketHandler handler;
  private final AtomicBoolean closeReported = new AtomicBoolean();
  /** Why the connection failed, or null; set before the close is reported. */
  private volatile String error;

  /** Text message being joined, or null; container thread. */
  private StringBuilder text;
  private long textBytes;
  /** Binary message being joined, or null; container thread. */
  private byte[] binary;
  private int binaryLength;
  /** A message went over the limit; the rest is ignored while the close goes out. */
  private boolean tooBig;

  private final Object lock = new Object();
  /** Frames (String, ByteBuffer) and {@link #CLOSE} waiting to be written; guarded by lock. */
  private final ArrayDeque<Object> queue = new ArrayDeque<>();
  /** A send is in flight; guarded by lock. */
  private boolean sending;
  /** No more frames are written; guarded by lock. */
  private boolean closed;
  /** The thread inside a send call, to turn synchronous completions into a loop; guarded by lock. */
  private Thread sendingThread;

  EngineEndpoint(UpgradeDecision decision, int maxMessage) {
    this.decision = decision;
    this.maxMessage = maxMessage;
  }

  @Override
  public void onOpen(Session session, EndpointConfig config) {
    this.session = session;
    // WebSocket liveness is the heartbeat's business, as on the Netty runtime.
    session.setMaxIdleTimeout(0);
    handler = decision.open(this);
    session.addMessageHandler(String.class, (MessageHandler.Partial<String>) this::onTextPart);
    session.addMessageHandler(ByteBuffer.class, (MessageHandler.Partial<ByteBuffer>) this::onBinaryPart);
  }

  private void onTextPart(String part, boolean last) {
    if (tooBig) {
      return;
    }
    long bytes = textBytes + utf8Length(part);
    if (bytes > maxMessage) {
      text = null;
      refuseTooBig();
      return;
    }
    if (last && text == null) {
      handler.onText(part);
      return;
    }
    if (text == null) {
      text = new StringBuilder(part.length() * 2);
    }
    text.append(part);
    textBytes = bytes;
    if (last) {
      String whole = text.toString();
      text = null;
      textBytes = 0;
      handler.onText(whole);
    }
  }

  private void onBinaryPart(ByteBuffer part, boolean last) {
    if (tooBig) {
      return;
    }
    int n = part.remaining();
    if ((long) binaryLength + n > maxMessage) {
      binary = null;
      refuseTooBig();
      return;
    }
    if (binary == null) {
      binary = new byte[last ? n : Math.max(n, 1024)];
    } else if (binaryLength + n > binary.length) {
      binary = Arrays.copyOf(binary, (int) Math.min(maxMessage, Math.max((long) binaryLength + n, binary.length * 2L)));
    }
    part.get(binary, binaryLength, n);
    binaryLength += n;
    if (last) {
      byte[] whole = binaryLength == binary.length ? binary : Arrays.copyOf(binary, binaryLength);
      binary = null;
      binaryLength = 0;
      handler.onBinary(whole);
    }
  }

  /** Bytes of {@code s} in UTF-8; a surrogate counts 2, so a pair counts 4 even when split across parts. */
  static long utf8Length(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      n += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
    }
    return n;
  }

  private void refuseTooBig() {
    tooBig = true;
    error = "message too big";
    synchronized (lock) {
      closed = true;
      queue.clear();
    }
    try {
      session.close(new CloseReason(CloseReason.CloseCodes.TOO_BIG, ""));
    } catch (IOException | RuntimeException e) {
      log.debug("closing WebSocket failed: {}", e.toString());
    }
  }

  @Override
  public void onClose(Session session, CloseReason reason) {
    synchronized (lock) {
      closed = true;
      queue.clear();
    }
    if (error == null && reason.getCloseCode().getCode() == CloseReason.CloseCodes.TOO_BIG.getCode()) {
      error = "message too big";
    }
    reportClosed();
  }

  @Override
  public void onError(Session session, Throwable thr) {
    log.debug("WebSocket failed: {}", thr.toString());
    if (error == null) {
      error = thr.toString();
    }
    if (!session.isOpen()) {
      reportClosed();
    }
  }

  private void reportClosed() {
    WebSocketHandler h = handler;
    if (h != null && closeReported.compareAndSet(false, true)) {
      h.onClose(error);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // WebSocketConnection (any thread)

  @Override
  public void sendText(byte[] head, byte[] tail) {
    byte[] all = Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    enqueue(new String(all, StandardCharsets.UTF_8));
  }

  @Override
  public void sendBinary(byte[] data) {
    enqueue(ByteBuffer.wrap(data));
  }

  @Override
  public void close() {
    enqueue(CLOSE);
  }

  private void enqueue(Object frame) {
    synchronized (lock) {
      if (closed) {
        return;
      }
      queue.add(frame);
    }
    drain();
  }

  /** Writes queued frames, one in flight at a time; completions on this thread loop here. */
  private void drain() {
    for (;;) {
      Object frame;
      synchronized (lock) {
        if (sending || closed || queue.isEmpty()) {
          return;
        }
        frame = queue.poll();
        if (frame == CLOSE) {
          closed = true;
          queue.clear();
        } else {
          sending = true;
          sendingThread = Thread.currentThread();
        }
      }
      try {
        if (frame == CLOSE) {
          closeSession();
          return;
        } else if (frame instanceof String) {
          session.getAsyncRemote().sendText((String) frame, this::onSent);
        } else {
          session.getAsyncRemote().sendBinary((ByteBuffer) frame, this::onSent);
        }
      } catch (RuntimeException e) {
        // Closed under us: the container reports the close.
        log.debug("WebSocket send failed: {}", e.toString());
        synchronized (lock) {
          closed = true;
          sending = false;
          queue.clear();
        }
        return;
      } finally {
        synchronized (lock) {
          if (sendingThread == Thread.currentThread()) {
            sendingThread = null;
          }
        }
      }
    }
  }

  private void onSent(SendResult result) {
    boolean resume;
    synchronized (lock) {
      sending = false;
      if (!result.isOK()) {
        closed = true;
        queue.clear();
      }
      resume = sendingThread != Thread.currentThread();
    }
    if (!result.isOK()) {
      log.debug("WebSocket write failed: {}", String.valueOf(result.getException()));
      return;
    }
    if (resume) {
      drain();
    }
  }

  private void closeSession() {
    try {
      // The reference (and the Netty runtime) sends a close frame without status code; Jakarta
      // WebSocket has no portable way to do that (Tomcat puts 1005 itself on the wire, which
      // peers refuse), so this runtime sends 1000, which clients treat the same.
      session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, ""));
    } catch (IOException | RuntimeException e) {
      log.debug("closing WebSocket failed: {}", e.toString());
    }
  }
}
