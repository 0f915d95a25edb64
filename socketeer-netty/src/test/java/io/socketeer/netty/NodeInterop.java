package io.socketeer.netty;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Node scripts of {@code interop/} (located by the system property {@code socketeer.interop.dir}). */
final class NodeInterop {
  private NodeInterop() {}

  /** Output and exit code of a finished script. */
  record Result(int exitCode, String output) {}

  /** Returns the interop directory, failing the test with a clear message when it is not usable. */
  static Path interopDir() {
    String dir = System.getProperty("socketeer.interop.dir");
    if (dir == null || dir.isBlank()) {
      fail("system property socketeer.interop.dir is not set; run the tests through Maven (./mvnw verify)");
    }
    Path path = Path.of(dir);
    if (!Files.isDirectory(path.resolve("node_modules/engine.io-client"))) {
      fail("the npm packages are not installed in " + path + ": run `npm ci` there first");
    }
    return path;
  }

  /** Runs {@code node script args...} in the interop directory and waits for it. */
  static Result run(Duration timeout, String script, String... args) {
    Path dir = interopDir();
    List<String> command = new ArrayList<>();
    command.add("node");
    command.add(script);
    command.addAll(List.of(args));
    Process process;
    try {
      process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      return fail("cannot start `node` (is Node.js 20+ on the PATH?): " + e.getMessage());
    }
    try {
      process.getOutputStream().close();
      byte[][] out = new byte[1][];
      Thread reader = new Thread(() -> {
        try {
          out[0] = process.getInputStream().readAllBytes();
        } catch (IOException e) {
          out[0] = ("<output lost: " + e + ">").getBytes(StandardCharsets.UTF_8);
        }
      }, "node-output");
      reader.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        reader.join(2000);
        return fail("node " + script + " did not finish within " + timeout + "; output: "
            + (out[0] == null ? "" : new String(out[0], StandardCharsets.UTF_8)));
      }
      reader.join(5000);
      return new Result(process.exitValue(), new String(out[0], StandardCharsets.UTF_8));
    } catch (InterruptedException | IOException e) {
      process.destroyForcibly();
      return fail("node " + script + " interrupted", e);
    }
  }
}
