package dev.candor.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.nudge.BlameDetector;
import dev.candor.nudge.BlameModel;
import dev.candor.nudge.EmbeddingCache;
import dev.candor.nudge.LearnedJudge;
import dev.candor.nudge.ModelTrainer;
import dev.candor.nudge.RuleSet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The weights the jar ships come from the committed corpus: retrained here from train.jsonl (threshold chosen on
 * validation.jsonl; the test split is never opened) over the committed embeddings, they give the same threshold
 * and validation figures, and the same weights; and the committed embeddings are what the encoder gives.
 */
class ShippedModelIT {
  static final Path CORPUS = Path.of("src/test/resources/nudge/corpus");
  static final Path EMBEDDINGS = Path.of("src/test/resources/nudge/model/embeddings.bin.gz");

  static BlameModel shipped() throws IOException {
    try (InputStream in = ShippedModelIT.class.getResourceAsStream(NudgeModel.WEIGHTS)) {
      return BlameModel.read(in);
    }
  }

  static EmbeddingCache cache() throws IOException {
    try (InputStream in = Files.newInputStream(EMBEDDINGS)) {
      return EmbeddingCache.read(in);
    }
  }

  @Test
  void retrainingFromTheCorpus_givesTheShippedModel() throws IOException {
    List<ModelTrainer.Example> train = TrainModelCommand.examplesOf(CORPUS.resolve("train.jsonl"));
    List<ModelTrainer.Example> validation = TrainModelCommand.examplesOf(CORPUS.resolve("validation.jsonl"));
    EmbeddingCache cache = cache();
    Stream.concat(train.stream(), validation.stream()).map(e -> LearnedJudge.modelText(e.text()))
        .filter(t -> !t.isEmpty())
        .forEach(t -> assertTrue(cache.holds(t), "no embedding for \"" + t + "\": run train-model (README)"));

    BlameModel retrained = ModelTrainer.train(train, validation, cache, new BlameDetector(RuleSet.builtIn()));
    BlameModel shipped = shipped();

    ModelTrainer.Figures now = retrained.figures();
    ModelTrainer.Figures then = shipped.figures();
    System.out.println("retrained: " + now);
    assertEquals(then.thresholds(), now.thresholds(), "thresholds");
    assertEquals(then.modelOnlyFindings(), now.modelOnlyFindings(), 2, "the model's own findings on validation");
    for (var pair : List.of(List.of(then.rules(), now.rules()), List.of(then.model(), now.model()),
        List.of(then.hybrid(), now.hybrid()))) {
      ModelTrainer.Score a = pair.get(0);
      ModelTrainer.Score b = pair.get(1);
      assertEquals(a.respondingPrecision(), b.respondingPrecision(), 0.01, "responding precision " + b);
      assertEquals(a.blameRecall(), b.blameRecall(), 0.01, "blame recall " + b);
      assertEquals(a.selfBlameRecall(), b.selfBlameRecall(), 0.01, "self-blame recall " + b);
    }
    assertEquals(shipped.encoder(), retrained.encoder());
    double apart = shipped.largestWeightDifference(retrained);
    assertTrue(apart < 1e-3, "the weights differ by up to " + apart);
  }

  @Test
  void theCommittedEmbeddings_areWhatTheEncoderGives() throws IOException {
    List<ModelTrainer.Example> validation = TrainModelCommand.examplesOf(CORPUS.resolve("validation.jsonl"));
    EmbeddingCache cache = cache();
    E5SmallEncoder encoder = new E5SmallEncoder();
    assertEquals(encoder.name(), cache.name());
    for (int i = 0; i < validation.size(); i += 80) {
      String text = LearnedJudge.modelText(validation.get(i).text());
      if (text.isEmpty()) {
        continue;
      }
      float[] live = encoder.encode(text);
      float[] cached = cache.encode(text);
      double dot = 0;
      double a = 0;
      double b = 0;
      for (int j = 0; j < live.length; j++) {
        dot += live[j] * cached[j];
        a += live[j] * live[j];
        b += cached[j] * cached[j];
      }
      double cosine = dot / Math.sqrt(a * b);
      assertTrue(cosine > 0.999, "cosine " + cosine + " for \"" + text + "\"");
    }
  }
}
