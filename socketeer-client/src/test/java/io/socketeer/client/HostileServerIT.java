package io.socketeer.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Servers that misbehave during the handshake (BAD_INPUTS C-59, C-61), played by a raw HTTP/1.1
 * server on a plain socket that records every request line and its headers.
 */
class HostileServerIT {
  private static final String OPEN = "0{\"sid\":\"SID1\",\"upgrades\":[],\"pingInterval\":25000,"
      + "\"pingTimeout\":20000,\"maxPayload\":1000000}";

  /** Answers each request head (request line and headers) with a whole HTTP response. */
  private static final class RawServer implements AutoCloseable {
    final ServerSocket socket;
    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<Long> times = new CopyOnWriteArrayList<>();

    RawServer(Function<String, String> answer) throws IOException {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread acceptor = new Thread(() -> {
        while (!socket.isClosed()) {
          try {
            Socket c = socket.accept();
            Thread t = new Thread(() -> serve(c, answer));
            t.setDaemon(true);
            t.start();
          } catch (IOException e) {
            return;
          }
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
    }

    private void serve(Socket c, Function<String, String> answer) {
      try (c) {
        InputStream in = c.getInputStream();
        OutputStream out = c.getOutputStream();
        while (true) {
          String head = readHead(in);
          if (head == null) {
            return;
          }
          int length = 0;
          for (String line : head.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
              length = Integer.parseInt(line.substring(15).trim());
            }
          }
          in.readNBytes(length);
          requests.add(head);
          times.add(System.nanoTime());
          out.write(answer.apply(head).getBytes(StandardCharsets.UTF_8));
          out.flush();
        }
      } catch (IOException e) {
        // the client went away
      }
    }

    private static String readHead(InputStream in) throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) >= 0) {
        head.write(b);
        byte[] h = head.toByteArray();
        int n = h.length;
        if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
          return head.toString(StandardCharsets.ISO_8859_1);
        }
      }
      return null;
    }

    String url() {
      return "http://127.0.0.1:" + socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  private static String response(int status, String reason, String contentType, String body, String... headers) {
    StringBuilder r = new StringBuilder("HTTP/1.1 " + status + " " + reason + "\r\n");
    for (String h : headers) {
      r.append(h).append("\r\n");
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return r.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(bytes.length)
        .append("\r\n\r\n").append(body).toString();
  }

  @Test
  void c59RedirectsAreNotFollowedAndCredentialsGoNowhereElse() throws Exception {
    try (RawServer elsewhere = new RawServer(head -> response(200, "OK", "text/plain", OPEN));
        RawServer redirecting = new RawServer(head -> response(302, "Found", "text/plain", "",
            "Location: " + elsewhere.url() + "/socket.io/?EIO=4&transport=polling"));
        SocketIoClient client = SocketIoClient.create(1, 1)) {
      io.socketeer.client.Socket socket = client.socket(redirecting.url(), ClientOptions.builder().reconnection(false)
          .extraHeader("Authorization", "Bearer secret").build());
      CompletableFuture<SocketIoException> error = new CompletableFuture<>();
      socket.onConnectError(error::complete);
      assertThat(error.get(10, TimeUnit.SECONDS)).isNotNull();
      assertThat(socket.connected()).isFalse();
      assertThat(redirecting.requests).hasSize(1);
      assertThat(redirecting.requests.get(0)).contains("Authorization: Bearer secret");
      await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> true);
      assertThat(elsewhere.requests).isEmpty();
    }
  }

  @Test
  void c61UnknownSessionMakesTheClientHandshakeAgainWithBackoff() throws Exception {
    String unknown = response(400, "Bad Request", "application/json", "{\"code\":1,\"message\":\"Session ID unknown\"}");
    try (RawServer server = new RawServer(head -> {
          String line = head.substring(0, head.indexOf("\r\n"));
          if (!line.contains("sid=")) {
            return response(200, "OK", "text/plain; charset=UTF-8", OPEN);
          }
          return line.startsWith("POST") ? response(200, "OK", "text/html", "ok") : unknown;
        });
        SocketIoClient client = SocketIoClient.create(1, 1)) {
      io.socketeer.client.Socket socket = client.socket(server.url(), ClientOptions.builder()
          .reconnectionDelay(Duration.ofMillis(200)).reconnectionDelayMax(Duration.ofMillis(400))
          .randomizationFactor(0).build());
      // As the reference client: the transport error is the manager's error event, then it
      // reconnects; the socket's connect_error is for refusals by the server's namespace.
      List<SocketIoException> errors = new CopyOnWriteArrayList<>();
      socket.manager().addListener(new ManagerListener() {
        @Override
        public void onError(SocketIoException error) {
          errors.add(error);
        }
      });
      await().atMost(Duration.ofSeconds(10)).until(() -> handshakes(server) >= 3);
      socket.disconnect();
      assertThat(errors).isNotEmpty();
      // Each new attempt is a fresh handshake, a backoff delay after the failure it follows.
      long first = -1;
      int seen = 0;
      for (int i = 0; i < server.requests.size(); i++) {
        if (!server.requests.get(i).contains("sid=")) {
          if (seen++ == 1) {
            first = i;
          }
        }
      }
      long failedAt = server.times.get((int) first - 1);
      assertThat(Duration.ofNanos(server.times.get((int) first) - failedAt)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
      // The stale id is never tried again in a loop: at most one GET with it per handshake.
      long staleGets = server.requests.stream().filter(r -> r.startsWith("GET") && r.contains("sid=SID1")).count();
      assertThat(staleGets).isLessThanOrEqualTo(handshakes(server));
    }
  }

  private static long handshakes(RawServer server) {
    return server.requests.stream().filter(r -> !r.substring(0, r.indexOf("\r\n")).contains("sid=")).count();
  }
}
