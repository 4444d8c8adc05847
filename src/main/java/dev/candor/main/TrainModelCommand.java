package dev.candor.main;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.candor.nudge.BlameDetector;
import dev.candor.nudge.BlameModel;
import dev.candor.nudge.Category;
import dev.candor.nudge.EmbeddingCache;
import dev.candor.nudge.LearnedJudge;
import dev.candor.nudge.ModelTrainer;
import dev.candor.nudge.RuleSet;
import dev.candor.nudge.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code candor train-model CORPUS OUT}: trains the learned blame model from a corpus folder's {@code train.jsonl},
 * chooses its thresholds on {@code validation.jsonl} (the folder's {@code test.jsonl} is never opened), and writes
 * the weights the jar ships ({@code OUT/blame-model.bin.gz}) and the embeddings it trained on
 * ({@code --embeddings}, by default {@code OUT/embeddings.bin.gz}; {@code ShippedModelIT} retrains from them).
 */
@Command(name = "train-model", description = "Train the learned blame model from a corpus folder (train.jsonl, "
    + "validation.jsonl) and write its weights.")
final class TrainModelCommand implements Callable<Integer> {
  static final String WEIGHTS = "blame-model.bin.gz";
  static final String EMBEDDINGS = "embeddings.bin.gz";
  private static final ObjectMapper JSON = new ObjectMapper();
  /**
   * The corpus's writers of written prose rather than chat (its README): sentences of published post-mortems, and
   * the formal register of reviews, retros and emails to leadership. On their validation rows the trainer chooses
   * the model's document threshold.
   */
  static final java.util.Set<String> WRITTEN_REGISTER = java.util.Set.of("w9-postmortems", "w12-formal");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "CORPUS", description = "The folder with train.jsonl and validation.jsonl.")
  Path corpus;

  @Parameters(index = "1", paramLabel = "OUT", description = "Where to write " + WEIGHTS + " and " + EMBEDDINGS + ".")
  Path out;

  @CommandLine.Option(names = "--embeddings", paramLabel = "FILE", description = "Where to write the embeddings "
      + "trained on (default: OUT/" + EMBEDDINGS + ").")
  Path embeddings;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<ModelTrainer.Example> train;
    List<ModelTrainer.Example> validation;
    try {
      train = examples(corpus.resolve("train.jsonl"));
      validation = examples(corpus.resolve("validation.jsonl"));
      Files.createDirectories(out);
    } catch (IOException | IllegalArgumentException e) {
      err.println("candor: " + e.getMessage());
      return Main.USAGE;
    }
    try {
      OfflineStore.quietLogs();
      long start = System.nanoTime();
      E5SmallEncoder encoder = new E5SmallEncoder();
      stdout.printf(Locale.ROOT, "encoder loaded in %.1f s%n", (System.nanoTime() - start) / 1e9);
      stdout.flush();
      List<String> texts = Stream.concat(train.stream(), validation.stream())
          .map(e -> LearnedJudge.modelText(e.text())).filter(t -> !t.isEmpty()).toList();
      start = System.nanoTime();
      Path cachePath = embeddings != null ? embeddings : out.resolve(EMBEDDINGS);
      if (cachePath.getParent() != null) {
        Files.createDirectories(cachePath.getParent());
      }
      try (OutputStream o = Files.newOutputStream(cachePath)) {
        EmbeddingCache.write(encoder, texts, o);
      }
      stdout.printf(Locale.ROOT, "%d messages embedded in %.1f s%n", texts.size(), (System.nanoTime() - start) / 1e9);
      EmbeddingCache cache;
      try (InputStream in = Files.newInputStream(cachePath)) {
        cache = EmbeddingCache.read(in);
      }
      start = System.nanoTime();
      BlameModel model = ModelTrainer.train(train, validation, cache, new BlameDetector(RuleSet.builtIn()));
      stdout.printf(Locale.ROOT, "trained in %.1f s%n", (System.nanoTime() - start) / 1e9);
      Path weights = out.resolve(WEIGHTS);
      try (OutputStream o = Files.newOutputStream(weights)) {
        model.write(o);
      }
      stdout.println(model.figures());
      stdout.printf(Locale.ROOT, "wrote %s (%,d bytes) and %s (%,d bytes)%n", weights, Files.size(weights), cachePath,
          Files.size(cachePath));
      return Main.OK;
    } catch (IOException e) {
      err.println("candor: " + e.getMessage());
      return Main.USAGE;
    }
  }

  /** The labelled messages of a corpus file; a malformed line is an error naming it. */
  static List<ModelTrainer.Example> examples(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("no " + file.getFileName() + " in " + file.getParent());
    }
    List<ModelTrainer.Example> out = new ArrayList<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      String where = file.getFileName() + " line " + (i + 1);
      JsonNode n;
      try {
        n = JSON.readTree(lines.get(i));
      } catch (IOException e) {
        throw new IOException(where + " is not JSON");
      }
      Verdict label = CheckCommand.label(n.get("label"))
          .orElseThrow(() -> new IOException(where + " has no label blame, self_blame or none"));
      Category category = null;
      if (label == Verdict.SELF_BLAME) {
        category = Category.SELF_BLAME;
      } else if (label == Verdict.BLAME) {
        category = Category.parse(n.path("category").asText()).filter(c -> !c.isSelfBlame())
            .orElseThrow(() -> new IOException(where + " is blame without a blame category"));
      }
      String family = label == Verdict.NONE && n.hasNonNull("category") ? n.get("category").asText() : null;
      out.add(new ModelTrainer.Example(n.path("id").asText(where), n.path("text").asText(), label, category,
          family, WRITTEN_REGISTER.contains(n.path("writer").asText())));
    }
    return out;
  }

  /** For tests: the examples of a corpus file, unchecked. */
  static List<ModelTrainer.Example> examplesOf(Path file) {
    try {
      return examples(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
