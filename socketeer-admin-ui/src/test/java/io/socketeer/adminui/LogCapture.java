package io.socketeer.adminui;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Collects every log event of the test JVM, so that a test class can check that peer faults left
 * no warning, no stack trace and no Netty leak report behind.
 */
final class LogCapture {
  private static final ListAppender<ILoggingEvent> APPENDER = new ListAppender<>();

  static {
    APPENDER.setName("capture");
    APPENDER.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(APPENDER);
  }

  private LogCapture() {}

  /** Starts capturing (idempotent). */
  static void install() {
    // the static initializer did it
  }

  /** Fails if any event at WARN or above, or any event with a stack trace, was logged. */
  static void assertNoWarnings() {
    assertThat(takeWarnings()).as("warnings, errors, stack traces or leak reports in the log").isEmpty();
  }

  /**
   * Returns the events at WARN or above, and those with a stack trace, logged since the last call
   * (as {@code LEVEL logger: message}), and forgets everything captured so far.
   */
  static List<String> takeWarnings() {
    List<String> bad = new ArrayList<>();
    synchronized (APPENDER) {
      for (ILoggingEvent e : APPENDER.list) {
        if (e.getLevel().isGreaterOrEqual(Level.WARN) || e.getThrowableProxy() != null) {
          bad.add(e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage());
        }
      }
      APPENDER.list.clear();
    }
    return bad;
  }
}
