package io.socketeer.testkit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code interop/client-scenarios-server.js} (the official socket.io server) in a Node
 * process, started by {@link NodeScripts#startServer}, on a free port; it can be frozen,
 * killed and restarted on the same port. Fails, never skips, when Node or the npm packages are
 * missing.
 */
public final class NodeScenarioServer implements AutoCloseable {
  private final List<String> extraArgs;
  private Process process;
  private int port;

  private NodeScenarioServer(List<String> extraArgs) {
    this.extraArgs = extraArgs;
  }

  /**
   * Starts a server on a free port, passing {@code args} to the script after {@code --port}
   * (for example {@code --tls key cert} or {@code --ping-interval 300}).
   *
   * @throws AssertionError if Node cannot start or the server does not listen within 20 s
   */
  public static NodeScenarioServer start(String... args) {
    NodeScenarioServer s = new NodeScenarioServer(List.of(args));
    s.launch(0);
    return s;
  }

  private void launch(int wantedPort) {
    List<String> args = new ArrayList<>(List.of("--port", String.valueOf(wantedPort)));
    args.addAll(extraArgs);
    NodeScripts.Server server = NodeScripts.startServer("client-scenarios-server.js", args);
    process = server.process();
    port = server.port();
  }

  /** Returns the port the server listens on (the same after a restart). */
  public int port() {
    return port;
  }

  /** Returns {@code http://127.0.0.1:port}. */
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Returns the URL of a namespace, such as {@code /chat}. */
  public String url(String namespace) {
    return url() + namespace;
  }

  /** Kills the server (SIGKILL: connections drop without a goodbye), resuming it first if frozen. */
  public void kill() {
    if (process != null) {
      if (process.isAlive()) {
        resume();
      }
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
  public void freeze() {
    signal("-STOP");
  }

  /** Resumes a frozen server (SIGCONT). */
  public void resume() {
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

  /** Kills the server and starts it again, with the same arguments, on the same port. */
  public void restart() {
    kill();
    launch(port);
  }

  @Override
  public void close() {
    kill();
  }
}
