package io.socketeer.spring.boot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link SocketIoController} that runs once a socket has left the namespace
 * (its rooms are already left). It may take a {@code Socket} and a {@code DisconnectReason}; its
 * return value is ignored.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnDisconnect {}
