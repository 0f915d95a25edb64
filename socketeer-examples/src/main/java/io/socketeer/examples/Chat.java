package io.socketeer.examples;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socketeer.netty.NettySocketIoServer;
import io.socketeer.server.RemoteSocket;
import io.socketeer.server.ServerOptions;
import io.socketeer.server.SocketIoServer;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The chat demo: nicknames, rooms, a typing indicator, the user list of each room, and messages
 * acknowledged by the server (shown as delivered). The page at {@code /} uses the official browser
 * client served at {@code /socket.io/socket.io.js}.
 */
final class Chat implements Main.App {
  private static final int MAX_TEXT = 2000;
  private static final int MAX_NAME = 32;

  @Override
  public String description() {
    return "chat demo with rooms, typing indicator and delivery acks, page at / (default app) [--redis URI [--redis-adapter pubsub|sharded|streams]]";
  }

  @Override
  public AutoCloseable start(Options options) {
    NettySocketIoServer server = startServer(options.port(), options.serverOptions().build());
    System.out.println("chat listening on http://localhost:" + server.port() + "/");
    return server;
  }

  /** Starts the chat with its page on {@code port} (0 picks a free one). */
  static NettySocketIoServer startServer(int port) {
    return startServer(port, ServerOptions.defaults());
  }

  /** Starts the chat with these server options (a cluster adapter, for instance). */
  static NettySocketIoServer startServer(int port, ServerOptions serverOptions) {
    SocketIoServer io = create(serverOptions);
    ClassLoader loader = Chat.class.getClassLoader();
    String dir = "io/socketeer/examples/chat/";
    return NettySocketIoServer.builder(io)
        .port(port)
        .resource("/", loader, dir + "index.html", "text/html; charset=utf-8")
        .resource("/index.html", loader, dir + "index.html", "text/html; charset=utf-8")
        .resource("/chat.js", loader, dir + "chat.js", "application/javascript; charset=utf-8")
        .resource("/chat.css", loader, dir + "chat.css", "text/css; charset=utf-8")
        .start();
  }

  /** Returns the chat's Socket.IO server, without a runtime. */
  static SocketIoServer create(ServerOptions serverOptions) {
    SocketIoServer io = SocketIoServer.create(serverOptions);
    AtomicLong ids = new AtomicLong();
    io.onConnection(socket -> {
      socket.on("join", (args, ack) -> {
        String name = clean(args.get(0).path("name").asText(""), MAX_NAME);
        String room = clean(args.get(0).path("room").asText(""), MAX_NAME);
        if (name.isEmpty() || room.isEmpty()) {
          ack.send(JsonNodeFactory.instance.objectNode().put("ok", false).put("error", "name and room are required"));
          return;
        }
        String previous = socket.data().path("room").asText(null);
        if (previous != null) {
          socket.leave(previous);
          socket.to(previous).emit("system", socket.data().path("name").asText() + " left");
          sendUsers(io, previous);
        }
        socket.data().put("name", name).put("room", room);
        socket.join(room);
        socket.to(room).emit("system", name + " joined");
        ack.send(JsonNodeFactory.instance.objectNode().put("ok", true).put("room", room));
        sendUsers(io, room);
      });
      socket.on("chat", (args, ack) -> {
        String room = socket.data().path("room").asText(null);
        String text = clean(args.text(0) == null ? "" : args.text(0), MAX_TEXT);
        if (room == null || text.isEmpty()) {
          ack.send(JsonNodeFactory.instance.objectNode().put("ok", false));
          return;
        }
        ObjectNode message = JsonNodeFactory.instance.objectNode()
            .put("id", ids.incrementAndGet())
            .put("from", socket.data().path("name").asText())
            .put("text", text);
        socket.to(room).emit("chat", message);
        ack.send(message.deepCopy().put("ok", true));
      });
      socket.on("typing", (args, ack) -> {
        String room = socket.data().path("room").asText(null);
        if (room != null) {
          socket.to(room).emit("typing", JsonNodeFactory.instance.objectNode()
              .put("name", socket.data().path("name").asText())
              .put("typing", args.get(0).asBoolean(false)));
        }
      });
      socket.onDisconnect(reason -> {
        String room = socket.data().path("room").asText(null);
        if (room != null) {
          io.to(room).emit("system", socket.data().path("name").asText() + " left");
          sendUsers(io, room);
        }
      });
    });
    return io;
  }

  private static void sendUsers(SocketIoServer io, String room) {
    io.in(room).fetchSockets().thenAccept((List<RemoteSocket> sockets) -> {
      ArrayNode names = JsonNodeFactory.instance.arrayNode();
      sockets.stream().map(s -> s.data().path("name").asText()).sorted().forEach(names::add);
      io.to(room).emit("users", names);
    });
  }

  private static String clean(String s, int max) {
    String trimmed = s.strip();
    return trimmed.length() > max ? trimmed.substring(0, max) : trimmed;
  }
}
