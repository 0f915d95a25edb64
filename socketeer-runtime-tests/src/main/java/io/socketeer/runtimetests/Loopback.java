package io.socketeer.runtimetests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A raw Engine.IO peer built on the JDK's own HTTP client, WebSocket client and sockets. */
public final class Loopback {
  public final int port;
  public final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  public Loopback(int port) {
    this.port = port;
  }

  public URI uri(String query) {
    return URI.create("http://localhost:" + port + "/engine.io/?" + query);
  }

  public HttpResponse<String> send(String method, String query, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(query)).timeout(Duration.ofSeconds(10));
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(method + " " + query + " failed", e);
    }
  }

  public CompletableFuture<HttpResponse<String>> sendAsync(String method, String query, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(query)).timeout(Duration.ofSeconds(20));
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> get(String query) {
    return send("GET", query, null);
  }

  public HttpResponse<String> poll(String sid) {
    return get("EIO=4&transport=polling&sid=" + sid);
  }

  public HttpResponse<String> post(String sid, String body) {
    return send("POST", "EIO=4&transport=polling&sid=" + sid, body);
  }

  /** Opens a v4 polling session and returns its sid. */
  public String handshake() {
    HttpResponse<String> r = get("EIO=4&transport=polling");
    assertThat(r.statusCode()).isEqualTo(200);
    String body = r.body();
    assertThat(body).startsWith("0{\"sid\":\"");
    return body.substring(9, body.indexOf('"', 9));
  }

  /** Writes raw bytes on a new connection and returns everything read until the server closes it. */
  public String raw(byte[] request, Duration timeout) {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout((int) timeout.toMillis());
      socket.getOutputStream().write(request);
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      try {
        int n;
        while ((n = in.read(buf)) >= 0) {
          out.write(buf, 0, n);
        }
      } catch (java.net.SocketTimeoutException e) {
        out.write("<timeout>".getBytes(StandardCharsets.US_ASCII));
      } catch (java.net.SocketException e) {
        out.write(("<" + e.getMessage() + ">").getBytes(StandardCharsets.US_ASCII));
      }
      return out.toString(StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new AssertionError("raw request failed", e);
    }
  }

  public String raw(String request) {
    return raw(request.getBytes(StandardCharsets.ISO_8859_1), Duration.ofSeconds(5));
  }

  /** Opens a WebSocket; fails the test when the handshake fails. */
  public Ws websocket(String query) {
    Ws ws = new Ws();
    try {
      ws.socket = connect(query, ws);
    } catch (Exception e) {
      throw new AssertionError("WebSocket " + query + " failed", e);
    }
    return ws;
  }

  /** Tries to open a WebSocket and returns the failure (or null when it opened). */
  public Throwable websocketFailure(String query) {
    try {
      connect(query, new Ws()).abort();
      return null;
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private WebSocket connect(String query, Ws ws) throws Exception {
    return http.newWebSocketBuilder()
        .buildAsync(URI.create("ws://localhost:" + port + "/engine.io/?" + query), ws)
        .get(5, TimeUnit.SECONDS);
  }

  /** A JDK WebSocket that collects whole messages (String or byte[]) and its close code. */
  public static final class Ws implements WebSocket.Listener {
    public final LinkedBlockingQueue<Object> messages = new LinkedBlockingQueue<>();
    public final CompletableFuture<Integer> closed = new CompletableFuture<>();
    public WebSocket socket;
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        messages.add(text.toString());
        text.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
      byte[] b = new byte[data.remaining()];
      data.get(b);
      binary.writeBytes(b);
      if (last) {
        messages.add(binary.toByteArray());
        binary.reset();
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

    public Object next() {
      try {
        Object m = messages.poll(5, TimeUnit.SECONDS);
        if (m == null) {
          throw new AssertionError("no WebSocket message within 5 s");
        }
        return m;
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }

    public void text(String s) {
      socket.sendText(s, true).join();
    }

    public int closeCode() {
      try {
        return closed.get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new AssertionError("WebSocket not closed within 5 s", e);
      }
    }
  }
}
