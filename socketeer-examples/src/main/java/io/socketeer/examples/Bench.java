package io.socketeer.examples;

import io.socketeer.netty.NettySocketIoServer;
import io.socketeer.server.ServerOptions;
import io.socketeer.server.SocketIoServer;
import java.net.InetSocketAddress;

/**
 * The benchmark server of {@code BENCH_CONTRACT.md}: events {@code echo}, {@code broadcast},
 * {@code join}, {@code leave} and {@code room-broadcast} on {@code /}, the reference defaults
 * otherwise. Listens on {@code HOST}:{@code PORT} (environment; defaults 127.0.0.1:3000, overridden
 * by {@code --port}) and prints {@code READY} when listening.
 */
final class Bench implements Main.App {
  @Override
  public String description() {
    return "benchmark server of BENCH_CONTRACT.md (echo, broadcast, join, leave, room-broadcast) [--workers N] [--redis URI [--redis-adapter pubsub|sharded|streams]]";
  }

  @Override
  public AutoCloseable start(Options options) {
    String host = System.getenv().getOrDefault("HOST", "127.0.0.1");
    int port = options.intValue("port", Integer.parseInt(System.getenv().getOrDefault("PORT", "3000")));
    NettySocketIoServer server = NettySocketIoServer.builder(create(options.serverOptions().build()))
        .address(new InetSocketAddress(host, port))
        .workerThreads(options.intValue("workers", 0))
        .start();
    System.out.println("READY bench listening on " + host + ":" + server.port());
    return server;
  }

  /** Returns the contract's Socket.IO server, without a runtime. */
  static SocketIoServer create(ServerOptions serverOptions) {
    SocketIoServer io = SocketIoServer.create(serverOptions);
    io.onConnection(socket -> {
      socket.on("echo", (args, ack) -> {
        if (ack.isRequested()) {
          ack.send(args.values());
        } else {
          socket.emit("echo", args.values());
        }
      });
      socket.on("broadcast", (args, ack) -> {
        io.emit("tick", args.values());
        ack.send();
      });
      socket.on("join", (args, ack) -> {
        socket.join(args.text(0));
        ack.send();
      });
      socket.on("leave", (args, ack) -> {
        socket.leave(args.text(0));
        ack.send();
      });
      socket.on("room-broadcast", (args, ack) -> {
        Object[] rest = new Object[Math.max(0, args.size() - 1)];
        for (int i = 0; i < rest.length; i++) {
          rest[i] = args.get(i + 1);
        }
        io.to(args.text(0)).emit("tick", rest);
        ack.send();
      });
    });
    return io;
  }
}
