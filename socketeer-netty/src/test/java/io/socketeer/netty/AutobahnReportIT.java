package io.socketeer.netty;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Reads the JSON report the Autobahn suite wrote in {@code pre-integration-test} (see the pom) and
 * holds every case to the suite's own expectations, including the close handshake: the plugin
 * only fails on a wrong data behaviour, not on a wrong close code or an unclean close.
 */
class AutobahnReportIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> PASSING = Set.of("OK", "NON-STRICT", "INFORMATIONAL");
  private static final Set<String> PASSING_CLOSE = Set.of("OK", "INFORMATIONAL");

  @Test
  void everyCasePassesWithTheExpectedCloseCode() throws IOException {
    Path reports = Path.of(System.getProperty("autobahn.reports"));
    JsonNode index = JSON.readTree(reports.resolve("index.json").toFile());
    JsonNode cases = index.get("autobahntestsuite-maven-plugin");
    assertThat(cases).as("cases in %s", reports).isNotNull();
    assertThat(cases.size()).as("cases run").isEqualTo(Integer.parseInt(System.getProperty("autobahn.cases")));
    List<String> failures = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = cases.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> c = it.next();
      String id = c.getKey();
      JsonNode summary = c.getValue();
      JsonNode report = JSON.readTree(reports.resolve(summary.get("reportfile").asText()).toFile());
      String behavior = report.get("behavior").asText();
      String behaviorClose = report.get("behaviorClose").asText();
      if (!PASSING.contains(behavior) || !PASSING_CLOSE.contains(behaviorClose)) {
        failures.add(id + ": " + behavior + " / close " + behaviorClose + ": " + report.get("resultClose").asText());
        continue;
      }
      if (behaviorClose.equals("INFORMATIONAL")) {
        continue; // close codes the RFC leaves open (7.13.x: codes 5000 and 65535)
      }
      // The close code the server sent must be one the case allows (1000 after a clean close,
      // 1002 for a protocol error, 1007 for bad UTF-8, ...), or none when it answers a close
      // frame without a code (7.3.1).
      JsonNode expected = report.path("expectedClose").path("closeCode");
      JsonNode remote = report.path("remoteCloseCode");
      boolean allowed = remote.isNull()
          ? report.path("localCloseCode").isNull()
          : StreamSupport.stream(expected.spliterator(), false).anyMatch(code -> code.asInt() == remote.asInt());
      if (!expected.isEmpty() && !allowed) {
        failures.add(id + ": close code " + remote + ", expected one of " + expected);
      }
      if (report.path("droppedByMe").asBoolean()) {
        failures.add(id + ": the suite had to drop the TCP connection itself");
      }
    }
    assertThat(failures).as("Autobahn cases that failed").isEmpty();
  }
}
