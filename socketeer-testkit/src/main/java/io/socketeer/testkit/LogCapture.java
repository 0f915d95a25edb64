package io.socketeer.testkit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Captures, from the root logger of the test JVM, every event at WARN or above and every event
 * with a stack trace (Netty's leak reports among them), so that a test can check that what it ran
 * left no warning, error or fault behind. Only those events are kept: a long run may log much at
 * INFO.
 *
 * <p>A reset of the logging system (Spring Boot does one each time an application starts) stops
 * and detaches every appender; calling {@link #install()} again afterwards restores the capture.
 * Logback must be the SLF4J binding of the tests that use this.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> {
  private static final LogCapture INSTANCE = new LogCapture();

  /** The kept events; guarded by {@link #INSTANCE}, whose lock {@code doAppend} holds. */
  private final List<ILoggingEvent> events = new ArrayList<>();

  private LogCapture() {
    setName("socketeer-log-capture");
  }

  @Override
  protected void append(ILoggingEvent e) {
    if (e.getLevel().isGreaterOrEqual(Level.WARN) || e.getThrowableProxy() != null) {
      events.add(e);
    }
  }

  /**
   * Attaches the capture to the root logger, or restarts and re-attaches it after a reset of the
   * logging system (idempotent). What was captured so far is kept.
   */
  public static void install() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    synchronized (INSTANCE) {
      if (INSTANCE.getContext() == null) {
        INSTANCE.setContext(root.getLoggerContext());
      }
      if (!INSTANCE.isStarted()) {
        INSTANCE.start();
      }
    }
    if (root.getAppender(INSTANCE.getName()) == null) {
      root.addAppender(INSTANCE);
    }
  }

  /**
   * Throws an {@link AssertionError} listing them if any event at WARN or above, or any event with
   * a stack trace, was captured since the last call; forgets everything captured so far.
   */
  public static void assertNoWarnings() {
    List<String> bad = takeWarnings();
    if (!bad.isEmpty()) {
      throw new AssertionError("warnings, errors, stack traces or leak reports in the log:\n  "
          + String.join("\n  ", bad));
    }
  }

  /**
   * Returns the events at WARN or above, and those with a stack trace, captured since the last
   * call, as {@code LEVEL logger: message}, followed by {@code  / exception message} for an event
   * with a stack trace; forgets them.
   */
  public static List<String> takeWarnings() {
    List<String> out = new ArrayList<>();
    synchronized (INSTANCE) {
      for (ILoggingEvent e : INSTANCE.events) {
        IThrowableProxy thrown = e.getThrowableProxy();
        out.add(e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage()
            + (thrown == null ? "" : " / " + thrown.getMessage()));
      }
      INSTANCE.events.clear();
    }
    return out;
  }
}
