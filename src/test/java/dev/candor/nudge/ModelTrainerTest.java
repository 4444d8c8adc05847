package dev.candor.nudge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the trainer chooses the model's thresholds on validation. */
class ModelTrainerTest {
  private final List<ModelTrainer.Example> gold = new ArrayList<>();
  private final List<BlameModel.Prediction> predicted = new ArrayList<>();

  private final List<String> texts = new ArrayList<>();
  private final List<Boolean> noTarget = new ArrayList<>();

  private void add(int count, Verdict label, String family, double blame) {
    add(count, label, family, blame, 0.01, false, "message");
  }

  private void add(int count, Verdict label, String family, double blame, double selfBlame, boolean written,
      String text) {
    for (int i = 0; i < count; i++) {
      Category category = label == Verdict.BLAME ? Category.PERSON_AS_CAUSE
          : label == Verdict.SELF_BLAME ? Category.SELF_BLAME : null;
      gold.add(new ModelTrainer.Example("v" + gold.size(), text + " " + gold.size(), label, category, family,
          written));
      texts.add(text + " " + texts.size());
      predicted.add(new BlameModel.Prediction(blame, selfBlame, Category.PERSON_AS_CAUSE));
      noTarget.add(false);
    }
  }

  /** The messages of the next two tests (see the first); the rules silent on all. */
  private List<Verdict> blameAndThreeBlamelessFramingsReadAt08() {
    add(100, Verdict.BLAME, null, 0.9);
    add(100, Verdict.BLAME, null, 0.75);
    add(3, Verdict.NONE, "blameless_framing", 0.8);
    add(47, Verdict.NONE, "blameless_framing", 0.1);
    add(50, Verdict.NONE, "routing_handoff", 0.1);
    List<Verdict> ruled = gold.stream().map(e -> Verdict.NONE).toList();
    return ruled;
  }

  /**
   * 200 blame messages, half read at 0.9 and half at 0.75, and 100 none: the model reads three of the 50
   * blameless-framing messages at 0.8. At 0.75 the hybrid would find all the blame at precision 0.985, but by nudging
   * 6% of one hard-negative family; so it speaks from 0.90, where it nudges none of them.
   */
  @Test
  void theModelMayNotBuyRecallWithOneNoneFamily() {
    List<Verdict> ruled = blameAndThreeBlamelessFramingsReadAt08();

    Thresholds chosen = ModelTrainer.thresholds(gold, ruled, predicted, noTarget);

    assertEquals(0.90, chosen.blame(), 1e-9);
    assertEquals(0.06, ModelTrainer.worstFamilyShare(gold, ruled, predicted, noTarget, Thresholds.both(0.75)), 1e-9);
    assertEquals(0.0, ModelTrainer.worstFamilyShare(gold, ruled, predicted, noTarget, chosen), 1e-9);
  }

  /**
   * The thresholds are chosen with the chat target gate in place: the same three none messages read at 0.8, when
   * they refer to their author alone ("we forgot to renew the cert"), get no blame from the model, so they no longer
   * hold the threshold up, and the hybrid finds all the blame from 0.75.
   */
  @Test
  void messagesWithNoTarget_areNotBlameFromTheModel_whenTheThresholdsAreChosen() {
    List<Verdict> ruled = blameAndThreeBlamelessFramingsReadAt08();
    for (int i = 200; i < 203; i++) {
      noTarget.set(i, true);
    }

    Thresholds chosen = ModelTrainer.thresholds(gold, ruled, predicted, noTarget);

    assertEquals(0.75, chosen.blame(), 1e-9);
    assertEquals(0.0, ModelTrainer.worstFamilyShare(gold, ruled, predicted, noTarget, chosen), 1e-9);
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

    assertEquals(0.0, ModelTrainer.worstFamilyShare(gold, ruled, predicted, noTarget, Thresholds.both(0.75)), 1e-9);
  }

  /**
   * 100 self-blame messages read at 0.9 and 100 at 0.6, beside 400 none; the model reads two trivial apologies
   * ("my bad, wrong channel") as self-blame at 0.7. Precision (2 wrong of 202) and the family share (2 of 100) would
   * allow 0.6, but a supportive note on a chat-level apology is what self-blame is not: the self-blame threshold goes
   * above 0.7 (to 0.9, the highest that finds as much).
   */
  @Test
  void theSelfBlameThreshold_isAboveEveryTrivialApologyTheModelReadsAsSelfBlame() {
    add(100, Verdict.SELF_BLAME, null, 0.01, 0.9, false, "self");
    add(100, Verdict.SELF_BLAME, null, 0.01, 0.6, false, "self");
    add(2, Verdict.NONE, "trivial_apology_or_task", 0.01, 0.7, false, "apology");
    add(98, Verdict.NONE, "trivial_apology_or_task", 0.01, 0.1, false, "apology");
    add(300, Verdict.NONE, "routing_handoff", 0.01, 0.05, false, "handoff");
    List<Verdict> ruled = gold.stream().map(e -> Verdict.NONE).toList();

    assertEquals(0.7, ModelTrainer.selfBlameFloor(gold, ruled, predicted), 1e-9);
    assertEquals(0.9, ModelTrainer.thresholds(gold, ruled, predicted, noTarget).selfBlame(), 1e-9);
  }

  /**
   * In a document the model speaks only above the lowest threshold at which it answers no written-register none
   * message whose target it has: a written none message with someone to blame read at 0.86 sets it to 0.87; one
   * read at 0.95 with no one but the writers ("we") is kept silent by the target gate and does not count.
   */
  @Test
  void theDocumentThreshold_isAboveEveryWrittenNoneMessageWithATarget() {
    add(50, Verdict.BLAME, null, 0.95, 0.01, true, "The engineer skipped the review");
    add(1, Verdict.NONE, "blameless_framing", 0.86, 0.01, true, "The reviewer did nothing unusual");
    add(1, Verdict.NONE, "postmortem_prose", 0.95, 0.01, true, "We never shipped it");
    add(1, Verdict.NONE, "routing_handoff", 0.97, 0.01, false, "chat is not a document, the engineer said");
    List<Verdict> ruled = gold.stream().map(e -> Verdict.NONE).toList();
    Thresholds chat = new Thresholds(0.75, 0.6);

    assertEquals(0.87, ModelTrainer.documentThreshold(gold, ruled, predicted, texts, chat), 1e-9);
    assertEquals(0.75, ModelTrainer.documentThreshold(gold.subList(52, 53), ruled.subList(52, 53),
        predicted.subList(52, 53), texts.subList(52, 53), chat), 1e-9, "no written prose: the chat threshold");
  }
}
