package dev.candor.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps the post-mortem evaluation sets (issue 13, item 7) honest: every document says where it came from and has
 * its row in SOURCES.md, every row names a document, each set stays large and varied enough to measure "9 findings
 * in 10 deserved". The same checks cover both sets: {@link PostmortemFindings#DEFAULT}, read while the detector was
 * tuned, and {@link PostmortemFindings#FRESH}, kept for one independent measurement. The fresh set shares no source
 * with the old one and no sentence with the corpus the detector learns from. {@link PostmortemFindings} runs over
 * the old set only (with the rules alone, so the test stays cheap): no test runs the detector over the fresh one.
 */
class PostmortemSetTest {
  private static final Pattern SOURCE_LINE = Pattern.compile("^<!-- source: (https://\\S+) -->$");
  /** A row of SOURCES.md's table: file, title, organisation, date, licence, URL. */
  private static final Pattern ROW =
      Pattern.compile("^\\| (\\S+\\.md) \\|(.+?)\\| ([^|]+?) \\| ([^|]+?) \\| ([^|]+?) \\| (https://\\S+) \\|$");
  private static final Path CORPUS = Path.of("src/test/resources/nudge/corpus");
  /** Corpus sentences shorter than this are too common ("Thanks for reading!") to say a text was copied. */
  private static final int COPIED_SENTENCE = 40;

  /** Each set with the documents and sources it must at least have. */
  static Stream<Arguments> sets() {
    return Stream.of(Arguments.of(PostmortemFindings.DEFAULT, 80, 15),
        Arguments.of(PostmortemFindings.FRESH, 60, 10));
  }

  @ParameterizedTest
  @MethodSource("sets")
  void everyDocumentNamesItsSourceAndHasItsRow(Path folder) throws IOException {
    Map<String, String> rows = sourceRows(folder);
    List<String> problems = new ArrayList<>();
    for (Path file : PostmortemFindings.postmortems(folder)) {
      String name = file.getFileName().toString();
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      Matcher first = SOURCE_LINE.matcher(lines.isEmpty() ? "" : lines.get(0));
      if (!first.matches()) {
        problems.add(name + ": the first line is not <!-- source: URL -->");
      } else if (!first.group(1).equals(rows.get(name))) {
        problems.add(name + ": no SOURCES.md row with its URL " + first.group(1));
      }
      if (lines.stream().skip(1).allMatch(String::isBlank)) {
        problems.add(name + ": nothing but its source line");
      }
    }
    for (String listed : rows.keySet()) {
      if (!Files.isRegularFile(folder.resolve(listed))) {
        problems.add("SOURCES.md lists " + listed + ", which is not in the set");
      }
    }
    assertEquals(List.of(), problems);
  }

  @ParameterizedTest
  @MethodSource("sets")
  void theSetIsLargeEnoughAndFromManyOrganisations(Path folder, int minDocuments, int minSources) throws IOException {
    List<Path> documents = PostmortemFindings.postmortems(folder);
    Set<String> sources = sources(folder);
    assertTrue(documents.size() >= minDocuments, "at least " + minDocuments + " post-mortems, not " + documents.size());
    assertTrue(sources.size() >= minSources, "at least " + minSources + " sources, not " + sources);
  }

  @Test
  void theFreshSetSharesNoSourceWithTheSetReadWhileTuning() throws IOException {
    Set<String> shared = sources(PostmortemFindings.FRESH);
    shared.retainAll(sources(PostmortemFindings.DEFAULT));
    assertEquals(Set.of(), shared);
  }

  @Test
  void theFreshSetSharesNoSentenceWithTheCorpusTheDetectorLearnsFrom_norWithTheSetReadWhileTuning() throws IOException {
    Set<String> corpus = new HashSet<>();
    ObjectMapper json = new ObjectMapper();
    for (String split : List.of("train.jsonl", "validation.jsonl")) {
      for (String line : Files.readAllLines(CORPUS.resolve(split), StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          JsonNode message = json.readTree(line);
          corpus.addAll(sentences(message.path("text").asText()));
        }
      }
    }
    assertTrue(corpus.size() > 1000, "read the corpus: " + corpus.size() + " sentences");
    int fromCorpus = corpus.size();
    for (Path read : PostmortemFindings.postmortems(PostmortemFindings.DEFAULT)) {
      corpus.addAll(sentences(Files.readString(read, StandardCharsets.UTF_8))); // the same incident told twice
    }
    assertTrue(corpus.size() > fromCorpus + 1000, "read the old set: " + (corpus.size() - fromCorpus) + " sentences");
    List<String> copied = new ArrayList<>();
    for (Path file : PostmortemFindings.postmortems(PostmortemFindings.FRESH)) {
      for (String sentence : sentences(Files.readString(file, StandardCharsets.UTF_8))) {
        if (corpus.contains(sentence)) {
          copied.add(file.getFileName() + ": " + sentence);
        }
      }
    }
    assertEquals(List.of(), copied);
  }

  @Test
  void postmortemFindingsReadsEveryDocumentWithTheRules() throws IOException {
    Path folder = PostmortemFindings.DEFAULT;
    StringWriter printed = new StringWriter();
    PostmortemFindings.Totals totals;
    try (PrintWriter out = new PrintWriter(printed)) {
      totals = PostmortemFindings.run(folder, CheckCommand.detector(false, out), false, out);
    }
    List<Path> documents = PostmortemFindings.postmortems(folder);
    long lines = 0;
    for (Path d : documents) {
      lines += Files.readAllLines(d, StandardCharsets.UTF_8).size();
    }
    assertEquals(documents.size(), totals.documents());
    assertEquals(lines, totals.lines());
    long rows = printed.toString().lines().filter(l -> l.matches("^\\| \\S+\\.md \\| \\d+ \\|.*")).count();
    assertEquals(totals.findings(), rows, "one table row per finding");
    assertTrue(printed.toString().contains("model off; " + documents.size() + " post-mortems, " + lines + " lines"),
        printed.toString());
  }

  /** The sources the documents in {@code folder} come from. */
  private static Set<String> sources(Path folder) throws IOException {
    Set<String> sources = new TreeSet<>();
    PostmortemFindings.postmortems(folder).forEach(d -> sources.add(PostmortemFindings.source(d.getFileName().toString())));
    return sources;
  }

  /** The sentences of {@code text} long enough to show copying, lower case, spaces collapsed. */
  private static List<String> sentences(String text) {
    List<String> sentences = new ArrayList<>();
    for (String sentence : text.toLowerCase(Locale.ROOT).split("(?<=[.!?])\\s+|\\n")) {
      String words = sentence.strip().replaceAll("\\s+", " ");
      if (words.length() >= COPIED_SENTENCE) {
        sentences.add(words);
      }
    }
    return sentences;
  }

  /** SOURCES.md's rows: file to URL, in order; fails on a row that names a file twice. */
  private static Map<String, String> sourceRows(Path folder) throws IOException {
    Map<String, String> rows = new LinkedHashMap<>();
    for (String line : Files.readAllLines(folder.resolve("SOURCES.md"), StandardCharsets.UTF_8)) {
      Matcher row = ROW.matcher(line);
      if (row.matches()) {
        String before = rows.put(row.group(1), row.group(6));
        assertEquals(null, before, "SOURCES.md lists " + row.group(1) + " twice");
      }
    }
    return rows;
  }
}
