package io.socketeer.netty;

import static org.awaitility.Awaitility.await;

import io.socketeer.engine.EngineOptions;
import io.socketeer.testkit.LogCapture;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link EchoEngine} for a whole test class, registered as a static
 * {@code @RegisterExtension} field: every test must leave no session behind, and the class must
 * leave no warning, error or stack trace in the log.
 */
final class EchoEngineExtension implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
  private final EngineOptions options;
  private EchoEngine echo;

  EchoEngineExtension(EngineOptions options) {
    this.options = options;
  }

  /** The running engine; from the class's {@code @BeforeAll} methods on. */
  EchoEngine echo() {
    return echo;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    LogCapture.install();
    echo = new EchoEngine(options);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    await().atMost(Duration.ofSeconds(5)).until(() -> echo.engine.sessionCount() == 0);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    System.gc();
    try {
      LogCapture.assertNoWarnings();
    } finally {
      echo.close();
    }
  }
}
