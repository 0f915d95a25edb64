package io.socketeer.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The chat demo as a Spring Boot application: the page at {@code /} (static content), Socket.IO
 * on the same port under {@code /socket.io/}, handled by {@link ChatController}.
 *
 * <pre>{@code java -jar socketeer-examples-spring.jar [--server.port=8080]}</pre>
 */
@SpringBootApplication
public class ChatApplication {
  /** Starts the application. */
  public static void main(String[] args) {
    SpringApplication.run(ChatApplication.class, args);
  }
}
