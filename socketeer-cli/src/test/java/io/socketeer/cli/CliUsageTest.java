package io.socketeer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.socketeer.client.Arguments;
import java.util.List;
import org.junit.jupiter.api.Test;

class CliUsageTest {
  @Test
  void badJsonInEmitIsAUsageError() {
    CliRun run = CliRun.oneShot("http://127.0.0.1:1", "--emit", "ev", "[1,", "--exit");
    assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(run.stderr()).startsWith("socketeer-cli: ");
    assertThat(run.lines()).isEmpty();
  }

  @Test
  void authMustBeAnObject() {
    CliRun run = CliRun.oneShot("http://127.0.0.1:1", "--auth", "[1]", "--exit");
    assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(run.stderr()).contains("--auth must be a JSON object");
  }

  @Test
  void relativeUrlIsAUsageError() {
    CliRun run = CliRun.oneShot("localhost:3000", "--exit");
    assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
  }

  @Test
  void unknownOptionIsAUsageError() {
    CliRun run = CliRun.oneShot("http://127.0.0.1:1", "--frobnicate");
    assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(run.stderr()).contains("Unknown option: '--frobnicate'");
  }

  @Test
  void emitArgumentsAreAnArrayOrOneValue() throws Exception {
    assertThat(JsonValues.argumentList("[1,\"a\"]")).hasSize(2);
    assertThat(JsonValues.argumentList("{\"a\":1}")).hasSize(1);
    assertThat(JsonValues.argumentList("[[1,2]]")).hasSize(1);
    assertThat(JsonValues.sequence("1 \"two\"  [3] {\"four\":4}")).hasSize(4);
  }

  @Test
  void binaryIsPrintedAsAShortHexNote() {
    byte[] big = new byte[40];
    big[0] = (byte) 0xff;
    Arguments args = Arguments.of(List.of(JsonNodeFactory.instance.binaryNode(big),
        JsonNodeFactory.instance.binaryNode(new byte[0]), JsonNodeFactory.instance.textNode("é")));
    assertThat(Output.json(args)).isEqualTo(
        "[\"<binary 40 bytes: ff000000000000000000000000000000...>\",\"<binary 0 bytes>\",\"é\"]");
  }
}
