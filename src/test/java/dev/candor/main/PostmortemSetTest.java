package dev.candor.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the post-mortem evaluation set (issue 13, item 7) honest: every document says where it came from and has
 * its row in SOURCES.md, every row names a document, the set stays large and varied enough to measure "9 findings
 * in 10 deserved", and {@link PostmortemFindings} runs over all of it (with the rules alone, so the test stays cheap).
 */
class PostmortemSetTest {
  private static final Path FOLDER = PostmortemFindings.DEFAULT;
  private static final Pattern SOURCE_LINE = Pattern.compile("^<!-- source: (https://\\S+) -->$");
  /** A row of SOURCES.md's table: file, title, organisation, date, licence, URL. */
  private static final Pattern ROW =
      Pattern.compile("^\\| (\\S+\\.md) \\|(.+?)\\| ([^|]+?) \\| ([^|]+?) \\| ([^|]+?) \\| (https://\\S+) \\|$");

  @Test
  void everyDocumentNamesItsSourceAndHasItsRow() throws IOException {
    Map<String, String> rows = sourceRows();
    List<String> problems = new ArrayList<>();
    for (Path file : PostmortemFindings.postmortems(FOLDER)) {
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
      if (!Files.isRegularFile(FOLDER.resolve(listed))) {
        problems.add("SOURCES.md lists " + listed + ", which is not in the set");
      }
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void theSetIsLargeEnoughAndFromManyOrganisations() throws IOException {
    List<Path> documents = PostmortemFindings.postmortems(FOLDER);
    Set<String> sources = new TreeSet<>();
    documents.forEach(d -> sources.add(PostmortemFindings.source(d.getFileName().toString())));
    assertTrue(documents.size() >= 80, "at least 80 post-mortems, not " + documents.size());
    assertTrue(sources.size() >= 15, "at least 15 sources, not " + sources);
  }

  @Test
  void postmortemFindingsReadsEveryDocumentWithTheRules() throws IOException {
    StringWriter printed = new StringWriter();
    PostmortemFindings.Totals totals;
    try (PrintWriter out = new PrintWriter(printed)) {
      totals = PostmortemFindings.run(FOLDER, CheckCommand.detector(false, out), false, out);
    }
    List<Path> documents = PostmortemFindings.postmortems(FOLDER);
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

  /** SOURCES.md's rows: file to URL, in order; fails on a row that names a file twice. */
  private static Map<String, String> sourceRows() throws IOException {
    Map<String, String> rows = new LinkedHashMap<>();
    for (String line : Files.readAllLines(FOLDER.resolve("SOURCES.md"), StandardCharsets.UTF_8)) {
      Matcher row = ROW.matcher(line);
      if (row.matches()) {
        String before = rows.put(row.group(1), row.group(6));
        assertEquals(null, before, "SOURCES.md lists " + row.group(1) + " twice");
      }
    }
    return rows;
  }
}
