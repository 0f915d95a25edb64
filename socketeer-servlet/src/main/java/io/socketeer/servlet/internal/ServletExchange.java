package io.socketeer.servlet.internal;

import io.socketeer.engine.spi.BodyCallback;
import io.socketeer.engine.spi.HttpExchange;
import io.socketeer.protocol.spi.Scheduler;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One polling request on an async servlet. The body is read with a non-blocking {@link
 * ReadListener} as it arrives, up to the limit and never beyond it; the answer is written with a
 * {@link WriteListener}, so no thread waits on a slow client. The mutable fields are guarded by
 * {@code this}; callbacks into the engine run outside the lock.
 *
 * <p>What the container reports (the body, an abort) reaches the engine through the request's
 * scheduler, never inline: Tomcat may run a pending read callback on the thread that sets a
 * write listener, which is a session thread in the middle of the engine's own work (answering a
 * handshake before the session has told its listener it is open), and an inline call would
 * re-enter the engine there.
 */
final class ServletExchange extends RequestHead implements HttpExchange, ReadListener, AsyncListener {
  private static final Logger log = LoggerFactory.getLogger(ServletExchange.class);
  private static final byte[] EMPTY = new byte[0];

  private final int maxBody;
  private AsyncContext async;
  private HttpServletResponse response;
  /** Read only on container threads, inside the read listener. */
  private ServletInputStream in;

  private byte[] body = EMPTY;
  private int bodyLength;
  private boolean bodyComplete;
  private boolean tooLarge;
  private boolean aborted;
  private boolean responded;
  private BodyCallback bodyCallback;
  private Runnable abortTask;

  /**
   * Copies the request head.
   *
   * @throws IllegalArgumentException if the query string is malformed
   */
  ServletExchange(HttpServletRequest request, Scheduler scheduler, int maxBody) {
    super(request, scheduler);
    this.maxBody = maxBody;
  }

