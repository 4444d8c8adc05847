package dev.candor.nudge;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Quality on messages written apart from the dev set, from the taxonomy alone (blame-language.md): realistic
 * incident chat covering every category and every none-family, with near misses. The rules were tuned on
 * {@code generalisation-tune.jsonl} (271 messages), so it must meet the same bar as the dev set: blame precision
 * at least 0.95 and recall at least 0.85, self-blame recall at least 0.80.
 *
 * <p>{@code generalisation-holdout.jsonl} (265 messages) is a holdout, measured once before and once after the
 * tuning and never tuned on. It is not asserted here: after the tuning (commit 7e049dc) it met blame precision (0.960) and
 * self-blame recall (0.974) but not blame recall (0.696), and a floor set at whatever it scores would only make
 * it a tuning target. README, "Blame detector quality", has its figures; {@code candor check} prints them.
 */
class GeneralisationQualityTest {

  @Test
  void theTuningSet_meetsTheQualityBar() throws IOException {
    LabelledSet tune = LabelledSet.judged(new BlameDetector(RuleSet.builtIn()), "nudge/generalisation-tune.jsonl");
    System.out.println(tune);
    assertTrue(tune.size >= 250, "the tuning set has " + tune.size + " messages");
    assertTrue(tune.blame.precision() >= 0.95, "blame precision: " + tune);
    assertTrue(tune.blame.recall() >= 0.85, "blame recall: " + tune);
    assertTrue(tune.selfBlame.recall() >= 0.80, "self_blame recall: " + tune);
  }
}
