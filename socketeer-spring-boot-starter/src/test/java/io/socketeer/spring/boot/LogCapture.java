package io.socketeer.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Collects the log events of the test JVM so that a test can check what was logged at WARN and
 * above. Spring Boot resets the logging system while an application starts, so {@link #install()}
 * is called again once the context is up.
 */
public final class LogCapture {
  private static final ListAppender<ILoggingEvent> APPENDER = new ListAppender<>();

  static {
    APPENDER.setName("capture");
  }

  private LogCapture() {}

  /** Attaches the capture to the root logger, and restarts it after a reset (idempotent). */
  public static void install() {
    // A reset of the logging system (each Spring application start) stops every appender.
    if (!APPENDER.isStarted()) {
      APPENDER.start();
    }
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    if (root.getAppender(APPENDER.getName()) == null) {
      root.addAppender(APPENDER);
    }
  }

  /** Fails if any event at WARN or above, or any event with a stack trace, was logged. */
  public static void assertNoWarnings() {
    assertThat(takeWarnings()).as("warnings, errors, stack traces or leak reports in the log").isEmpty();
  }

  /**
   * Returns the events at WARN or above, and those with a stack trace, logged since the last call
   * (as {@code LEVEL logger: message}), and forgets everything captured so far.
   */
  public static List<String> takeWarnings() {
    List<String> bad = new ArrayList<>();
    synchronized (APPENDER) {
      for (ILoggingEvent e : APPENDER.list) {
        if (e.getLevel().isGreaterOrEqual(Level.WARN) || e.getThrowableProxy() != null) {
          bad.add(e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage()
              + (e.getThrowableProxy() == null ? "" : " / " + e.getThrowableProxy().getMessage()));
        }
      }
      APPENDER.list.clear();
    }
    return bad;
  }
}