  /** Puts the request in async mode and starts reading its body (container thread). */
  void begin(HttpServletRequest request, HttpServletResponse response) throws IOException {
    this.response = response;
    this.async = request.startAsync(request, response);
    // No container timeout: the engine answers every request (a long poll within pingInterval).
    async.setTimeout(0);
    async.addListener(this);
    long length = request.getContentLengthLong();
    // Without a length, only GET and HEAD are taken to have no body: an HTTP/2 POST has neither a
    // length nor chunked encoding, and its body must still be read.
    boolean noBody = length == 0 || (length < 0 && ("GET".equals(method()) || "HEAD".equals(method())));
    if (noBody) {
      synchronized (this) {
        bodyComplete = true;
      }
    } else if (length > maxBody) {
      // Known to be too large before a byte of it is read (C-15).
      synchronized (this) {
        tooLarge = true;
        body = null;
      }
    } else {
      in = request.getInputStream();
      in.setReadListener(this);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Reading (container threads)

  @Override
  public void onDataAvailable() throws IOException {
    byte[] chunk = new byte[8192];
    while (in.isReady()) {
      int n = in.read(chunk);
      if (n < 0) {
        return; // onAllDataRead follows
      }
      BodyCallback refuse = null;
      synchronized (this) {
        if (tooLarge) {
          return;
        }
        if ((long) bodyLength + n > maxBody) {
          tooLarge = true;
          body = null;
          refuse = bodyCallback;
        } else {
          if (bodyLength + n > body.length) {
            body = Arrays.copyOf(body, Math.max(bodyLength + n, Math.min(maxBody, Math.max(256, body.length * 2))));
          }
          System.arraycopy(chunk, 0, body, bodyLength, n);
          bodyLength += n;
        }
      }
      if (refuse != null) {
        toEngine(refuse::onTooLarge);
      }
      if (refuse != null || isTooLarge()) {
        // Stop reading: nothing past the limit is buffered; the answer closes the connection.
        return;
      }
    }
  }

  private synchronized boolean isTooLarge() {
    return tooLarge;
  }

  @Override
  public void onAllDataRead() {
    BodyCallback deliver = null;
    byte[] b = null;
    synchronized (this) {
      bodyComplete = true;
      if (!tooLarge && bodyCallback != null) {
        deliver = bodyCallback;
        b = takeBody();
      }
    }
    if (deliver != null) {
      BodyCallback target = deliver;
      byte[] data = b;
      toEngine(() -> target.onBody(data));
    }
  }

  /** Hands a container event to the engine on the request's scheduler (see the class comment). */
  private void toEngine(Runnable call) {
    scheduler().execute(call);
  }

  @Override
  public void onError(Throwable t) {
    log.debug("reading from {} failed: {}", remoteAddress(), t.toString());
    abort();
  }

  private byte[] takeBody() {
    byte[] b = bodyLength == body.length ? body : Arrays.copyOf(body, bodyLength);
    body = null;
    return b;
  }

  @Override
  public void readBody(int maxBytes, BodyCallback callback) {
    int action;
    byte[] b = null;
    synchronized (this) {
      if (bodyCallback != null) {
        throw new IllegalStateException("readBody called twice");
      }
      bodyCallback = callback;
      if (tooLarge || bodyLength > maxBytes) {
        tooLarge = true;
        action = 1;
      } else if (bodyComplete) {
        b = takeBody();
        action = 2;
      } else if (aborted) {
        action = 3;
      } else {
        action = 0;
      }
    }
    switch (action) {
      case 1:
        callback.onTooLarge();
        break;
      case 2:
        callback.onBody(b);
        break;
      case 3:
        callback.onAborted();
        break;
      default:
        break;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Answering (any thread)

  @Override
  public void respond(int status, Map<String, String> headers, byte[] responseBody) {
    boolean close;
    synchronized (this) {
      if (responded) {
        return;
      }
      responded = true;
      abortTask = null;
      if (aborted) {
        complete();
        return;
      }
      close = !bodyComplete || tooLarge;
    }
    try {
      response.setStatus(status);
      for (Map.Entry<String, String> e : headers.entrySet()) {
        response.setHeader(e.getKey(), e.getValue());
      }
      if (close) {
        // The rest of the body was not read: this connection cannot carry another request.
        response.setHeader("Connection", "close");
      }
      response.setContentLength(responseBody.length);
      if (responseBody.length == 0) {
        complete();
        return;
      }
      ServletOutputStream out = response.getOutputStream();
      out.setWriteListener(new BodyWriter(out, responseBody));
    } catch (IOException | RuntimeException e) {
      // The client left, or the container gave the request up; nobody is waiting for the answer.
      log.debug("answering {} failed: {}", remoteAddress(), e.toString());
      complete();
    }
  }

  /** Writes the answer once the container can take it, then completes the request. */
  private final class BodyWriter implements WriteListener {
    private final ServletOutputStream out;
    private final byte[] bytes;
    private boolean written;

    BodyWriter(ServletOutputStream out, byte[] bytes) {
      this.out = out;
      this.bytes = bytes;
    }

    @Override
    public void onWritePossible() throws IOException {
      if (!written) {
        written = true;
        out.write(bytes);
      }
      if (out.isReady()) {
        complete();
      }
    }

    @Override
    public void onError(Throwable t) {
      log.debug("writing to {} failed: {}", remoteAddress(), t.toString());
      complete();
    }
  }

  private void complete() {
    try {
      async.complete();
    } catch (IllegalStateException e) {
      log.debug("request of {} already completed", remoteAddress());
    }
  }

  @Override
  public void onAbort(Runnable task) {
    boolean runNow;
    synchronized (this) {
      if (responded) {
        return;
      }
      runNow = aborted;
      if (!runNow) {
        abortTask = task;
      }
    }
    if (runNow) {
      task.run();
    }
  }

  /** The client went away, or the container gave the request up. */
  private void abort() {
    BodyCallback cb;
    Runnable task;
    synchronized (this) {
      if (responded || aborted) {
        return;
      }
      aborted = true;
      cb = !bodyComplete && !tooLarge ? bodyCallback : null;
      task = abortTask;
      abortTask = null;
    }
    if (cb != null) {
      toEngine(cb::onAborted);
    }
    if (task != null) {
      toEngine(task);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // AsyncListener (container threads)

  @Override
  public void onComplete(AsyncEvent event) {
    // answered
  }

  @Override
  public void onTimeout(AsyncEvent event) {
    abort();
    complete();
  }

  @Override
  public void onError(AsyncEvent event) {
    log.debug("request of {} failed: {}", remoteAddress(), String.valueOf(event.getThrowable()));
    abort();
    complete();
  }

  @Override
  public void onStartAsync(AsyncEvent event) {
    // not restarted
  }
}
