package io.socketeer.protocol.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socketeer.protocol.ProtocolException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Megabyte-sized namespaces, attachment counts and ack ids (BAD_INPUTS C-41): each is refused or
 * read in one linear pass. A quadratic scan of a million characters would take minutes.
 */
class HugeInputTest {
  private static final Duration BOUND = Duration.ofSeconds(2);

  private static void refusedQuickly(String text) {
    long start = System.nanoTime();
    assertThatThrownBy(() -> SocketPacketDecoder.create().decode(text)).isInstanceOf(ProtocolException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
  }

  @Test
  void c41MegabyteAttachmentCountIsRefusedAtOnce() {
    refusedQuickly("5" + "9".repeat(999_999) + "-[\"x\"]");
  }

  @Test
  void c41MegabyteAckIdIsRefused() {
    refusedQuickly("2" + "1".repeat(1_000_000) + "[\"x\"]");
  }

  @Test
  void c41MegabyteNamespaceWithoutCommaIsRefused() {
    refusedQuickly("2/" + "a".repeat(1_000_000) + "[\"x\"]");
  }

  @Test
  void c41MegabyteNamespaceIsReadInLinearTime() throws Exception {
    String namespace = "/" + "a".repeat(1_000_000);
    long start = System.nanoTime();
    SocketPacket packet = SocketPacketDecoder.create().decode("2" + namespace + ",[\"x\"]");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
    assertThat(packet.namespace()).isEqualTo(namespace);
  }
}
