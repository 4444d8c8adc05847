package dev.candor.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The jobs package is as clean as the domain: no Slack, JDBC or HTTP types, and time from the Clock. */
class JobsPackageTest {
  static final Path JOBS = Path.of("src/main/java/dev/candor/jobs");
  static final Pattern FORBIDDEN = Pattern.compile(
      "\\b(com\\.slack|java\\.sql|javax\\.sql|okhttp3|org\\.eclipse\\.jetty)\\b"
          + "|\\b(Instant|LocalDate|LocalDateTime|ZonedDateTime)\\s*\\.\\s*now\\s*\\("
          + "|\\bSystem\\s*\\.\\s*currentTimeMillis\\s*\\(|\\bClock\\s*\\.\\s*system(UTC|DefaultZone)?\\s*\\(");
  static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

  @Test
  void jobsSources_useNeitherSlackNorJdbcNorHttpNorTheWallClock() throws IOException {
    List<Path> sources;
    try (Stream<Path> files = Files.walk(JOBS)) {
      sources = files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
    assertTrue(sources.size() >= 5, "expected the jobs sources under " + JOBS.toAbsolutePath());

    List<String> found = new ArrayList<>();
    for (Path source : sources) {
      String code = COMMENTS.matcher(Files.readString(source)).replaceAll(m -> m.group().replaceAll("[^\\n]", " "));
      String[] lines = code.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        if (FORBIDDEN.matcher(lines[i]).find()) {
          found.add(source.getFileName() + ":" + (i + 1) + ": " + lines[i].strip());
        }
      }
    }
    assertEquals(List.of(), found);
  }
}
