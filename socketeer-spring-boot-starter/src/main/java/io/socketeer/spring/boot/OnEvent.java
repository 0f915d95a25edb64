package io.socketeer.spring.boot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link SocketIoController} that handles one event sent by clients.
 *
 * <p>Parameters are resolved by type: {@code Socket} (the sender), {@code Ack} (to answer
 * yourself, possibly later or with several values), {@code Arguments} (every argument as JSON).
 * Any other parameter is the next of the event's arguments, in order, mapped to the parameter's
 * declared (generic) type by the application's Jackson {@code ObjectMapper}; {@link Payload} picks
 * an argument by index instead. A missing argument is null.
 *
 * <p>The return value is the acknowledgement's only argument, sent if the client asked for one (a
 * {@code null} or {@code void} method sends an empty acknowledgement); a {@code CompletionStage}
 * is sent when it completes. A method that takes an {@code Ack} must return {@code void}. An
 * exception, thrown or completing the stage, is logged at ERROR and nothing is sent, as the
 * reference server does.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnEvent {
  /** The event name. */
  String value();
}
