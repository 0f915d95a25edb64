package io.socketeer.cli;

import io.socketeer.testkit.NodeScripts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code interop/client-scenarios-server.js} (the official socket.io server) in a Node
 * process, on a free port or on a given one (to restart it). Fails, never skips, when Node or
 * the npm packages are missing.
 */
final class NodeScenarioServer implements AutoCloseable {
  private Process process;
  private int port;

  /** Starts a server on a free port. */
  static NodeScenarioServer start() {
    NodeScenarioServer s = new NodeScenarioServer();
    s.launch(0);
    return s;
  }

  private void launch(int wantedPort) {
    List<String> cmd = List.of("node", "client-scenarios-server.js", "--port", String.valueOf(wantedPort));
    try {
      process = new ProcessBuilder(cmd).directory(NodeScripts.interopDir().toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError("cannot start Node.js (is `node` on the PATH?): " + e.getMessage(), e);
    }
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<Integer> listening = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try {
        String line;
        while ((line = out.readLine()) != null) {
          if (line.startsWith("LISTENING ")) {
            listening.complete(Integer.parseInt(line.substring(10).trim()));
          } else {
            System.out.println("[node] " + line);
          }
        }
      } catch (IOException ignored) {
        // the process ended
      }
      listening.completeExceptionally(new AssertionError("node exited before listening"));
    }, "node-output");
    reader.setDaemon(true);
    reader.start();
    try {
      port = listening.get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
      throw new AssertionError("the Node scenario server did not start: " + e, e);
    }
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Kills the server and starts it again on the same port. */
  void restart() {
    kill();
    launch(port);
  }

  private void kill() {
    if (process != null) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
  }

  @Override
  public void close() {
    kill();
  }
}
