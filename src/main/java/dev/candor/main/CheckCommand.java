package dev.candor.main;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.candor.nudge.BlameDetector;
import dev.candor.nudge.Evaluation;
import dev.candor.nudge.Finding;
import dev.candor.nudge.RuleSet;
import dev.candor.nudge.RulesException;
import dev.candor.nudge.Verdict;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
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

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
      description = "A .txt/.md file, or a .jsonl file of messages.")
  Path file;

  @CommandLine.Option(names = "--stats", description = "Print, per rule, how often its nudge was shown, how often "
      + "a medium finding was counted, and how often authors said [Not blame] (from DATABASE_URL).")
  boolean stats;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (stats) {
      return stats(out, err);
    }
    if (file == null) {
      err.println("candor: name a file to check, or use --stats");
      return Main.USAGE;
    }
    BlameDetector detector;
    try {
      detector = new BlameDetector(rules());
    } catch (RulesException | ConfigException e) {
      err.println("candor: " + e.getMessage());
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
    if (isJsonLines(file, lines)) {
      messages(detector, lines, out, err);
    } else {
      document(detector, lines, out);
    }
    return Main.OK;
  }

  private static int stats(PrintWriter out, PrintWriter err) {
    try (OfflineStore store = OfflineStore.open(System.getenv())) {
      var counts = new dev.candor.store.JdbcNudgeStore(store.dataSource()).counts();
      if (counts.isEmpty()) {
        out.println("No nudges yet in " + store.where() + ".");
        return Main.OK;
      }
      out.println(String.format(Locale.ROOT, "%-36s %8s %8s %10s", "rule", "shown", "counted", "not blame"));
      for (var c : counts) {
        out.println(String.format(Locale.ROOT, "%-36s %8d %8d %10d", c.ruleId(), c.shown(), c.counted(), c.notBlame()));
      }
      return Main.OK;
    } catch (OfflineStore.Unavailable e) {
      err.println("candor: " + e.getMessage());
      return Main.USAGE;
    }
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

  /** A document: each line outside code fences, with its number, category and rewrite. */
  private static void document(BlameDetector detector, List<String> lines, PrintWriter out) {
    boolean inFence = false;
    int shown = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.strip().startsWith("```")) {
        inFence = !inFence;
        continue;
      }
      if (inFence) {
        continue;
      }
      for (Finding f : detector.findings(line)) {
        if (!f.shown()) {
          continue;
        }
        shown++;
        out.println((i + 1) + ": " + f.category().id() + " \"" + f.match() + "\" — "
            + (f.category().isSelfBlame() ? "self-blame: support the person, no rewrite" : "try: \"" + f.rewrite() + "\"")
            + " (" + f.ruleId() + ": " + f.reason() + ")");
      }
    }
    out.println(shown + (shown == 1 ? " finding in " : " findings in ") + lines.size() + " lines");
  }

  /** Messages: a verdict line each, then the scores where labels exist. */
  private static void messages(BlameDetector detector, List<String> lines, PrintWriter out, PrintWriter err) {
    Evaluation blame = new Evaluation(Verdict.BLAME);
    Evaluation selfBlame = new Evaluation(Verdict.SELF_BLAME);
    int labelled = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      JsonNode node;
      try {
        node = JSON.readTree(line);
      } catch (IOException e) {
        err.println("candor: line " + (i + 1) + " is not JSON; skipped");
        continue;
      }
      if (node == null || !node.path("text").isTextual()) {
        err.println("candor: line " + (i + 1) + " has no \"text\"; skipped");
        continue;
      }
      List<Finding> findings = detector.findings(node.get("text").asText());
      Verdict verdict = BlameDetector.verdict(findings);
      String id = node.path("id").asText("line " + (i + 1));
      Optional<Verdict> gold = label(node.path("label").asText(null));
      StringBuilder row = new StringBuilder(id).append('\t').append(verdict.label());
      if (gold.isPresent()) {
        labelled++;
        blame.add(gold.get(), verdict);
        selfBlame.add(gold.get(), verdict);
        row.append('\t').append(gold.get() == verdict ? "ok" : "MISS (labelled " + gold.get().label() + ")");
      }
      BlameDetector.shown(findings).ifPresent(f -> row.append('\t').append(f.ruleId()).append(" \"")
          .append(f.match()).append('"'));
      out.println(row);
    }
    if (labelled > 0) {
      out.println("scores over " + labelled + " labelled messages:");
      out.println("  " + blame);
      out.println("  " + selfBlame);
    }
  }

  private static Optional<Verdict> label(String label) {
    if (label == null) {
      return Optional.empty();
    }
    for (Verdict v : Verdict.values()) {
      if (v.label().equals(label)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}
