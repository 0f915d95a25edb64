package io.socketeer.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code interop/client-scenarios-server.js} (the official socket.io server) in a Node
 * process. Fails, never skips, when Node or {@code interop/node_modules} is missing.
 */
final class NodeScenarioServer implements AutoCloseable {
  private final List<String> extraArgs;
  private Process process;
  private int port;

  private NodeScenarioServer(List<String> extraArgs) {
    this.extraArgs = extraArgs;
  }

  /** Starts a server on a free port. */
  static NodeScenarioServer start(String... args) {
    NodeScenarioServer s = new NodeScenarioServer(List.of(args));
    s.launch(0);
    return s;
  }

  static Path interopDir() {
    String dir = System.getProperty("socketeer.interop.dir");
    if (dir == null) {
      throw new AssertionError("system property socketeer.interop.dir is not set (run through Maven)");
    }
    Path p = Paths.get(dir);
    if (!Files.isDirectory(p.resolve("node_modules").resolve("socket.io"))) {
      throw new AssertionError(
          "interop/node_modules is missing: run `npm ci` in " + p + " before the interop tests");
    }
    return p;
  }

  private void launch(int wantedPort) {
    Path dir = interopDir();
    List<String> cmd = new ArrayList<>(List.of("node", "client-scenarios-server.js", "--port", String.valueOf(wantedPort)));
    cmd.addAll(extraArgs);
    try {
      process = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError("cannot start Node.js (is `node` on the PATH?): " + e.getMessage(), e);
    }
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<Integer> listening = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
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
                // process ended
              }
              listening.completeExceptionally(new AssertionError("node exited before listening"));
            },
            "node-output");
    reader.setDaemon(true);
    reader.start();
    try {
      port = listening.get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
      throw new AssertionError("the Node scenario server did not start: " + e, e);
    }
  }

  int port() {
    return port;
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  String url(String namespace) {
    return url() + namespace;
  }

  /** Kills the server (SIGKILL: connections drop without a goodbye). */
  void kill() {
    if (process != null) {
      resume();
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
  }

  /** Freezes the server process (SIGSTOP): it sends nothing, not even pings, until resumed. */
  void freeze() {
    signal("-STOP");
  }

  /** Resumes a frozen server (SIGCONT). */
  void resume() {
    signal("-CONT");
  }

  private void signal(String sig) {
    try {
      Process p = new ProcessBuilder("kill", sig, String.valueOf(process.pid())).start();
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new AssertionError("kill " + sig + " failed");
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Starts the server again on the same port. */
  void restart() {
    kill();
    launch(port);
  }

  @Override
  public void close() {
    kill();
  }
}
