package io.socketeer.testkit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A raw Socket.IO peer over the JDK's own WebSocket client, for tests that need an independent
 * client speaking the wire format by hand: Engine.IO v4 over WebSocket on {@code /socket.io/}. It
 * answers the server's pings, records every other text message, and tells how the connection
 * ended. Thread-safe.
 */
public final class RawSocketIoPeer implements WebSocket.Listener {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Duration WAIT = Duration.ofSeconds(5);

  private final BlockingQueue<String> unread = new LinkedBlockingQueue<>();
  private final List<String> received = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private final StringBuilder partial = new StringBuilder();
  private WebSocket ws;

  private RawSocketIoPeer() {}

  /**
   * Opens a WebSocket session on {@code 127.0.0.1:port} and reads the Engine.IO open packet.
   *
   * @throws AssertionError if the session does not open within 5 s
   */
  public static RawSocketIoPeer open(int port) {
    RawSocketIoPeer peer = new RawSocketIoPeer();
    try {
      peer.ws = HTTP.newWebSocketBuilder()
          .buildAsync(URI.create("ws://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=websocket"), peer)
          .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("cannot open a WebSocket to port " + port, e);
    }
    String open = peer.next();
    if (!open.startsWith("0{\"sid\":")) {
      throw new AssertionError("expected the open packet, got " + open);
    }
    return peer;
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      String text = partial.toString();
      partial.setLength(0);
      if (text.equals("2")) {
        send("3");
      } else {
        received.add(text);
        unread.add(text);
      }
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closed.complete(statusCode);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closed.complete(-1);
  }

  /**
   * Returns the next text message not read yet (pings excluded).
   *
   * @throws AssertionError if none arrives within 5 s
   */
  public String next() {
    try {
      String s = unread.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
      if (s == null) {
        throw new AssertionError("no message from the server within " + WAIT);
      }
      return s;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Returns every text message received so far (pings excluded), read or not. */
  public List<String> received() {
    return List.copyOf(received);
  }

  /**
   * Sends a text message (an Engine.IO packet, e.g. {@code 42["x"]}). Safe from any thread: sends
   * (pongs included) go out one at a time, as the JDK's WebSocket requires.
   */
  public synchronized RawSocketIoPeer send(String text) {
    ws.sendText(text, true).join();
    return this;
  }

  /** Sends a binary message. */
  public synchronized RawSocketIoPeer sendBinary(byte... bytes) {
    ws.sendBinary(ByteBuffer.wrap(bytes), true).join();
    return this;
  }

  /**
   * Joins the main namespace: sends {@code 40} and reads the CONNECT reply.
   *
   * @throws AssertionError if the reply is not a CONNECT
   */
  public RawSocketIoPeer join() {
    send("40");
    String reply = next();
    if (!reply.startsWith("40{\"sid\":")) {
      throw new AssertionError("expected the CONNECT reply, got " + reply);
    }
    return this;
  }

  /** Returns how the connection ended: its close code, or -1 after an error; pending while open. */
  public CompletableFuture<Integer> closed() {
    return closed;
  }

  /** Closes the WebSocket normally. */
  public void close() {
    if (closed.isDone()) {
      ws.abort(); // the server closed it already: nothing left to say
      return;
    }
    try {
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
    } catch (java.util.concurrent.CompletionException e) {
      ws.abort(); // closed by the server meanwhile
    }
  }
}
