package io.socketeer.spring.boot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds an {@link OnEvent} parameter to the event argument at {@link #value()} (0 is the first),
 * rather than to the next one in order.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Payload {
  /** Index of the event argument. */
  int value();
}
