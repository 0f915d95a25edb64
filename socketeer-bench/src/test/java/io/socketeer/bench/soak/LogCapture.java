package io.socketeer.bench.soak;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Keeps every log event at WARN or above, and every event with a stack trace (Netty's leak
 * reports among them), so that a soak test can check what its run left in the log. Only those
 * are kept: a soak run logs much at INFO.
 */
final class LogCapture extends AppenderBase<ILoggingEvent> {
  private static final LogCapture INSTANCE = new LogCapture();

  static {
    INSTANCE.setName("soak-capture");
    INSTANCE.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(INSTANCE);
  }

  /** Guarded by itself. */
  private final List<ILoggingEvent> events = new ArrayList<>();

  @Override
  protected void append(ILoggingEvent e) {
    if (e.getLevel().isGreaterOrEqual(Level.WARN) || e.getThrowableProxy() != null) {
      synchronized (events) {
        events.add(e);
      }
    }
  }

  /** Starts capturing (idempotent) and forgets what was captured so far. */
  static void install() {
    take();
  }

  /** Returns the captured events as {@code LEVEL logger: message} and forgets them. */
  static List<String> take() {
    List<String> out = new ArrayList<>();
    synchronized (INSTANCE.events) {
      for (ILoggingEvent e : INSTANCE.events) {
        out.add(e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage()
            + (e.getThrowableProxy() == null ? "" : " (" + e.getThrowableProxy().getClassName() + ")"));
      }
      INSTANCE.events.clear();
    }
    return out;
  }
}
