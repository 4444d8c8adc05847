package dev.candor.nudge;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Quality on the labelled development set (a copy of ../shared/data/blame-dev.jsonl, kept in the test resources
 * so the test does not depend on the shared folder): blame precision at least 0.95 and recall at least 0.85,
 * self-blame recall at least 0.80.
 */
class DevSetQualityTest {

  @Test
  void theDevSet_meetsTheQualityBar() throws IOException {
    BlameDetector detector = new BlameDetector(RuleSet.builtIn());
    Evaluation blame = new Evaluation(Verdict.BLAME);
    Evaluation selfBlame = new Evaluation(Verdict.SELF_BLAME);
    int n = 0;
    StringBuilder misses = new StringBuilder();
    for (JsonNode row : BlameDetectorTest.read("nudge/blame-dev.jsonl")) {
      Verdict gold = Verdict.valueOf(row.get("label").asText().toUpperCase(Locale.ROOT));
      Verdict got = detector.verdict(row.get("text").asText());
      blame.add(gold, got);
      selfBlame.add(gold, got);
      n++;
      if (got != gold) {
        misses.append("\n  ").append(row.path("id").asText()).append(": ").append(got.label()).append(" (labelled ")
            .append(gold.label()).append(") ").append(row.get("text").asText().replace("\n", " \\n "));
      }
    }
    System.out.println("blame-dev.jsonl, " + n + " messages:\n  " + blame + "\n  " + selfBlame + misses);
    assertTrue(n >= 200, "the dev set has " + n + " messages");
    assertTrue(blame.precision() >= 0.95, "blame precision: " + blame + misses);
    assertTrue(blame.recall() >= 0.85, "blame recall: " + blame + misses);
    assertTrue(selfBlame.recall() >= 0.80, "self_blame recall: " + selfBlame + misses);
  }
}
