package io.socketeer.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.socketeer.testkit.NodeScenarioServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS with a custom {@link SSLContext} and hostname verification, and an HTTP CONNECT proxy,
 * against the official server. The certificate names only {@code wrong.example}, so that
 * hostname verification has something to refuse.
 */
class TlsAndProxyIT {
  @TempDir static Path dir;
  private static NodeScenarioServer tlsServer;
  private static NodeScenarioServer plainServer;
  private static SSLContext trusting;

  @BeforeAll
  static void start() throws Exception {
    Path key = dir.resolve("key.pem");
    Path cert = dir.resolve("cert.pem");
    Process p =
        new ProcessBuilder(
                "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(),
                "-out", cert.toString(), "-days", "2", "-subj", "/CN=wrong.example",
                "-addext", "subjectAltName=DNS:wrong.example")
            .redirectErrorStream(true)
            .start();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0)
        .as("openssl must be installed to make the test certificate")
        .isTrue();
    tlsServer = NodeScenarioServer.start("--tls", key.toString(), cert.toString());
    plainServer = NodeScenarioServer.start();

    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    ks.load(null, null);
    try (InputStream in = Files.newInputStream(cert)) {
      Certificate c = CertificateFactory.getInstance("X.509").generateCertificate(in);
      ks.setCertificateEntry("test", c);
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    trusting = SSLContext.getInstance("TLS");
    trusting.init(null, tmf.getTrustManagers(), null);
  }

  @AfterAll
  static void stop() {
    if (tlsServer != null) {
      tlsServer.close();
    }
    if (plainServer != null) {
      plainServer.close();
    }
  }

  private static String httpsUrl() {
    return "https://127.0.0.1:" + tlsServer.port();
  }

  private static ClientOptions.Builder options() {
    return ClientOptions.builder().reconnection(false).timeout(Duration.ofSeconds(5));
  }

  @Test
  void connectsOverTlsWithACustomContextAndUpgradesToSecureWebSocket() throws Exception {
    try (SocketIoClient client = SocketIoClient.create(1, 1)) {
      Socket socket =
          client.socket(httpsUrl(), options().sslContext(trusting).hostnameVerification(false).build());
      await().atMost(Duration.ofSeconds(10)).until(socket::connected);
      assertThat(socket.emitWithAck("echo", "secure").get(10, TimeUnit.SECONDS).string(0)).isEqualTo("secure");
      await().atMost(Duration.ofSeconds(10)).until(() -> "websocket".equals(socket.manager().transport()));
      assertThat(socket.emitWithAck("echo", "wss").get(10, TimeUnit.SECONDS).string(0)).isEqualTo("wss");
    }
  }

  @Test
  void refusesAnUntrustedCertificateByDefault() throws Exception {
    assertRefused(options().build());
  }

  @Test
  void refusesACertificateForAnotherHost() throws Exception {
    assertRefused(options().sslContext(trusting).build());
  }

  private static void assertRefused(ClientOptions options) throws Exception {
    try (SocketIoClient client = SocketIoClient.create(1, 1)) {
      Socket socket = client.socket(httpsUrl(), options);
      CompletableFuture<SocketIoException> error = new CompletableFuture<>();
      socket.onConnectError(error::complete);
      assertThat(error.get(10, TimeUnit.SECONDS).getMessage()).isEqualTo("xhr poll error");
      assertThat(socket.connected()).isFalse();
    }
  }

  @Test
  void tunnelsPollingAndWebSocketThroughAnHttpProxy() throws Exception {
    try (ConnectProxy proxy = new ConnectProxy();
        SocketIoClient client = SocketIoClient.create(1, 1)) {
      Socket socket =
          client.socket(plainServer.url(), options().proxy(proxy.address()).build());
      await().atMost(Duration.ofSeconds(10)).until(socket::connected);
      await().atMost(Duration.ofSeconds(10)).until(() -> "websocket".equals(socket.manager().transport()));
      assertThat(socket.emitWithAck("echo", "proxied").get(10, TimeUnit.SECONDS).string(0)).isEqualTo("proxied");
      String target = "127.0.0.1:" + plainServer.port();
      assertThat(proxy.targets).hasSizeGreaterThanOrEqualTo(2).allMatch(target::equals);
    }
  }

  /** A minimal HTTP CONNECT proxy that records the targets it tunnels to. */
  static final class ConnectProxy implements AutoCloseable {
    final List<String> targets = new CopyOnWriteArrayList<>();
    private final ServerSocket server;
    private final List<java.net.Socket> sockets = new CopyOnWriteArrayList<>();

    ConnectProxy() throws IOException {
      server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
      Thread t = new Thread(this::accept, "test-proxy");
      t.setDaemon(true);
      t.start();
    }

    InetSocketAddress address() {
      return new InetSocketAddress("127.0.0.1", server.getLocalPort());
    }

    private void accept() {
      while (!server.isClosed()) {
        try {
          java.net.Socket s = server.accept();
          sockets.add(s);
          Thread t = new Thread(() -> tunnel(s), "test-proxy-conn");
          t.setDaemon(true);
          t.start();
        } catch (IOException e) {
          return;
        }
      }
    }

    private void tunnel(java.net.Socket client) {
      try {
        InputStream in = client.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
          int b = in.read();
          if (b < 0) {
            return;
          }
          head.append((char) b);
        }
        String target = head.toString().split(" ")[1];
        targets.add(target);
        String[] hp = target.split(":");
        java.net.Socket upstream = new java.net.Socket(hp[0], Integer.parseInt(hp[1]));
        sockets.add(upstream);
        OutputStream out = client.getOutputStream();
        out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        Thread up = new Thread(() -> pipe(in, upstream), "test-proxy-up");
        up.setDaemon(true);
        up.start();
        pipe(upstream.getInputStream(), client);
      } catch (IOException e) {
        // connection ended
      }
    }

    private static void pipe(InputStream from, java.net.Socket to) {
      try {
        from.transferTo(to.getOutputStream());
      } catch (IOException e) {
        // connection ended
      } finally {
        try {
          to.shutdownOutput();
        } catch (IOException ignored) {
          // already closed
        }
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
      for (java.net.Socket s : sockets) {
        s.close();
      }
    }
  }
}
