package dev.candor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point inward: the domain knows nothing of Slack, JDBC, HTTP or any adapter, and takes its time from
 * an injected Clock; no adapter uses another; the features at the Slack edge depend on each other without a cycle.
 */
class ArchitectureTest {
  static final Path DOMAIN = Path.of("src/main/java/dev/candor");
  /** The domain packages: the incident, its evidence, and what is learned from it. */
  static final List<String> DOMAIN_PACKAGES =
      List.of("incident", "timeline", "nudge", "followup", "jobs", "postmortem", "insights", "hooks", "paging",
          "catchup", "trackers");

  /** Packages the domain must not touch, by import or by a fully qualified name. */
  static final Pattern FORBIDDEN_PACKAGE =
      Pattern.compile("\\b(com\\.slack|java\\.sql|javax\\.sql|okhttp3|org\\.eclipse\\.jetty)\\b");

  /** Reading the wall clock instead of the injected Clock. */
  static final Pattern WALL_CLOCK = Pattern.compile(
      "\\b(Instant|LocalDate|LocalDateTime|LocalTime|ZonedDateTime|OffsetDateTime)\\s*\\.\\s*now\\s*\\("
          + "|\\bSystem\\s*\\.\\s*currentTimeMillis\\s*\\("
          + "|\\bClock\\s*\\.\\s*system(UTC|DefaultZone)?\\s*\\(");

  /**
   * The adapters: Slack, the database, the HTTP server, outbound HTTP (webhooks, PagerDuty). Only the composition
   * roots (main, replay) join them.
   */
  static final List<String> ADAPTERS = List.of("slack", "store", "server", "outbound");

  /** A use of a Candor package, imported (one type or all) or written out: group 1 is the package below dev.candor. */
  static final Pattern CANDOR_PACKAGE =
      Pattern.compile("\\bdev\\.candor\\.((?:[a-z]\\w*\\.)*[a-z]\\w*)\\.(?:[A-Z]|\\*)");

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

  /** The Candor packages (below dev.candor) each source file under {@code dir} uses, by file. */
  static Map<Path, Set<String>> candorPackagesUsed(Path dir) throws IOException {
    Map<Path, Set<String>> used = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path source : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        String code = COMMENTS.matcher(Files.readString(source, StandardCharsets.UTF_8)).replaceAll(" ");
        Set<String> packages = new TreeSet<>();
        Matcher m = CANDOR_PACKAGE.matcher(code.replaceFirst("(?m)^package [\\w.]+;", ""));
        while (m.find()) {
          packages.add(m.group(1));
        }
        used.put(DOMAIN.relativize(source), packages);
      }
    }
    return used;
  }

  /** The package of {@code source} below dev.candor, as its folder says. */
  static String packageOf(Path source) {
    return source.getParent().toString().replace('/', '.').replace('\\', '.');
  }

  /** The first cycle in {@code graph} (a path that comes back to its start), or an empty list. */
  static List<String> firstCycle(Map<String, Set<String>> graph) {
    Set<String> done = new HashSet<>();
    for (String start : graph.keySet()) {
      List<String> cycle = cycleFrom(start, graph, new ArrayList<>(), done);
      if (!cycle.isEmpty()) {
        return cycle;
      }
    }
    return List.of();
  }

  private static List<String> cycleFrom(String node, Map<String, Set<String>> graph, List<String> path,
      Set<String> done) {
    int seen = path.indexOf(node);
    if (seen >= 0) {
      List<String> cycle = new ArrayList<>(path.subList(seen, path.size()));
      cycle.add(node);
      return cycle;
    }
    if (done.contains(node)) {
      return List.of();
    }
    path.add(node);
    for (String next : graph.getOrDefault(node, Set.of())) {
      List<String> cycle = cycleFrom(next, graph, path, done);
      if (!cycle.isEmpty()) {
        return cycle;
      }
    }
    path.remove(path.size() - 1);
    done.add(node);
    return List.of();
  }

  @Test
  void theDomain_usesNoAdapterNorTheCompositionRoots() throws IOException {
    List<String> found = new ArrayList<>();
    candorPackagesUsed(DOMAIN).forEach((source, packages) -> {
      if (DOMAIN_PACKAGES.contains(packageOf(source).split("\\.")[0])) {
        packages.stream().map(p -> p.split("\\.")[0])
            .filter(p -> !DOMAIN_PACKAGES.contains(p))
            .forEach(p -> found.add(source + " uses " + p));
      }
    });

    assertEquals(List.of(), found, "the domain must not depend on adapters, configuration or main");
  }

  @Test
  void noAdapter_usesAnotherAdapterOrTheCompositionRoots() throws IOException {
    List<String> found = new ArrayList<>();
    candorPackagesUsed(DOMAIN).forEach((source, packages) -> {
      String adapter = packageOf(source).split("\\.")[0];
      if (ADAPTERS.contains(adapter)) {
        packages.stream().map(p -> p.split("\\.")[0])
            .filter(p -> !p.equals(adapter) && (ADAPTERS.contains(p) || p.equals("main") || p.equals("replay")))
            .forEach(p -> found.add(source + " uses " + p));
      }
      if (adapter.equals("replay")) { // the offline replay composes the domain over a scratch store, without Slack
        packages.stream().filter(p -> p.startsWith("slack") || p.startsWith("server"))
            .forEach(p -> found.add(source + " uses " + p));
      }
    });

    assertEquals(List.of(), found, "adapters meet only in main (and replay's scratch store)");
  }

  @Test
  void theSlackFeatures_dependOnEachOtherWithoutACycle() throws IOException {
    Map<String, Set<String>> graph = new TreeMap<>();
    candorPackagesUsed(DOMAIN.resolve("slack")).forEach((source, packages) -> {
      String from = packageOf(source);
      graph.computeIfAbsent(from, k -> new TreeSet<>()).addAll(packages.stream()
          .filter(p -> p.startsWith("slack") && !p.equals(from)).toList());
    });
    assertTrue(graph.keySet().containsAll(List.of("slack.platform", "slack.incident", "slack.timeline",
        "slack.nudge", "slack.followup", "slack.postmortem", "slack.home", "slack.command", "slack.card",
        "slack.catchup")),
        graph.toString());

    assertEquals(List.of(), firstCycle(graph), "the Slack edge's features must not depend on each other in a cycle");
    assertEquals(Set.of(), graph.get("slack.platform"), "slack/platform is below every feature");
  }

  @Test
  void theCycleCheck_findsACycleAndPassesALayering() {
    Map<String, Set<String>> layered = Map.of("a", Set.of("b", "c"), "b", Set.of("c"), "c", Set.of());
    Map<String, Set<String>> cyclic = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"));

    assertEquals(List.of(), firstCycle(layered));
    assertEquals(4, firstCycle(cyclic).size(), firstCycle(cyclic).toString());
  }

  @Test
  void thePackageScan_seesImportsAndWrittenOutNames() {
    Matcher m = CANDOR_PACKAGE.matcher(
        "import dev.candor.slack.platform.SlackGateway; import dev.candor.slack.home.*; dev.candor.store.Jdbc.x();");
    List<String> found = new ArrayList<>();
    while (m.find()) {
      found.add(m.group(1));
    }

    assertEquals(List.of("slack.platform", "slack.home", "store"), found);
  }
}
