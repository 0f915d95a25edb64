package io.socketeer.spring.boot.it;

import io.socketeer.server.Ack;
import io.socketeer.server.Arguments;
import io.socketeer.server.DisconnectReason;
import io.socketeer.server.Socket;
import io.socketeer.spring.boot.OnConnect;
import io.socketeer.spring.boot.OnDisconnect;
import io.socketeer.spring.boot.OnEvent;
import io.socketeer.spring.boot.Payload;
import io.socketeer.spring.boot.SocketIoController;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The handlers of {@code interop/sio-client-scenarios.js}'s echo scenario and of {@code
 * spring-chat-client.js}'s extras, written as an annotated controller.
 */
@SocketIoController
public class TestController {
  /** A value with a date, which only the application's ObjectMapper (with its Java time module) maps. */
  public record Meeting(String title, Instant at) {}

  /** Threads the connect handler ran on. */
  public final List<String> connectThreads = new CopyOnWriteArrayList<>();
  /** Reasons of the disconnections seen. */
  public final List<DisconnectReason> disconnects = new CopyOnWriteArrayList<>();

  @OnConnect
  void connected(Socket socket) {
    connectThreads.add(Thread.currentThread().getName());
    socket.emit("auth", socket.handshake().auth());
  }

  @OnEvent("message")
  void message(Socket socket, Arguments args) {
    socket.emit("message-back", args.values());
  }

  @OnEvent("message-with-ack")
  void messageWithAck(Arguments args, Ack ack) {
    ack.send(args.values());
  }

  @OnEvent("digits")
  int digits(@Payload(1) int ones, @Payload(0) int tens) {
    return tens * 10 + ones;
  }

  @OnEvent("reverse")
  byte[] reverse(byte[] data) {
    byte[] out = new byte[data.length];
    for (int i = 0; i < data.length; i++) {
      out[i] = data[data.length - 1 - i];
    }
    return out;
  }

  @OnEvent("meeting")
  Meeting meeting(Meeting meeting) {
    return new Meeting(meeting.title().toUpperCase(java.util.Locale.ROOT), meeting.at().plus(Duration.ofHours(1)));
  }

  @OnEvent("late")
  CompletableFuture<String> late(String value) {
    return CompletableFuture.supplyAsync(() -> value + "!", CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS));
  }

  @OnEvent("fail")
  void fail() {
    throw new IllegalStateException("this handler fails on purpose");
  }

  @OnDisconnect
  void disconnected(DisconnectReason reason) {
    disconnects.add(reason);
  }
}
