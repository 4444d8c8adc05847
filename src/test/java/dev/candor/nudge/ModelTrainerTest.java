package dev.candor.nudge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the trainer chooses the model's thresholds on validation. */
class ModelTrainerTest {
  private final List<ModelTrainer.Example> gold = new ArrayList<>();
  private final List<BlameModel.Prediction> predicted = new ArrayList<>();

  private void add(int count, Verdict label, String family, double blame) {
    for (int i = 0; i < count; i++) {
      Category category = label == Verdict.BLAME ? Category.PERSON_AS_CAUSE : null;
      gold.add(new ModelTrainer.Example("v" + gold.size(), "message " + gold.size(), label, category, family));
      predicted.add(new BlameModel.Prediction(blame, 0.01, Category.PERSON_AS_CAUSE));
    }
  }

  /**
   * 200 blame messages, half read at 0.9 and half at 0.75, and 100 none: the model reads three of the 50
   * blameless-framing messages at 0.8. At 0.75 the hybrid would find all the blame at precision 0.985, but by nudging
   * 6% of one hard-negative family; so it speaks from 0.90, where it nudges none of them.
   */
  @Test
  void theModelMayNotBuyRecallWithOneNoneFamily() {
    add(100, Verdict.BLAME, null, 0.9);
    add(100, Verdict.BLAME, null, 0.75);
    add(3, Verdict.NONE, "blameless_framing", 0.8);
    add(47, Verdict.NONE, "blameless_framing", 0.1);
    add(50, Verdict.NONE, "routing_handoff", 0.1);
    List<Verdict> ruled = gold.stream().map(e -> Verdict.NONE).toList();

    Thresholds chosen = ModelTrainer.thresholds(gold, ruled, predicted);

    assertEquals(0.90, chosen.blame(), 1e-9);
    assertEquals(0.06, ModelTrainer.worstFamilyShare(gold, ruled, predicted, Thresholds.both(0.75)), 1e-9);
    assertEquals(0.0, ModelTrainer.worstFamilyShare(gold, ruled, predicted, chosen), 1e-9);
  }

  /** Where the rules already answer a message, the model's reading of it counts against no family. */
  @Test
  void aMessageTheRulesAnswer_isNotTheModelsToAnswerFor() {
    add(3, Verdict.NONE, "blameless_framing", 0.8);
    add(47, Verdict.NONE, "blameless_framing", 0.1);
    List<Verdict> ruled = new ArrayList<>(gold.stream().map(e -> Verdict.NONE).toList());
    for (int i = 0; i < 3; i++) {
      ruled.set(i, Verdict.BLAME);
    }

    assertEquals(0.0, ModelTrainer.worstFamilyShare(gold, ruled, predicted, Thresholds.both(0.75)), 1e-9);
  }
}
