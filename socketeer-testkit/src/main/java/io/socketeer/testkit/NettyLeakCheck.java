package io.socketeer.testkit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Fails a test class when Netty reported a buffer leak ({@code LEAK: ...}) while it ran.
 *
 * <p>Netty reports a leaked buffer only after the garbage collector found it and a later
 * allocation looked: so after each test class this collects garbage and allocates a few buffers,
 * then fails the class if any report was logged since the previous check. Leak reports are caught
 * from Netty's logger (through SLF4J to Logback, which the modules that use this test with), so
 * that a report logged on any thread counts. Run the tests with {@code
 * -Dio.netty.leakDetection.level=paranoid} (the parent pom does) so that every buffer is tracked.
 *
 * <p>Registered for a whole module by JUnit's extension auto-detection: the module's {@code
 * junit-platform.properties} sets {@code junit.jupiter.extensions.autodetection.enabled=true}, and
 * this jar lists the class in {@code META-INF/services/org.junit.jupiter.api.extension.Extension}.
 */
public final class NettyLeakCheck implements AfterAllCallback {
  /** Leak reports not yet claimed by a check; guarded by itself. */
  private static final List<String> REPORTS = new ArrayList<>();

  static {
    Logger logger = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
    AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
      @Override
      protected void append(ILoggingEvent event) {
        if (event.getLevel().isGreaterOrEqual(Level.ERROR)) {
          synchronized (REPORTS) {
            REPORTS.add(event.getFormattedMessage());
          }
        }
      }
    };
    appender.setName("netty-leak-check");
    appender.setContext(logger.getLoggerContext());
    appender.start();
    logger.addAppender(appender);
  }

  /** Creates the extension (JUnit does). */
  public NettyLeakCheck() {}

  @Override
  public void afterAll(ExtensionContext context) {
    List<String> leaks = collect();
    if (!leaks.isEmpty()) {
      throw new AssertionError(leaks.size() + " Netty leak report(s) while " + context.getDisplayName()
          + " ran (or since the previous class):\n" + String.join("\n\n", leaks));
    }
  }

  /** Makes Netty report the leaks it can see now and returns the reports logged since last time. */
  public static List<String> collect() {
    for (int i = 0; i < 3; i++) {
      System.gc();
      System.runFinalization();
      // Each tracked allocation polls the detector's queue of collected, unreleased buffers.
      for (int j = 0; j < 8; j++) {
        release(PooledByteBufAllocator.DEFAULT.buffer(16));
        release(PooledByteBufAllocator.DEFAULT.directBuffer(16));
        release(UnpooledByteBufAllocator.DEFAULT.buffer(16));
      }
    }
    synchronized (REPORTS) {
      List<String> copy = new ArrayList<>(REPORTS);
      REPORTS.clear();
      return copy;
    }
  }

  private static void release(ByteBuf buf) {
    buf.release();
  }
}
