package io.socketeer.examples.spring;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.socketeer.server.RemoteSocket;
import io.socketeer.server.Socket;
import io.socketeer.server.SocketIoServer;
import io.socketeer.spring.boot.OnDisconnect;
import io.socketeer.spring.boot.OnEvent;
import io.socketeer.spring.boot.SocketIoController;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The chat of the demo page: nicknames, rooms, a typing indicator, the user list of each room,
 * and messages acknowledged by the server (shown as delivered). Each socket keeps its name and
 * room in {@link Socket#data()}, where {@code fetchSockets} finds them.
 */
@SocketIoController
public class ChatController {
  private static final int MAX_TEXT = 2000;
  private static final int MAX_NAME = 32;

  /** What a client sends to join a room. */
  public record JoinRequest(String name, String room) {}

  /** The answer to a join. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Joined(boolean ok, String room, String error) {}

  /** A message as the room sees it, and, with {@code ok}, as its sender's acknowledgement. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Message(boolean ok, Long id, String from, String text) {}

  /** Whether someone is typing. */
  public record Typing(String name, boolean typing) {}

  private final SocketIoServer io;
  private final AtomicLong ids = new AtomicLong();

  /** Creates the controller for the application's server. */
  public ChatController(SocketIoServer io) {
    this.io = io;
  }

  /** Joins a room (leaving the previous one); acknowledged once the room's user list is out. */
  @OnEvent("join")
  public CompletableFuture<Joined> join(Socket socket, JoinRequest request) {
    String name = clean(request == null ? null : request.name(), MAX_NAME);
    String room = clean(request == null ? null : request.room(), MAX_NAME);
    if (name.isEmpty() || room.isEmpty()) {
      return CompletableFuture.completedFuture(new Joined(false, null, "name and room are required"));
    }
    String previous = socket.data().path("room").asText(null);
    if (previous != null) {
      socket.leave(previous);
      socket.to(previous).emit("system", socket.data().path("name").asText() + " left");
      sendUsers(previous);
    }
    socket.data().put("name", name).put("room", room);
    socket.join(room);
    socket.to(room).emit("system", name + " joined");
    return sendUsers(room).thenApply(sent -> new Joined(true, room, null));
  }

  /** Sends a message to the sender's room; the acknowledgement carries it with its id. */
  @OnEvent("chat")
  public Message chat(Socket socket, String text) {
    String room = socket.data().path("room").asText(null);
    String cleaned = clean(text, MAX_TEXT);
    if (room == null || cleaned.isEmpty()) {
      return new Message(false, null, null, null);
    }
    Message message = new Message(true, ids.incrementAndGet(), socket.data().path("name").asText(), cleaned);
    socket.to(room).emit("chat", message);
    return message;
  }

  /** Tells the room whether the sender is typing. */
  @OnEvent("typing")
  public void typing(Socket socket, Boolean typing) {
    String room = socket.data().path("room").asText(null);
    if (room != null) {
      socket.to(room).emit("typing", new Typing(socket.data().path("name").asText(), Boolean.TRUE.equals(typing)));
    }
  }

  /** Tells the room the socket has left. */
  @OnDisconnect
  public void left(Socket socket) {
    String room = socket.data().path("room").asText(null);
    if (room != null) {
      io.to(room).emit("system", socket.data().path("name").asText() + " left");
      sendUsers(room);
    }
  }

  private CompletableFuture<Void> sendUsers(String room) {
    return io.in(room).fetchSockets().thenAccept((List<RemoteSocket> sockets) ->
        io.to(room).emit("users", sockets.stream().map(s -> s.data().path("name").asText()).sorted().toList()));
  }

  private static String clean(String s, int max) {
    String trimmed = s == null ? "" : s.strip();
    return trimmed.length() > max ? trimmed.substring(0, max) : trimmed;
  }
}
