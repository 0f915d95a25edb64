package io.socketeer.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code handshake.address} is the client's IP alone, as the reference gives it. */
class HandshakeAddressTest {
  @Test
  void thePortIsDropped() {
    assertThat(Handshake.hostOf("127.0.0.1:51234")).isEqualTo("127.0.0.1");
    assertThat(Handshake.hostOf("[::1]:51234")).isEqualTo("::1");
    assertThat(Handshake.hostOf("[0:0:0:0:0:0:0:1]:8080")).isEqualTo("0:0:0:0:0:0:0:1");
  }

  @Test
  void otherFormsAreKept() {
    assertThat(Handshake.hostOf("/10.0.0.1:3000")).isEqualTo("10.0.0.1");
    assertThat(Handshake.hostOf("::1")).isEqualTo("::1");
    assertThat(Handshake.hostOf("local")).isEqualTo("local");
    assertThat(Handshake.hostOf("127.0.0.1")).isEqualTo("127.0.0.1");
    assertThat(Handshake.hostOf("/[::1]:51234")).isEqualTo("::1");
    assertThat(Handshake.hostOf("::ffff:127.0.0.1")).isEqualTo("::ffff:127.0.0.1");
  }
}
