package dev.candor.nudge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the shipped model errs on the corpus's validation split (never a test split), in seconds rather than a
 * retrain: the thresholds the trainer chooses without and with the chat target gate ({@link LearnedJudge#noTarget}),
 * the scores of the rules, the model and the hybrid, the false positives per none family (rules alone / hybrid), each
 * of the model's own false positives, and the model's blame the gate holds back, for reading. It reads the shipped
 * weights and the committed embeddings, so it needs no encoder and no fit (the gate changes only what the
 * probabilities come to, not the weights). From the repository's root:
 *
 * <pre>
 * mvn -B -o -q package -DskipTests
 * java -cp target/candor.jar:target/test-classes dev.candor.nudge.ValidationErrors
 * </pre>
 */
public final class ValidationErrors {
  static final Path VALIDATION = Path.of("src/test/resources/nudge/corpus/validation.jsonl");
  static final Path EMBEDDINGS = Path.of("src/test/resources/nudge/model/embeddings.bin.gz");
  static final Path WEIGHTS = Path.of("src/main/resources/nudge/model/blame-model.bin.gz");
  private static final ObjectMapper JSON = new ObjectMapper();

  private ValidationErrors() {}

  public static void main(String[] args) throws IOException {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    BlameModel model;
    try (InputStream in = Files.newInputStream(WEIGHTS)) {
      model = BlameModel.read(in);
    }
    EmbeddingCache cache;
    try (InputStream in = Files.newInputStream(EMBEDDINGS)) {
      cache = EmbeddingCache.read(in);
    }
    List<ModelTrainer.Example> gold = examples(VALIDATION);
    BlameDetector rules = new BlameDetector(RuleSet.builtIn());
    List<Verdict> ruled = new ArrayList<>();
    List<BlameModel.Prediction> predicted = new ArrayList<>();
    List<Boolean> noTarget = new ArrayList<>();
    List<Boolean> ungated = new ArrayList<>();
    for (ModelTrainer.Example e : gold) {
      ruled.add(rules.verdict(e.text()));
      String t = LearnedJudge.modelText(e.text());
      predicted.add(!t.isEmpty() && PersonReference.mayBlame(t)
          ? model.predict(cache.encode(t), t).without(rules.modelHeldBack(e.text())) : null);
      noTarget.add(LearnedJudge.noTarget(Prose.of(e.text())));
      ungated.add(false);
    }
    out.println("shipped thresholds: " + model.thresholds());
    report(out, "without the chat target gate", gold, ruled, predicted, ungated,
        ModelTrainer.thresholds(gold, ruled, predicted, ungated));
    report(out, "with the chat target gate", gold, ruled, predicted, noTarget,
        ModelTrainer.thresholds(gold, ruled, predicted, noTarget));
  }

  static void report(PrintWriter out, String title, List<ModelTrainer.Example> gold, List<Verdict> ruled,
      List<BlameModel.Prediction> predicted, List<Boolean> noTarget, Thresholds t) {
    List<Verdict> hybrid = new ArrayList<>();
    List<Verdict> modelOnly = new ArrayList<>();
    List<String> own = new ArrayList<>();
    List<String> heldBack = new ArrayList<>();
    for (int i = 0; i < gold.size(); i++) {
      BlameModel.Prediction p = predicted.get(i);
      Verdict m = p == null ? Verdict.NONE : LearnedJudge.chatVerdict(p, noTarget.get(i), t);
      modelOnly.add(m);
      hybrid.add(ruled.get(i) != Verdict.NONE ? ruled.get(i) : m);
      ModelTrainer.Example e = gold.get(i);
      String line = p == null ? "" : String.format(Locale.ROOT, "  %-24s %s b=%.2f s=%.2f %s | %s",
          e.family() != null ? e.family() : e.label().label(), e.id(), p.blame(), p.selfBlame(), p.category(),
          e.text().replace('\n', ' '));
      if (e.label() == Verdict.NONE && ruled.get(i) == Verdict.NONE && m != Verdict.NONE) {
        own.add(line);
      }
      if (ruled.get(i) == Verdict.NONE && p != null && p.verdict(t) == Verdict.BLAME && m != Verdict.BLAME) {
        heldBack.add((e.label() == Verdict.NONE ? "saved " : "lost  ") + line);
      }
    }
    out.println();
    out.println("== " + title + ": thresholds " + t);
    out.println("  rules   " + ModelTrainer.Score.of(gold, ruled));
    out.println("  model   " + ModelTrainer.Score.of(gold, modelOnly));
    out.println("  hybrid  " + ModelTrainer.Score.of(gold, hybrid));
    out.println("  false positives per none family, rules alone / hybrid, of the family's messages:");
    Map<String, int[]> rulesPerFamily = falsePositivesPerFamily(gold, ruled);
    falsePositivesPerFamily(gold, hybrid).forEach((f, c) -> out.printf(Locale.ROOT, "    %-26s %d / %d of %d%n", f,
        rulesPerFamily.get(f)[0], c[0], c[1]));
    out.println("  the model's own false positives (the rules silent): " + own.size());
    own.forEach(out::println);
    out.println("  the model's blame the gate holds back: " + heldBack.size());
    heldBack.forEach(out::println);
  }

  /** Per none family (sorted): how many of its messages got a response, and how many it has. */
  static Map<String, int[]> falsePositivesPerFamily(List<ModelTrainer.Example> gold, List<Verdict> judged) {
    Map<String, int[]> families = new TreeMap<>();
    for (int i = 0; i < gold.size(); i++) {
      ModelTrainer.Example e = gold.get(i);
      if (e.label() == Verdict.NONE) {
        int[] c = families.computeIfAbsent(String.valueOf(e.family()), f -> new int[2]);
        c[0] += judged.get(i) != Verdict.NONE ? 1 : 0;
        c[1]++;
      }
    }
    return families;
  }

  static List<ModelTrainer.Example> examples(Path file) throws IOException {
    List<ModelTrainer.Example> out = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode n = JSON.readTree(line);
      Verdict label = Verdict.valueOf(n.get("label").asText().toUpperCase(Locale.ROOT));
      Category category = label == Verdict.SELF_BLAME ? Category.SELF_BLAME
          : label == Verdict.BLAME ? Category.parse(n.get("category").asText()).orElseThrow() : null;
      String family = label == Verdict.NONE ? n.get("category").asText() : null;
      String writer = n.path("writer").asText();
      out.add(new ModelTrainer.Example(n.get("id").asText(), n.get("text").asText(), label, category, family,
          writer.equals("w9-postmortems") || writer.equals("w12-formal")));
    }
    return out;
  }
}
