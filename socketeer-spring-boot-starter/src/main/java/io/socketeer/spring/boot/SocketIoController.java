package io.socketeer.spring.boot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.stereotype.Component;

/**
 * Marks a Spring bean whose {@link OnConnect}, {@link OnEvent} and {@link OnDisconnect} methods
 * handle the sockets of one namespace. A {@link Component}: classpath scanning picks it up.
 *
 * <pre>{@code
 * @SocketIoController(namespace = "/chat")
 * class ChatController {
 *   @OnConnect
 *   void joined(Socket socket) { socket.join("lobby"); }
 *
 *   @OnEvent("chat")
 *   Delivered chat(Socket socket, Message message) {      // Jackson-mapped first argument
 *     socket.to("lobby").emit("chat", message);
 *     return new Delivered(message.id());                   // the ack, if the client asked for one
 *   }
 *
 *   @OnDisconnect
 *   void left(Socket socket, DisconnectReason reason) {}
 * }
 * }</pre>
 *
 * <p>Methods run where the server runs handlers ({@code socketeer.handler-executor}): one at a
 * time per socket, in arrival order. Several controllers may share a namespace.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface SocketIoController {
  /** The namespace the controller serves; default the main namespace {@code "/"}. */
  String namespace() default "/";
}
