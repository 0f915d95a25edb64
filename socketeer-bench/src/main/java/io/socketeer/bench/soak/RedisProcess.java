package io.socketeer.bench.soak;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} child process on a free loopback port, without persistence, that the
 * harness can kill (SIGKILL, as a crash) and start again on the same port.
 */
final class RedisProcess implements AutoCloseable {
  private final int port;
  private final Path dir;
  /** Only touched by the harness's orchestration thread. */
  private Process process;

  private RedisProcess(int port, Path dir) {
    this.port = port;
    this.dir = dir;
  }

  static RedisProcess start() throws IOException {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    RedisProcess redis = new RedisProcess(port, Files.createTempDirectory("soak-redis"));
    redis.startProcess();
    return redis;
  }

  String uri() {
    return "redis://127.0.0.1:" + port;
  }

  void startProcess() throws IOException {
    try {
      process = new ProcessBuilder(List.of("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
          "--save", "", "--appendonly", "no", "--dir", dir.toString()))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile()))
          .start();
    } catch (IOException e) {
      throw new IOException("cannot start redis-server (Debian's redis-server package puts it on the PATH)", e);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (Socket probe = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        sleep(50);
      }
    }
    throw new IOException("redis-server did not listen on " + port + " within 10 s");
  }

  /** Kills the server with SIGKILL and waits for it to be gone. */
  void kill() {
    process.destroyForcibly();
    await();
  }

  @Override
  public void close() {
    if (process != null) {
      process.destroy();
      await();
    }
  }

  private void await() {
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
