package io.socketeer.examples;

import io.socketeer.engine.CorsOptions;
import io.socketeer.engine.EngineOptions;
import io.socketeer.netty.NettySocketIoServer;
import io.socketeer.server.ServerOptions;
import io.socketeer.server.Socket;
import io.socketeer.server.SocketIoServer;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The server the official socket.io-protocol test suite expects: path {@code /socket.io/},
 * connectTimeout 1000 ms, CORS open, EIO=3 refused; on {@code /} and {@code /custom} each socket is
 * sent {@code auth} with its CONNECT payload; on {@code /}, {@code message} is answered with {@code
 * message-back} and {@code message-with-ack} is acknowledged, both with the same arguments.
 */
final class Conformance implements Main.App {
  @Override
  public String description() {
    return "socket.io-protocol test suite server on /socket.io/ [--ping-interval MS] [--ping-timeout MS] [--workers N] [--redis URI [--redis-adapter pubsub|sharded|streams]]";
  }

  @Override
  public AutoCloseable start(Options options) {
    SocketIoServer io = create(options.serverOptions());
    EngineOptions engineOptions = SocketIoServer.defaultEngineOptions().toBuilder()
        .pingInterval(Duration.ofMillis(options.intValue("ping-interval", 25_000)))
        .pingTimeout(Duration.ofMillis(options.intValue("ping-timeout", 20_000)))
        .cors(CorsOptions.anyOrigin())
        .build();
    // One event loop by default, as the engine-echo app: the official suite races two connections
    // of one session against each other and expects them served in arrival order, as in Node.
    NettySocketIoServer server = NettySocketIoServer.builder(io)
        .engineOptions(engineOptions)
        .address(new InetSocketAddress(options.port()))
        .workerThreads(options.intValue("workers", 1))
        .start();
    System.out.println("conformance listening on port " + server.port());
    return server;
  }

  /** Returns the Socket.IO server of the suite, without a runtime. */
  static SocketIoServer create(ServerOptions.Builder serverOptions) {
    SocketIoServer io = SocketIoServer.create(serverOptions.connectTimeout(Duration.ofMillis(1000)).build());
    io.onConnection(socket -> {
      sendAuth(socket);
      socket.on("message", (args, ack) -> socket.emit("message-back", args.values()));
      socket.on("message-with-ack", (args, ack) -> ack.send(args.values()));
    });
    io.of("/custom").onConnection(Conformance::sendAuth);
    return io;
  }

  private static void sendAuth(Socket socket) {
    socket.emit("auth", socket.handshake().auth());
  }
}
