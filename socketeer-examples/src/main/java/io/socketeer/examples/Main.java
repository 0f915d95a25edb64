package io.socketeer.examples;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Entry point of the examples jar: {@code java -jar socketeer-examples.jar [APP] [--port N] ...}.
 * The first argument names the app (see {@link #APPS}); the rest are the app's options.
 */
public final class Main {
  /** The apps by name, in the order the usage text lists them. */
  static final Map<String, App> APPS = new LinkedHashMap<>();

  static {
    APPS.put("chat", new Chat());
    APPS.put("engine-echo", new EngineEcho());
    APPS.put("bench", new Bench());
    APPS.put("conformance", new Conformance());
  }

  /** An app of the jar. */
  interface App {
    /** One line for the usage text. */
    String description();

    /** Starts the app; returns a handle to stop it. */
    AutoCloseable start(Options options) throws Exception;
  }

  private Main() {}

  /** Runs the named app until the process is stopped. */
  public static void main(String[] args) throws Exception {
    String name = args.length > 0 && !args[0].startsWith("--") ? args[0] : "chat";
    String[] rest = args.length > 0 && !args[0].startsWith("--") ? Arrays.copyOfRange(args, 1, args.length) : args;
    App app = APPS.get(name);
    if (app == null || Arrays.asList(rest).contains("--help")) {
      System.err.println("usage: java -jar socketeer-examples.jar APP [--port N] [options]");
      APPS.forEach((n, a) -> System.err.println("  " + n + "  " + a.description()));
      System.exit(app == null ? 2 : 0);
      return;
    }
    Options options;
    try {
      options = Options.parse(rest);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    AutoCloseable running = app.start(options);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        running.close();
      } catch (Exception e) {
        System.err.println("shutdown failed: " + e);
      }
    }, "socketeer-shutdown"));
    Thread.currentThread().join();
  }
}
