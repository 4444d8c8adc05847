package dev.candor.nudge;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Quality on the labelled development set (a copy of ../shared/data/blame-dev.jsonl, kept in the test resources
 * so the test does not depend on the shared folder): blame precision at least 0.95 and recall at least 0.85,
 * self-blame recall at least 0.80.
 */
class DevSetQualityTest {

  @Test
  void theDevSet_meetsTheQualityBar() throws IOException {
    LabelledSet dev = LabelledSet.judged(new BlameDetector(RuleSet.builtIn()), "nudge/blame-dev.jsonl");
    System.out.println(dev);
    assertTrue(dev.size >= 200, "the dev set has " + dev.size + " messages");
    assertTrue(dev.blame.precision() >= 0.95, "blame precision: " + dev);
    assertTrue(dev.blame.recall() >= 0.85, "blame recall: " + dev);
    assertTrue(dev.selfBlame.recall() >= 0.80, "self_blame recall: " + dev);
  }
}
