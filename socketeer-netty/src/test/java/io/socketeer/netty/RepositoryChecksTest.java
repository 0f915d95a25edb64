package io.socketeer.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Checks on the whole repository, run from this module's directory: the README's table of bad
 * inputs names a test that exists for every row, and no main source deserializes Java objects.
 */
class RepositoryChecksTest {
  /** Every row of the bad-input catalogue, and the security defaults. */
  private static final List<String> ROWS = List.of(
      "C-01", "C-02", "C-03", "C-04", "C-05", "C-07", "C-09", "C-10", "C-11", "C-12", "C-13", "C-14",
      "C-15", "C-16", "C-17", "C-19", "C-20", "C-21", "C-22", "C-23", "C-27", "C-28",
      "C-20w", "C-24", "C-25", "C-26", "C-29", "C-30", "C-39", "C-40", "C-43", "C-44", "C-44b",
      "C-46", "C-46b", "C-47", "C-48", "C-49",
      "C-31", "C-32", "C-33", "C-35", "C-36", "C-38", "C-41", "C-51", "C-52", "C-52b", "C-52d",
      "C-45", "C-45b", "C-45c", "C-45d",
      "C-53", "C-54", "C-55", "C-56",
      "C-58", "C-59", "C-60", "C-61", "C-62",
      "S-1", "S-2", "S-3", "S-4", "S-5", "S-6");
  private static final Pattern ROW = Pattern.compile("^\\| ([CS]-\\d+[a-z]?) \\|(.*)$");
  private static final Pattern TEST = Pattern.compile("`([A-Z][A-Za-z0-9]*)#([a-z][A-Za-z0-9]*)`");

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void everyCatalogueRowNamesTestsThatExist() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    int section = readme.indexOf("\n## Limits and failure behaviour\n");
    assertThat(section).as("README section").isPositive();
    Map<String, List<String[]>> rows = new LinkedHashMap<>();
    for (String line : readme.substring(section).split("\n")) {
      Matcher row = ROW.matcher(line);
      if (row.matches()) {
        List<String[]> tests = new ArrayList<>();
        Matcher test = TEST.matcher(row.group(2));
        while (test.find()) {
          tests.add(new String[] {test.group(1), test.group(2)});
        }
        assertThat(rows.put(row.group(1), tests)).as("row %s listed twice", row.group(1)).isNull();
      }
    }
    assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(ROWS);
    Map<String, Path> testClasses;
    try (Stream<Path> files = Files.walk(ROOT)) {
      testClasses = files.filter(p -> (p.toString().contains("/src/test/java/")
              || p.toString().contains("/socketeer-runtime-tests/src/main/java/")) && p.toString().endsWith(".java"))
          .collect(Collectors.toMap(p -> p.getFileName().toString().replace(".java", ""), p -> p, (a, b) -> a));
    }
    Set<String> missing = new LinkedHashSet<>();
    rows.forEach((id, tests) -> {
      if (tests.isEmpty()) {
        missing.add(id + ": no test named");
      }
      for (String[] t : tests) {
        Path file = testClasses.get(t[0]);
        if (file == null) {
          missing.add(id + ": no class " + t[0]);
        } else if (!read(file).matches("(?s).*\\bvoid " + t[1] + "\\(.*")) {
          missing.add(id + ": no method " + t[0] + "#" + t[1]);
        }
      }
    });
    assertThat(missing).isEmpty();
  }

  @Test
  void s6NoMainSourceDeserializesJavaObjects() throws IOException {
    Pattern forbidden = Pattern.compile("ObjectInputStream|\\.readObject\\(|\\.readUnshared\\(|XMLDecoder"
        + "|enableDefaultTyping|activateDefaultTyping|@JsonTypeInfo|SerializationUtils|ObjectInputFilter");
    List<Path> sources;
    try (Stream<Path> files = Files.walk(ROOT)) {
      sources = files.filter(p -> p.toString().contains("/src/main/java/") && p.toString().endsWith(".java")
          && !p.toString().contains("/node_modules/")).collect(Collectors.toList());
    }
    // Every module's main sources, not an empty directory by mistake.
    assertThat(sources).hasSizeGreaterThan(150);
    assertThat(sources.stream().map(p -> ROOT.relativize(p).getName(0).toString()).distinct())
        .contains("socketeer-protocol", "socketeer-engine", "socketeer-server", "socketeer-netty",
            "socketeer-redis", "socketeer-client", "socketeer-servlet");
    List<String> hits = new ArrayList<>();
    for (Path source : sources) {
      String[] lines = read(source).split("\n");
      for (int i = 0; i < lines.length; i++) {
        if (forbidden.matcher(lines[i]).find()) {
          hits.add(ROOT.relativize(source) + ":" + (i + 1) + ": " + lines[i].trim());
        }
      }
    }
    assertThat(hits).isEmpty();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
