package io.socketeer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The command run in-process, with its standard input, output and error captured. */
final class CliRun {
  static final Duration WAIT = Duration.ofSeconds(20);

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final PipedOutputStream stdin = new PipedOutputStream();
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();

  private CliRun() {}

  /** Runs the command to its end with an empty standard input. */
  static CliRun oneShot(String... args) {
    CliRun run = new CliRun();
    int code = Main.run(args, new ByteArrayInputStream(new byte[0]), run.print(run.out), run.print(run.err));
    run.exit.complete(code);
    return run;
  }

  /** Starts the command on its own thread, reading what {@link #type} writes. */
  static CliRun interactive(String... args) {
    CliRun run = new CliRun();
    PipedInputStream in;
    try {
      in = new PipedInputStream(run.stdin, 64 * 1024);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread t = new Thread(() -> {
      try {
        run.exit.complete(Main.run(args, in, run.print(run.out), run.print(run.err)));
      } catch (Throwable e) {
        run.exit.completeExceptionally(e);
      }
    }, "cli");
    t.start();
    return run;
  }

  private PrintStream print(ByteArrayOutputStream sink) {
    return new PrintStream(sink, true, StandardCharsets.UTF_8);
  }

  /** Writes one line to the command's standard input. */
  void type(String line) {
    try {
      stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      stdin.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the lines printed so far on standard output. */
  List<String> lines() {
    String text;
    synchronized (out) {
      text = out.toString(StandardCharsets.UTF_8);
    }
    return text.isEmpty() ? List.of() : List.of(text.split("\n"));
  }

  String stderr() {
    synchronized (err) {
      return err.toString(StandardCharsets.UTF_8);
    }
  }

  /** Waits until a line equal to {@code line} has been printed. */
  void awaitLine(String line) {
    await().atMost(WAIT).untilAsserted(() -> assertThat(lines()).contains(line));
  }

  /** Waits until a line starting with {@code prefix} has been printed and returns the first such. */
  String awaitLineStartingWith(String prefix) {
    await().atMost(WAIT).until(() -> lines().stream().anyMatch(l -> l.startsWith(prefix)));
    return lines().stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
  }

  /** Ends standard input and returns the exit code. */
  int finish() {
    try {
      stdin.close();
      return exit.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("the command did not end: " + e + "\n" + String.join("\n", lines()), e);
    }
  }

  /** Returns the exit code of a finished run. */
  int exitCode() {
    return exit.join();
  }
}
