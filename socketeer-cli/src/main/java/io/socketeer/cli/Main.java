package io.socketeer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.socketeer.client.Arguments;
import io.socketeer.client.ClientOptions;
import io.socketeer.client.ManagerListener;
import io.socketeer.client.Socket;
import io.socketeer.client.SocketIoClient;
import io.socketeer.client.SocketIoException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code socketeer-cli} command: connects to a Socket.IO server, emits events given on the
 * command line or typed on standard input, and prints one line for everything that happens.
 *
 * <p>Exit codes: 0 done; 1 could not connect (one-shot mode); 2 bad usage or bad JSON; 3 an
 * acknowledgement failed or timed out.
 */
@Command(
    name = "socketeer-cli",
    mixinStandardHelpOptions = true,
    version = "socketeer-cli 0.1.0",
    sortOptions = false,
    description = {
      "Connects to a Socket.IO server, emits events with JSON arguments and prints what arrives,"
          + " one line each.",
      "Without --exit, reads commands from standard input until it ends:",
      "  emit EVENT [JSON ...]   send an event (each JSON value is one argument)",
      "  ack EVENT [JSON ...]    send an event and print its acknowledgement",
      "  connect | disconnect | quit"
    })
public final class Main implements Callable<Integer> {
  static final int EXIT_CONNECT_FAILED = 1;
  static final int EXIT_USAGE = 2;
  static final int EXIT_ACK_FAILED = 3;

  @Parameters(index = "0", paramLabel = "URL", description = "Server URL; its path is the namespace (http://localhost:3000/chat).")
  String url;

  @Option(names = {"-n", "--namespace"}, paramLabel = "NSP", description = "Namespace, instead of the URL's path.")
  String namespace;

  @Option(names = "--path", paramLabel = "PATH", description = "Engine.IO path (default: /socket.io/).")
  String path;

  @Option(names = {"-a", "--auth"}, paramLabel = "JSON", description = "CONNECT payload, a JSON object.")
  String auth;

  @Option(names = {"-t", "--transports"}, split = ",", paramLabel = "T", description = "polling, websocket or both in order (default: polling,websocket).")
  List<String> transports;

  @Option(names = "--no-upgrade", description = "Stay on the first transport.")
  boolean noUpgrade;

  @Option(names = {"-q", "--query"}, paramLabel = "NAME=VALUE", description = "Extra query parameter (repeatable).")
  Map<String, String> query = new LinkedHashMap<>();

  @Option(names = {"-H", "--header"}, paramLabel = "NAME=VALUE", description = "Extra HTTP header (repeatable).")
  Map<String, String> headers = new LinkedHashMap<>();

  @Option(names = "--no-reconnection", description = "Do not reconnect after a lost connection.")
  boolean noReconnection;

  @Option(names = "--reconnection-attempts", paramLabel = "N", description = "Give up after N attempts (default: unlimited).")
  Integer reconnectionAttempts;

  @Option(names = "--reconnection-delay", paramLabel = "MS", description = "First back-off delay (default: 1000).")
  Long reconnectionDelay;

  @Option(names = "--reconnection-delay-max", paramLabel = "MS", description = "Largest back-off delay (default: 5000).")
  Long reconnectionDelayMax;

  @Option(names = "--randomization-factor", paramLabel = "F", description = "Back-off jitter, 0 to 1 (default: 0.5).")
  Double randomizationFactor;

  @Option(names = "--connect-timeout", paramLabel = "MS", defaultValue = "20000", description = "Time for a connection to open (default: ${DEFAULT-VALUE}).")
  long connectTimeout;

  @Option(names = {"-e", "--emit"}, arity = "2", paramLabel = "EVENT JSON", description = "Emit EVENT with JSON arguments (an array is the argument list) once connected (repeatable).")
  List<String> emits = new ArrayList<>();

  @Option(names = "--wait-ack", description = "Ask for an acknowledgement of each --emit and print it.")
  boolean waitAck;

  @Option(names = "--ack-timeout", paramLabel = "MS", defaultValue = "5000", description = "How long to wait for an acknowledgement (default: ${DEFAULT-VALUE}).")
  long ackTimeout;

  @Option(names = "--exit", description = "One-shot: connect, emit, wait for acks, then exit without reading standard input.")
  boolean exit;

  @Option(names = "--linger", paramLabel = "MS", defaultValue = "0", description = "With --exit: keep printing what arrives for MS before exiting.")
  long linger;

