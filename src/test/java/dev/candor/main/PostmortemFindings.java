package dev.candor.main;

import dev.candor.config.BotConfig;
import dev.candor.nudge.BlameDetector;
import dev.candor.nudge.Finding;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reruns the post-mortem evaluation (issue 13, item 7): {@code candor check} on every post-mortem in a folder
 * (default {@link #DEFAULT}, the set read while the detector was tuned; {@link #FRESH} is the independent set, for
 * measuring once; not SOURCES.md or FINDINGS.md), with the detector check uses, loaded once. Prints each finding
 * as a row of FINDINGS.md's table, with the line's words for judging and "deserved" left for the judge, then the
 * count per source. Build and run from the repository's root:
 *
 * <pre>
 * mvn -B -o -q package -DskipTests
 * CANDOR_NUDGE_MODEL=on java -cp target/candor.jar:target/test-classes dev.candor.main.PostmortemFindings
 * CANDOR_NUDGE_MODEL=on java -cp target/candor.jar:target/test-classes dev.candor.main.PostmortemFindings \
 *     src/test/resources/nudge/postmortems-fresh
 * </pre>
 */
public final class PostmortemFindings {
  /** The published post-mortems read while the detector was tuned (FINDINGS.md judges them). */
  static final Path DEFAULT = Path.of("src/test/resources/nudge/postmortems");

  /** Published post-mortems nobody tuning the detector has read: run the detector over them once, at the end. */
  static final Path FRESH = Path.of("src/test/resources/nudge/postmortems-fresh");

  private PostmortemFindings() {}

  public static void main(String[] args) throws IOException {
    Path folder = args.length > 0 ? Path.of(args[0]) : DEFAULT;
    if (args.length > 1) {
      System.err.println("usage: PostmortemFindings [folder of post-mortems]");
      System.exit(2);
    }
    if (!Files.isDirectory(folder)) {
      System.err.println("PostmortemFindings: no folder " + folder);
      System.exit(2);
    }
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    boolean model = BotConfig.nudgeModelFrom(System.getenv());
    if (model) {
      OfflineStore.quietLogs();
    }
    run(folder, CheckCommand.detector(model, out), model, out);
  }

  /** What one run read and found: documents, their lines, and the findings shown. */
  record Totals(int documents, int lines, int findings) {}

  /**
   * Runs {@code check}'s document path with {@code detector} on every post-mortem in {@code folder}, printing the
   * table rows and the count per source to {@code out}.
   */
  static Totals run(Path folder, BlameDetector detector, boolean model, PrintWriter out) throws IOException {
    List<Path> files = postmortems(folder);
    Map<String, int[]> perSource = new TreeMap<>();
    int lines = 0;
    int findings = 0;
    int counted = 0;
    out.println("| file | line | what spoke | category | words | deserved | why |");
    out.println("|---|---|---|---|---|---|---|");
    for (Path file : files) {
      List<String> text = Files.readAllLines(file, StandardCharsets.UTF_8);
      lines += text.size();
      CheckCommand.DocumentReading reading = CheckCommand.readDocument(detector, file, text);
      List<CheckCommand.LineFinding> found = reading.shown();
      findings += found.size();
      counted += reading.counted().size();
      String name = file.getFileName().toString();
      int[] counts = perSource.computeIfAbsent(source(name), s -> new int[2]);
      counts[0]++;
      counts[1] += found.size();
      for (CheckCommand.LineFinding lf : found) {
        Finding f = lf.finding();
        String words = f.fromModel() ? "(the paragraph as a whole) " + text.get(lf.line() - 1).strip() : f.match();
        out.println("| " + name + " | " + lf.line() + " | " + CheckCommand.spoke(f) + " | " + f.category().id()
            + " | " + words.replace("|", "\\|") + " | ? | |");
      }
      for (CheckCommand.LineFinding lf : reading.counted()) {
        out.println("| " + name + " | " + lf.line() + " | " + CheckCommand.spoke(lf.finding()) + ", medium: not shown | "
            + lf.finding().category().id() + " | (the paragraph as a whole) "
            + text.get(lf.line() - 1).strip().replace("|", "\\|") + " | n/a | counted only |");
      }
    }
    out.println();
    out.println("model " + (model ? "on" : "off") + "; " + files.size() + " post-mortems, " + lines + " lines, "
        + findings + " findings" + (counted > 0 ? "; the model alone, medium (counted, not shown): " + counted : ""));
    perSource.forEach((source, c) -> out.println(String.format(Locale.ROOT, "%-22s %2d files %3d findings", source,
        c[0], c[1])));
    out.flush();
    return new Totals(files.size(), lines, findings);
  }

  /** The post-mortems in {@code folder}: every {@code *.md} but SOURCES.md and FINDINGS.md, by name. */
  static List<Path> postmortems(Path folder) throws IOException {
    try (Stream<Path> listed = Files.list(folder)) {
      return listed.filter(f -> f.getFileName().toString().endsWith(".md"))
          .filter(f -> !List.of("SOURCES.md", "FINDINGS.md").contains(f.getFileName().toString())).sorted().toList();
    }
  }

  /** The source a file comes from: its name up to the first dash ({@code dfds}, {@code rust}, …). */
  static String source(String fileName) {
    int dash = fileName.indexOf('-');
    return dash > 0 ? fileName.substring(0, dash) : fileName;
  }
}
