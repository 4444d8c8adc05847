package dev.candor.nudge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The validation report's counting: false positives per none family, and the blame the chat gate holds back. */
class ValidationErrorsTest {
  static final List<ModelTrainer.Example> GOLD = List.of(
      new ModelTrainer.Example("a", "the cron job took down the replica", Verdict.NONE, null, "system_as_subject"),
      new ModelTrainer.Example("b", "the deploy broke search", Verdict.NONE, null, "system_as_subject"),
      new ModelTrainer.Example("c", "who is on call?", Verdict.NONE, null, "coordination_question"),
      new ModelTrainer.Example("d", "marcus took down auth", Verdict.BLAME, Category.PERSON_AS_CAUSE),
      new ModelTrainer.Example("e", "We forgot to renew the certificate.", Verdict.NONE, null, "neutral_action_report"));

  @Test
  void countsTheResponsesToEachNoneFamily_andIgnoresTheBlameMessages() {
    Map<String, int[]> families = ValidationErrors.falsePositivesPerFamily(GOLD,
        List.of(Verdict.BLAME, Verdict.NONE, Verdict.SELF_BLAME, Verdict.BLAME, Verdict.NONE));

    assertEquals(List.of("coordination_question", "neutral_action_report", "system_as_subject"),
        List.copyOf(families.keySet()));
    assertArrayEquals(new int[] {1, 2}, families.get("system_as_subject"));
    assertArrayEquals(new int[] {1, 1}, families.get("coordination_question"));
    assertArrayEquals(new int[] {0, 1}, families.get("neutral_action_report"));
  }

  @Test
  void theReport_countsTheModelsOwnFalsePositives_andWhatTheGateHoldsBack() {
    BlameModel.Prediction blame = new BlameModel.Prediction(0.9, 0.01, Category.PERSON_AS_CAUSE);
    java.util.ArrayList<BlameModel.Prediction> predicted = new java.util.ArrayList<>();
    for (int i = 0; i < GOLD.size(); i++) {
      predicted.add(blame);
    }
    List<Verdict> ruled = List.of(Verdict.NONE, Verdict.BLAME, Verdict.NONE, Verdict.NONE, Verdict.NONE);
    List<Boolean> noTarget = List.of(true, false, false, false, true);
    StringWriter text = new StringWriter();

    ValidationErrors.report(new PrintWriter(text, true), "t", GOLD, ruled, predicted, noTarget, Thresholds.both(0.8));

    String report = text.toString();
    assertTrue(report.contains("the model's own false positives (the rules silent): 1"), report);
    assertTrue(report.contains("the model's blame the gate holds back: 2"), report);
    assertTrue(report.contains("system_as_subject          1 / 1 of 2"), report);
    assertTrue(report.contains("neutral_action_report      0 / 0 of 1"), report);
  }
}