  private final InputStream in;
  private final Output output;
  private final PrintStream err;

  /** Futures of acknowledgements still awaited; only touched by the command thread. */
  private final List<CompletableFuture<?>> pendingAcks = new ArrayList<>();

  /** Set when an acknowledgement failed; read by the command thread at the end. */
  private volatile boolean ackFailed;

  Main(InputStream in, PrintStream out, PrintStream err) {
    this.in = in;
    this.output = new Output(out);
    this.err = err;
  }

  /** Runs the command and exits the JVM with its exit code. */
  public static void main(String[] args) {
    System.exit(run(args, System.in, System.out, System.err));
  }

  /**
   * Runs the command with the given streams and returns its exit code; the JVM keeps running.
   * Every thread the command started has ended when it returns.
   */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    CommandLine cli = new CommandLine(new Main(in, out, err));
    cli.setOut(new java.io.PrintWriter(out, true));
    cli.setErr(new java.io.PrintWriter(err, true));
    return cli.execute(args);
  }

  @Override
  public Integer call() throws Exception {
    URI target;
    ClientOptions options;
    List<Emit> initial = new ArrayList<>();
    try {
      target = target();
      options = options();
      for (int i = 0; i + 1 < emits.size(); i += 2) {
        initial.add(new Emit(emits.get(i), JsonValues.argumentList(emits.get(i + 1)), waitAck));
      }
    } catch (IOException | IllegalArgumentException | URISyntaxException e) {
      err.println("socketeer-cli: " + e.getMessage());
      return EXIT_USAGE;
    }

    try (SocketIoClient client = SocketIoClient.create(1, 1)) {
      Socket socket = client.socket(target.toString(), options);
      CompletableFuture<Boolean> firstOutcome = new CompletableFuture<>();
      CompletableFuture<Void> engineClosed = new CompletableFuture<>();
      listen(socket, firstOutcome, engineClosed);
      socket.connect();

      if (exit) {
        return oneShot(socket, initial, firstOutcome, engineClosed);
      }
      for (Emit e : initial) {
        send(socket, e);
      }
      interactive(socket);
      awaitAcks();
      close(socket, engineClosed);
      return ackFailed ? EXIT_ACK_FAILED : 0;
    }
  }

  private int oneShot(
      Socket socket, List<Emit> initial, CompletableFuture<Boolean> firstOutcome, CompletableFuture<Void> engineClosed)
      throws InterruptedException {
    boolean connected;
    try {
      connected = firstOutcome.get(connectTimeout + 1000, TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      connected = false;
      output.line("error", "not connected after " + connectTimeout + " ms");
    }
    if (!connected) {
      close(socket, engineClosed);
      return EXIT_CONNECT_FAILED;
    }
    for (Emit e : initial) {
      send(socket, e);
    }
    awaitAcks();
    if (linger > 0) {
      Thread.sleep(linger);
    }
    close(socket, engineClosed);
    return ackFailed ? EXIT_ACK_FAILED : 0;
  }

  private void listen(Socket socket, CompletableFuture<Boolean> firstOutcome, CompletableFuture<Void> engineClosed) {
    socket.onConnect(
        () -> {
          String transport = socket.manager().transport();
          output.line(
              "connect",
              "id=" + socket.id() + (transport == null ? "" : " transport=" + transport)
                  + (socket.recovered() ? " recovered" : ""));
          firstOutcome.complete(true);
        });
    socket.onConnectError(
        e -> {
          output.line("connect_error", describe(e));
          if (!socket.active() || noReconnection) {
            firstOutcome.complete(false);
          }
        });
    socket.onDisconnect(reason -> output.line("disconnect", reason));
    socket.onAny((event, args) -> output.line("event", event + " " + Output.json(args)));
    socket
        .manager()
        .addListener(
            new ManagerListener() {
              @Override
              public void onClose(String reason) {
                engineClosed.complete(null);
              }

              @Override
              public void onReconnectAttempt(int attempt) {
                output.line("reconnect_attempt", String.valueOf(attempt));
              }

              @Override
              public void onReconnect(int attempt) {
                output.line("reconnect", String.valueOf(attempt));
              }

              @Override
              public void onReconnectError(SocketIoException error) {
                output.line("reconnect_error", describe(error));
              }

              @Override
              public void onReconnectFailed() {
                output.line("reconnect_failed", "");
                firstOutcome.complete(false);
              }
            });
  }

  /** Reads and runs commands until standard input ends or {@code quit}. */
  private void interactive(Socket socket) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line;
    while ((line = reader.readLine()) != null) {
      String text = line.strip();
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      String[] parts = text.split("\\s+", 3);
      String command = parts[0];
      try {
        switch (command) {
          case "emit":
          case "ack":
            if (parts.length < 2) {
              output.line("error", "usage: " + command + " EVENT [JSON ...]");
              break;
            }
            List<JsonNode> args = parts.length > 2 ? JsonValues.sequence(parts[2]) : List.of();
            send(socket, new Emit(parts[1], args, command.equals("ack")));
            break;
          case "connect":
            socket.connect();
            break;
          case "disconnect":
            socket.disconnect();
            break;
          case "quit":
          case "exit":
            return;
          default:
            output.line("error", "unknown command: " + command + " (emit, ack, connect, disconnect, quit)");
        }
      } catch (IOException | IllegalArgumentException e) {
        output.line("error", "bad input: " + e.getMessage());
      }
    }
  }

  private void send(Socket socket, Emit e) {
    Object[] args = e.args().toArray();
    if (!e.withAck()) {
      if (!socket.emit(e.event(), args)) {
        output.line("error", "not sent: " + e.event());
      }
      return;
    }
    CompletableFuture<Arguments> reply = socket.timeout(Duration.ofMillis(ackTimeout)).emitWithAck(e.event(), args);
    pendingAcks.add(
        reply.handle(
            (value, error) -> {
              if (error != null) {
                ackFailed = true;
                Throwable cause = error instanceof java.util.concurrent.CompletionException ? error.getCause() : error;
                output.line("ack_error", e.event() + " " + cause.getMessage());
              } else {
                output.line("ack", e.event() + " " + Output.json(value));
              }
              return null;
            }));
  }

  private void awaitAcks() throws InterruptedException {
    for (CompletableFuture<?> f : pendingAcks) {
      try {
        f.get(ackTimeout + 5000, TimeUnit.MILLISECONDS);
      } catch (ExecutionException | TimeoutException e) {
        ackFailed = true;
      }
    }
    pendingAcks.clear();
  }

  /** Disconnects and waits (briefly) until what was written has left and the connection closed. */
  private void close(Socket socket, CompletableFuture<Void> engineClosed) throws InterruptedException {
    socket.disconnect();
    socket.manager().close();
    try {
      engineClosed.get(3, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // The connection was never open, or the server does not answer: closing the client ends it.
    }
  }

  private static String describe(SocketIoException e) {
    return e.data() == null || e.data().isNull() ? e.getMessage() : e.getMessage() + " " + Output.json(e.data());
  }

  private URI target() throws URISyntaxException {
    URI u = new URI(url);
    if (u.getScheme() == null || u.getHost() == null) {
      throw new URISyntaxException(url, "not an absolute http(s) or ws(s) URL");
    }
    if (namespace == null) {
      return u;
    }
    String nsp = namespace.startsWith("/") ? namespace : "/" + namespace;
    return new URI(u.getScheme(), u.getUserInfo(), u.getHost(), u.getPort(), nsp, u.getQuery(), null);
  }

  private ClientOptions options() throws IOException {
    ClientOptions.Builder b = ClientOptions.builder().autoConnect(false).forceNew(true);
    if (path != null) {
      b.path(path);
    }
    if (auth != null) {
      JsonNode a = JsonValues.one(auth);
      if (!a.isObject()) {
        throw new IllegalArgumentException("--auth must be a JSON object: " + auth);
      }
      b.auth(a);
    }
    if (transports != null) {
      b.transports(transports.toArray(new String[0]));
    }
    b.upgrade(!noUpgrade);
    query.forEach(b::query);
    headers.forEach(b::extraHeader);
    b.reconnection(!noReconnection);
    if (reconnectionAttempts != null) {
      b.reconnectionAttempts(reconnectionAttempts);
    }
    if (reconnectionDelay != null) {
      b.reconnectionDelay(Duration.ofMillis(reconnectionDelay));
    }
    if (reconnectionDelayMax != null) {
      b.reconnectionDelayMax(Duration.ofMillis(reconnectionDelayMax));
    }
    if (randomizationFactor != null) {
      b.randomizationFactor(randomizationFactor);
    }
    b.timeout(Duration.ofMillis(connectTimeout));
    return b.build();
  }

  /** One event to send: its name, its arguments, and whether to wait for its acknowledgement. */
  private record Emit(String event, List<JsonNode> args, boolean withAck) {}
}
