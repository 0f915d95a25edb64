package io.socketeer.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Node scripts of {@code interop/} (located by the system property {@code
 * socketeer.interop.dir}, which the Maven build sets) for interop tests. Anything that keeps a
 * script from running fails the test with a message saying what to fix: such tests are never
 * skipped.
 */
public final class NodeScripts {
  private NodeScripts() {}

  /** Output (stdout and stderr together) and exit code of a finished script. */
  public static final class Result {
    private final int exitCode;
    private final String output;

    Result(int exitCode, String output) {
      this.exitCode = exitCode;
      this.output = output;
    }

    /** Returns the exit code. */
    public int exitCode() {
      return exitCode;
    }

    /** Returns everything the script printed. */
    public String output() {
      return output;
    }

    /** Returns the last non-empty line printed (the scenario scripts' JSON result). */
    public String lastLine() {
      String[] lines = output.strip().split("\n");
      return lines[lines.length - 1];
    }
  }

  /**
   * A server script that is running: its process, and the port it printed as {@code LISTENING
   * <port>}.
   */
  public record Server(Process process, int port) {}

  /**
   * Starts {@code node script args...} in the interop directory and waits up to 20 s for it to
   * print {@code LISTENING <port>}; its other output goes to standard output, each line marked
   * {@code [node]}. Its standard input stays open.
   *
   * @throws AssertionError if Node cannot start or the script does not listen in time (the
   *     process is killed then)
   */
  public static Server startServer(String script, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add("node");
    command.add(script);
    command.addAll(args);
    Process process;
    try {
      process = new ProcessBuilder(command).directory(interopDir().toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError("cannot start Node.js (is `node` on the PATH?): " + e.getMessage(), e);
    }
    CompletableFuture<Integer> listening = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
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
      listening.completeExceptionally(new AssertionError(script + " exited before listening"));
    }, "node-" + script);
    reader.setDaemon(true);
    reader.start();
    try {
      return new Server(process, listening.get(20, TimeUnit.SECONDS));
    } catch (Exception e) {
      process.destroyForcibly();
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new AssertionError("node " + script + " did not start: " + e, e);
    }
  }

  /**
   * Returns the interop directory.
   *
   * @throws AssertionError if it is not set or its npm packages are not installed
   */
  public static Path interopDir() {
    String dir = System.getProperty("socketeer.interop.dir");
    if (dir == null || dir.isBlank()) {
      throw new AssertionError("system property socketeer.interop.dir is not set; run the tests through Maven (./mvnw verify)");
    }
    Path path = Path.of(dir);
    if (!Files.isDirectory(path.resolve("node_modules"))) {
      throw new AssertionError("the npm packages are not installed in " + path + ": run `npm ci` there first");
    }
    return path;
  }

  /**
   * Runs {@code node script args...} in the interop directory and waits for it.
   *
   * @throws AssertionError if Node cannot start or the script outlives {@code timeout}
   */
  public static Result run(Duration timeout, String script, String... args) {
    Path dir = interopDir();
    List<String> command = new ArrayList<>();
    command.add("node");
    command.add(script);
    command.addAll(List.of(args));
    Process process;
    try {
      process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError("cannot start `node` (is Node.js 20+ on the PATH?): " + e.getMessage(), e);
    }
    byte[][] out = new byte[1][];
    Thread reader = new Thread(() -> {
      try {
        out[0] = process.getInputStream().readAllBytes();
      } catch (IOException e) {
        out[0] = ("<output lost: " + e + ">").getBytes(StandardCharsets.UTF_8);
      }
    }, "node-output");
    try {
      process.getOutputStream().close();
      reader.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        reader.join(2000);
        throw new AssertionError("node " + script + " did not finish within " + timeout + "; output: "
            + (out[0] == null ? "" : new String(out[0], StandardCharsets.UTF_8)));
      }
      reader.join(5000);
      return new Result(process.exitValue(), out[0] == null ? "" : new String(out[0], StandardCharsets.UTF_8));
    } catch (InterruptedException | IOException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new AssertionError("node " + script + " interrupted", e);
    }
  }
}
