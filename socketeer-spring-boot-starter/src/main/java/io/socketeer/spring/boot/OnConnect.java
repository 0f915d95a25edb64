package io.socketeer.spring.boot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link SocketIoController} that runs when a socket has joined the
 * controller's namespace, after the controller's event handlers are in place. It may take a
 * {@code Socket}; its return value is ignored.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnConnect {}
