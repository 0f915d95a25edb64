package io.socketeer.bench;

import io.netty.util.internal.PlatformDependent;
import io.socketeer.engine.EngineOptions;
import io.socketeer.engine.EngineServer;
import io.socketeer.engine.EngineSessionListener;
import io.socketeer.netty.NettyEngineServer;
import io.socketeer.protocol.engineio.EnginePacket;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Engine-level benchmarks against an in-process echo server on Netty.
 *
 * <pre>
 *   java -cp socketeer-bench.jar io.socketeer.bench.EngineBench idle-ws [sessions] [interop-dir]
 *   java -cp socketeer-bench.jar io.socketeer.bench.EngineBench polling [seconds] [clients]
 * </pre>
 *
 * <p>{@code idle-ws} opens the sessions from a separate Node process ({@code
 * interop/bench-idle-ws.js}), so that only the server's memory is measured: heap after full GC and
 * Netty's direct memory, before and after. {@code polling} runs closed-loop clients (JDK HTTP
 * client, one POST {@code 4x} then one GET per round trip) and reports round trips per second.
 */
public final class EngineBench {
  private EngineBench() {}

  /** Runs a benchmark named by the first argument. */
  public static void main(String[] args) throws Exception {
    String which = args.length > 0 ? args[0] : "polling";
    switch (which) {
      case "idle-ws":
        idle(args.length > 1 ? Integer.parseInt(args[1]) : 10_000,
            Path.of(args.length > 2 ? args[2] : System.getProperty("socketeer.interop.dir", "interop")));
        break;
      case "polling":
        polling(args.length > 1 ? Integer.parseInt(args[1]) : 10, args.length > 2 ? Integer.parseInt(args[2]) : 4);
        break;
      default:
        System.err.println("usage: EngineBench idle-ws [sessions] [interop-dir] | polling [seconds] [clients]");
        System.exit(2);
    }
  }

  private static EngineServer echo() {
    return EngineServer.create(EngineOptions.defaults(), session -> new EngineSessionListener() {
      @Override
      public void onMessage(String text) {
        session.send(EnginePacket.message(text));
      }

      @Override
      public void onBinary(byte[] data) {
        session.send(EnginePacket.binary(data));
      }
    });
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static void idle(int sessions, Path interop) throws Exception {
    EngineServer engine = echo();
    try (NettyEngineServer server = NettyEngineServer.start(engine, 0)) {
      long heapBefore = usedHeapAfterGc();
      long directBefore = PlatformDependent.usedDirectMemory();
      Process node = new ProcessBuilder("node", "bench-idle-ws.js", "http://127.0.0.1:" + server.port(),
          String.valueOf(sessions)).directory(interop.toFile()).redirectErrorStream(true).start();
      long start = System.nanoTime();
      BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = out.readLine()) != null && !line.startsWith("OPEN")) {
        System.out.println("node: " + line);
      }
      if (line == null) {
        throw new IllegalStateException("the Node client ended early");
      }
      double openSeconds = (System.nanoTime() - start) / 1e9;
      while (engine.sessionCount() < sessions) {
        Thread.sleep(10);
      }
      long heapAfter = usedHeapAfterGc();
      long directAfter = PlatformDependent.usedDirectMemory();
      System.out.printf("idle-ws: %d sessions opened in %.2f s (%.0f/s)%n", sessions, openSeconds, sessions / openSeconds);
      System.out.printf("idle-ws: heap per session %.0f bytes, direct memory per session %.0f bytes%n",
          (heapAfter - heapBefore) / (double) sessions, (directAfter - directBefore) / (double) sessions);
      node.getOutputStream().close();
      node.waitFor();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (engine.sessionCount() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      System.out.printf("idle-ws: %d sessions left after the clients went away%n", engine.sessionCount());
    }
  }

  private static void polling(int seconds, int clients) throws Exception {
    EngineServer engine = echo();
    try (NettyEngineServer server = NettyEngineServer.start(engine, 0)) {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      String base = "http://127.0.0.1:" + server.port() + "/engine.io/?EIO=4&transport=polling";
      LongAdder roundTrips = new LongAdder();
      AtomicBoolean measuring = new AtomicBoolean();
      AtomicBoolean stop = new AtomicBoolean();
      List<Thread> threads = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        Thread t = new Thread(() -> {
          try {
            String open = http.send(HttpRequest.newBuilder(URI.create(base)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
            String sid = open.substring(9, open.indexOf('"', 9));
            URI uri = URI.create(base + "&sid=" + sid);
            while (!stop.get()) {
              http.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString("4x")).build(),
                  HttpResponse.BodyHandlers.discarding());
              String body = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
              if (!body.contains("4x")) {
                continue; // a ping; the echo comes with the next GET
              }
              if (measuring.get()) {
                roundTrips.increment();
              }
            }
          } catch (Exception e) {
            if (!stop.get()) {
              e.printStackTrace();
            }
          }
        }, "client-" + c);
        t.start();
        threads.add(t);
      }
      Thread.sleep(2000); // warm-up
      measuring.set(true);
      long start = System.nanoTime();
      Thread.sleep(seconds * 1000L);
      measuring.set(false);
      double elapsed = (System.nanoTime() - start) / 1e9;
      stop.set(true);
      for (Thread t : threads) {
        t.join(5000);
      }
      System.out.printf("polling: %d clients, %.0f round trips/s (POST 4x + GET)%n", clients, roundTrips.sum() / elapsed);
    }
  }
}
