package dev.candor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The domain knows nothing of Slack, JDBC or HTTP, and takes its time from an injected Clock. */
class ArchitectureTest {
  static final Path DOMAIN = Path.of("src/main/java/dev/candor");
  /** The domain packages: the incident, its evidence, and what is learned from it. */
  static final List<String> DOMAIN_PACKAGES =
      List.of("incident", "timeline", "nudge", "followup", "jobs", "postmortem");

  /** Packages the domain must not touch, by import or by a fully qualified name. */
  static final Pattern FORBIDDEN_PACKAGE =
      Pattern.compile("\\b(com\\.slack|java\\.sql|javax\\.sql|okhttp3|org\\.eclipse\\.jetty)\\b");

  /** Reading the wall clock instead of the injected Clock. */
  static final Pattern WALL_CLOCK = Pattern.compile(
      "\\b(Instant|LocalDate|LocalDateTime|LocalTime|ZonedDateTime|OffsetDateTime)\\s*\\.\\s*now\\s*\\("
          + "|\\bSystem\\s*\\.\\s*currentTimeMillis\\s*\\("
          + "|\\bClock\\s*\\.\\s*system(UTC|DefaultZone)?\\s*\\(");

  static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

  /** Every line of {@code source} that breaks a rule, as {@code file:line: text}. */
  static List<String> violations(String file, String source) {
    List<String> found = new ArrayList<>();
    // blank out comments but keep line numbers, so a Javadoc mentioning Instant.now() is no violation
    String code = COMMENTS.matcher(source).replaceAll(m -> m.group().replaceAll("[^\\n]", " "));
    String[] lines = code.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (FORBIDDEN_PACKAGE.matcher(lines[i]).find() || WALL_CLOCK.matcher(lines[i]).find()) {
        found.add(file + ":" + (i + 1) + ": " + lines[i].strip());
      }
    }
    return found;
  }

  @Test
  void domainSources_useNeitherSlackNorJdbcNorHttpNorTheWallClock() throws IOException {
    List<Path> sources;
    sources = new ArrayList<>();
    for (String pkg : DOMAIN_PACKAGES) {
      try (Stream<Path> files = Files.walk(DOMAIN.resolve(pkg))) {
        sources.addAll(files.filter(p -> p.toString().endsWith(".java")).sorted().toList());
      }
    }
    assertTrue(sources.size() >= 25, "expected the domain sources under " + DOMAIN.toAbsolutePath() + ", found " + sources);

    List<String> found = new ArrayList<>();
    for (Path source : sources) {
      found.addAll(violations(DOMAIN.relativize(source).toString(), Files.readString(source, StandardCharsets.UTF_8)));
    }

    assertEquals(List.of(), found, "the domain must stay free of adapters and the wall clock");
  }

  @Test
  void theRule_catchesEachForbiddenImportAndCall() {
    String source = String.join("\n",
        "package dev.candor.incident;",
        "import com.slack.api.Slack;",
        "import java.sql.Connection;",
        "import javax.sql.DataSource;",
        "import okhttp3.OkHttpClient;",
        "import org.eclipse.jetty.server.Server;",
        "class X {",
        "  Instant a = Instant.now();",
        "  LocalDate b = LocalDate.now(zone);",
        "  long c = System.currentTimeMillis();",
        "  java.sql.Timestamp d;",
        "  Clock e = Clock.systemUTC();",
        "}");

    assertEquals(List.of(2, 3, 4, 5, 6, 8, 9, 10, 11, 12),
        violations("X.java", source).stream().map(v -> Integer.parseInt(v.split(":")[1])).toList());
  }

  @Test
  void theRule_ignoresCommentsAndLookalikes() {
    String source = String.join("\n",
        "package dev.candor.incident;",
        "import java.time.Clock;",
        "/** Never call Instant.now() here; java.sql belongs in store. */",
        "class X {",
        "  Instant a = clock.instant(); // not Instant.now()",
        "  LocalDate b = LocalDate.ofInstant(clock.instant(), zone);",
        "  String slackish = \"comslack\";",
        "}");

    assertEquals(List.of(), violations("X.java", source));
  }
}
