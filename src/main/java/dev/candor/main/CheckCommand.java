package dev.candor.main;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.candor.config.BotConfig;
import dev.candor.config.ConfigException;
import dev.candor.nudge.BlameDetector;
import dev.candor.nudge.DocumentProse;
import dev.candor.nudge.Finding;
import dev.candor.nudge.NudgeStore;
import dev.candor.nudge.RuleSet;
import dev.candor.nudge.RulesException;
import dev.candor.nudge.Verdict;
import dev.candor.store.JdbcNudgeStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code candor check <file>}: blame findings in a text or Markdown file (a written post-mortem, say),
 * line by line; or, for JSON Lines of {@code {"text": …, "label": …}}, a verdict per message and, where
 * labels exist, precision, recall and F1 for blame and for self-blame.
 */
@Command(name = "check", description = "Find blame language in a text or Markdown file, or score a JSON Lines file "
    + "of {\"text\", \"label\"} messages.")
final class CheckCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BYTE_ORDER_MARK = "\uFEFF";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
      description = "A .txt/.md file, or a .jsonl file of messages.")
  Path file;

  @CommandLine.Option(names = "--stats", description = "Print, per rule and per category of the learned model, how "
      + "often its nudge was shown, how often a medium finding was counted, and how often authors said [Not blame] "
      + "(from DATABASE_URL).")
  boolean stats;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (stats && file != null) {
      err.println("candor: --stats reads the counts in DATABASE_URL and takes no file; run check " + file
          + " and check --stats one at a time");
      return Main.USAGE;
    }
    if (stats) {
      return stats(out, err);
    }
    if (file == null) {
      err.println("candor: name a file to check, or use --stats");
      return Main.USAGE;
    }
    BlameDetector detector;
    try {
      boolean model = BotConfig.nudgeModelFrom(System.getenv());
      if (model) {
        OfflineStore.quietLogs(); // what check prints is its report; the encoder's libraries log as they load
      }
      detector = detector(model, err);
    } catch (RulesException | ConfigException e) {
      err.println("candor: " + e.getMessage());
      return Main.USAGE;
    }
    if (Files.isDirectory(file)) {
      err.println("candor: " + file + " is a directory; name a file in it");
      return Main.USAGE;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (MalformedInputException e) {
      err.println("candor: " + file + " is not UTF-8 text");
      return Main.USAGE;
    } catch (IOException e) {
      err.println("candor: cannot read " + file + " (" + (Files.exists(file) ? "not readable" : "no such file") + ")");
      return Main.USAGE;
    }
    if (!lines.isEmpty() && lines.get(0).startsWith(BYTE_ORDER_MARK)) {
      lines.set(0, lines.get(0).substring(1));
    }
    if (lines.stream().allMatch(String::isBlank)) {
      out.println(file + " is empty: nothing to check");
      return Main.OK;
    }
    if (isJsonLines(file, lines)) {
      return messages(detector, file, lines, out, err);
    }
    document(detector, file, lines, out);
    return Main.OK;
  }

  private static int stats(PrintWriter out, PrintWriter err) {
    try (OfflineStore store = OfflineStore.openWithoutKey(System.getenv())) {
      var counts = new JdbcNudgeStore(store.dataSource()).counts();
      if (counts.isEmpty()) {
        out.println("No nudges yet in " + store.where() + ".");
        return Main.OK;
      }
      var byModel = counts.stream().collect(Collectors.partitioningBy(c -> Finding.isModel(c.ruleId())));
      table(out, "rule", byModel.get(false));
      if (!byModel.get(false).isEmpty() && !byModel.get(true).isEmpty()) {
        out.println();
      }
      table(out, "learned model, by category", byModel.get(true));
      return Main.OK;
    } catch (OfflineStore.Unavailable e) {
      err.println("candor: " + e.getMessage());
      return Main.USAGE;
    }
  }

  /** The counts of rules, or of the model's categories ({@code model-culprit-hunt}), under a heading; none, nothing. */
  private static void table(PrintWriter out, String heading, List<NudgeStore.RuleCount> counts) {
    if (counts.isEmpty()) {
      return;
    }
    out.println(String.format(Locale.ROOT, "%-36s %8s %8s %10s", heading, "shown", "counted", "not blame"));
    for (var c : counts) {
      out.println(String.format(Locale.ROOT, "%-36s %8d %8d %10d", c.ruleId(), c.shown(), c.counted(), c.notBlame()));
    }
  }

  /** The detector {@code check} uses: the built-in rules (and a team's), with the learned model when it is on. */
  static BlameDetector detector(boolean model, PrintWriter err) {
    return new BlameDetector(rules(), model ? NudgeModel.awaited(w -> warn(err, w)) : Optional::empty);
  }

  private static RuleSet rules() {
    Optional<String> team = Optional.ofNullable(System.getenv("CANDOR_NUDGE_RULES")).filter(s -> !s.isBlank());
    return team.map(t -> RuleSet.builtInAnd(Path.of(t))).orElseGet(RuleSet::builtIn);
  }

  private static boolean isJsonLines(Path file, List<String> lines) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
      return true;
    }
    if (name.endsWith(".md") || name.endsWith(".txt") || name.endsWith(".markdown")) {
      return false;
    }
    return lines.stream().filter(l -> !l.isBlank()).findFirst().map(l -> l.strip().startsWith("{")).orElse(false);
  }

  /**
   * A document: each line of its prose ({@link DocumentProse}: no front matter, code or HTML comments), with its
   * number, category and rewrite.
   */
  private static void document(BlameDetector detector, Path file, List<String> lines, PrintWriter out) {
    DocumentReading reading = readDocument(detector, file, lines);
    List<LineFinding> found = reading.shown();
    for (LineFinding lf : found) {
      Finding f = lf.finding();
      out.println(lf.line() + ": " + f.category().id() + " " + (f.fromModel() ? "(the paragraph as a whole)"
          : "\"" + f.match() + "\"") + " — "
          + (f.category().isSelfBlame() ? "self-blame: support the person, no rewrite" : "try: \"" + f.rewrite() + "\"")
          + " (" + spoke(f) + (f.reason().isEmpty() ? "" : ": " + f.reason()) + ")");
    }
    out.println(found.size() + (found.size() == 1 ? " finding in " : " findings in ") + lines.size()
        + (lines.size() == 1 ? " line" : " lines"));
    if (!reading.counted().isEmpty()) {
      Map<String, Integer> perCategory = new TreeMap<>();
      reading.counted().forEach(lf -> perCategory.merge(lf.finding().category().id(), 1, Integer::sum));
      out.println("the learned model alone, at medium sureness in a document (counted, not shown): "
          + perCategory.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
    }
  }

  /** A finding on a line of a document (numbered from 1). */
  record LineFinding(int line, Finding finding) {}

  /** A document read: the findings a person is shown, and the medium ones (the learned model's alone), counted. */
  record DocumentReading(List<LineFinding> shown, List<LineFinding> counted) {}

  /**
   * The shown findings of a document's prose, as {@code check FILE} prints them: the rules line by line; then, in
   * each paragraph where no rule spoke, the whole detector on the paragraph read whole (a sentence wrapped over
   * lines is one sentence), a rule's finding on the line its words start, the model's (under its stricter document
   * threshold and target gate) on the paragraph's first line. A title (a Markdown heading) is a few words, not a message: the rules read it, the model does not.
   */
  static List<LineFinding> documentFindings(BlameDetector detector, Path file, List<String> lines) {
    return readDocument(detector, file, lines).shown();
  }

  /** {@link #documentFindings}, with the medium findings of the model alone, each on its paragraph's first line. */
  static DocumentReading readDocument(BlameDetector detector, Path file, List<String> lines) {
    boolean markdown = isMarkdown(file);
    List<String> prose = DocumentProse.of(lines, markdown);
    List<LineFinding> found = new ArrayList<>();
    List<LineFinding> counted = new ArrayList<>();
    for (DocumentProse.Paragraph p : DocumentProse.paragraphs(prose, markdown)) {
      int before = found.size();
      for (int i = p.first(); i <= p.last(); i++) {
        for (Finding f : detector.ruleFindings(prose.get(i))) {
          if (f.shown()) {
            found.add(new LineFinding(i + 1, f));
          }
        }
      }
      if (found.size() > before || p.title()) {
        continue;
      }
      String text = p.text(prose);
      for (Finding f : detector.documentFindings(text)) {
        if (f.shown()) {
          int at = f.fromModel() ? -1 : text.indexOf(f.match());
          found.add(new LineFinding((at < 0 ? p.first() : p.lineAt(prose, at)) + 1, f));
        } else if (f.fromModel()) {
          counted.add(new LineFinding(p.first() + 1, f));
        }
      }
    }
    found.sort(java.util.Comparator.comparingInt(LineFinding::line));
    return new DocumentReading(found, counted);
  }

  /** Markdown by its name ({@code .md}, {@code .markdown}); a {@code .txt} or other file is plain text. */
  private static boolean isMarkdown(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".md") || name.endsWith(".markdown");
  }

  /**
   * Messages: a verdict line each, then the scores where labels exist. A line that cannot be read is skipped
   * with a warning, and an unknown label is a warning too (that message counts as unlabelled). Exit 0, or 2 when
   * no line at all could be read.
   */
  private static int messages(BlameDetector detector, Path file, List<String> lines, PrintWriter out,
      PrintWriter err) {
    LabelScore blame = new LabelScore(Verdict.BLAME);
    LabelScore selfBlame = new LabelScore(Verdict.SELF_BLAME);
    int judged = 0;
    int labelled = 0;
    int skipped = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      JsonNode node;
      try {
        node = JSON.readTree(line);
      } catch (IOException e) {
        warn(err, "line " + (i + 1) + " is not JSON; skipped");
        skipped++;
        continue;
      }
      if (node == null || !node.path("text").isTextual()) {
        warn(err, "line " + (i + 1) + (node != null && node.hasNonNull("text") ? "'s \"text\" is not a string; skipped"
            : " has no \"text\"; skipped"));
        skipped++;
        continue;
      }
      List<Finding> findings = detector.findings(node.get("text").asText());
      Verdict verdict = BlameDetector.verdict(findings);
      judged++;
      String id = node.path("id").asText("line " + (i + 1));
      Optional<Verdict> gold = label(node.get("label"));
      if (gold.isEmpty() && node.hasNonNull("label")) {
        warn(err, "line " + (i + 1) + " has the label " + node.get("label") + ", not blame, self_blame or none; "
            + "counted as unlabelled");
      }
      StringBuilder row = new StringBuilder(id).append('\t').append(verdict.label());
      if (gold.isPresent()) {
        labelled++;
        blame.add(gold.get(), verdict);
        selfBlame.add(gold.get(), verdict);
        row.append('\t').append(gold.get() == verdict ? "ok" : "MISS (labelled " + gold.get().label() + ")");
      }
      BlameDetector.shown(findings).ifPresent(f -> row.append('\t').append(spoke(f))
          .append(f.fromModel() ? "" : " \"" + f.match() + "\""));
      out.println(row);
    }
    if (judged == 0) {
      out.flush();
      err.println("candor: no message in " + file + " could be read (" + skipped
          + (skipped == 1 ? " line" : " lines") + " skipped); each line should be {\"text\": ..., \"label\": ...}");
      return Main.USAGE;
    }
    if (labelled > 0) {
      out.println("scores over " + labelled + " labelled " + (labelled == 1 ? "message" : "messages")
          + (labelled < judged ? " (of " + judged + " judged)" : "") + ":");
      out.println("  " + blame);
      out.println("  " + selfBlame);
    } else {
      out.println(judged + (judged == 1 ? " message" : " messages")
          + " judged; none is labelled blame, self_blame or none, so there are no scores");
    }
    return Main.OK;
  }

  /** Which part spoke: the rule's id, or the model with its probability ({@code model-culprit-hunt p=0.93}). */
  static String spoke(Finding f) {
    return f.ruleId() + (f.fromModel() ? String.format(Locale.ROOT, " p=%.2f", f.probability().getAsDouble()) : "");
  }

  private static void warn(PrintWriter err, String line) {
    err.println("candor: warning: " + line);
    err.flush();
  }

  /** {@code blame}, {@code self_blame} or {@code none} in any case ({@code self-blame} too); anything else is empty. */
  static Optional<Verdict> label(JsonNode label) {
    if (label == null || !label.isTextual()) {
      return Optional.empty();
    }
    String text = label.asText().strip().replace('-', '_');
    for (Verdict v : Verdict.values()) {
      if (v.label().equalsIgnoreCase(text)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}
