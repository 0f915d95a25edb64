package io.socketeer.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReceiverTest {
  private final Receiver receiver = new Receiver(7, Receiver.Kind.WEBSOCKET, false, 0, 0, 64);

  @Test
  void countsASecondCopyAsDuplicateAndNotAsDelivered() {
    receiver.onMessage(3, 0);
    receiver.onMessage(3, 0);

    assertThat(receiver.delivered()).isEqualTo(1);
    assertThat(receiver.duplicates()).isEqualTo(1);
    assertThat(receiver.outOfOrder()).isZero();
  }

  @Test
  void countsAnEarlierMessageAfterALaterOneOfTheSameSenderAsOutOfOrder() {
    receiver.onMessage(3, 5);
    receiver.onMessage(4, 1);
    receiver.onMessage(3, 4);

    assertThat(receiver.outOfOrder()).isEqualTo(1);
    assertThat(receiver.received(3, 4)).isTrue();
    assertThat(receiver.received(3, 3)).isFalse();
  }

  @Test
  void downPeriodRunsFromTheFirstSignToTheNextConnectionWidenedByGrace() {
    receiver.onConnect(1_000);
    receiver.markDown(5_000);
    receiver.onDisconnect(5_500); // noticed later: the period still starts at the first sign
    receiver.onConnect(8_000);

    assertThat(receiver.wasDownAround(4_899, 100)).isFalse();
    assertThat(receiver.wasDownAround(4_900, 100)).isTrue();
    assertThat(receiver.wasDownAround(8_100, 100)).isTrue();
    assertThat(receiver.wasDownAround(8_101, 100)).isFalse();
    assertThat(receiver.wasDownAround(999, 0)).as("before the first connection").isTrue();
    assertThat(receiver.disconnects()).isEqualTo(1);
  }

  @Test
  void aClientStillDownIsDownFromThenOn() {
    receiver.onConnect(1_000);
    receiver.onDisconnect(5_000);

    assertThat(receiver.isUp()).isFalse();
    assertThat(receiver.wasDownAround(1_000_000, 0)).isTrue();
    assertThat(receiver.wasDownAround(4_000, 0)).isFalse();
  }
}
