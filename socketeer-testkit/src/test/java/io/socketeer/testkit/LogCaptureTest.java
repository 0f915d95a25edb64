package io.socketeer.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.LoggerContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LogCaptureTest {
  private static final Logger LOG = LoggerFactory.getLogger("capture.test");

  @BeforeEach
  void startClean() {
    LogCapture.install();
    LogCapture.takeWarnings();
  }

  @Test
  void keepsWarningsErrorsAndStackTracesOnlyAndForgetsWhatItReturned() {
    LOG.info("fine");
    LOG.warn("careful {}", 1);
    LOG.info("recovered", new IllegalStateException("bad state"));
    LOG.error("broken", new RuntimeException());

    assertThat(LogCapture.takeWarnings()).containsExactly(
        "WARN capture.test: careful 1",
        "INFO capture.test: recovered / bad state",
        "ERROR capture.test: broken / null");
    assertThat(LogCapture.takeWarnings()).isEmpty();
  }

  @Test
  void assertNoWarningsFailsWithTheLinesAndThenStartsAfresh() {
    LogCapture.assertNoWarnings();
    LOG.warn("one");

    assertThatThrownBy(LogCapture::assertNoWarnings)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("WARN capture.test: one");
    LogCapture.assertNoWarnings();
  }

  @Test
  void installIsIdempotentAndCapturesAgainAfterALoggingReset() {
    LogCapture.install();
    LOG.warn("once");
    assertThat(LogCapture.takeWarnings()).containsExactly("WARN capture.test: once");

    ((LoggerContext) LoggerFactory.getILoggerFactory()).reset();
    LOG.warn("lost");
    assertThat(LogCapture.takeWarnings()).isEmpty();

    LogCapture.install();
    LOG.warn("back");
    assertThat(LogCapture.takeWarnings()).containsExactly("WARN capture.test: back");
  }
}
