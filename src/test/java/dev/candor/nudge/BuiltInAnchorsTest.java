package dev.candor.nudge;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every pattern and every exception of the built-in rules has anchors ({@link RegexAnchors}): a literal word each
 * match holds. One without would be tried at every position of every message, which is what keeps the detector
 * fast for the messages it judges without finding blame (most of them).
 */
class BuiltInAnchorsTest {

  @Test
  void everyBuiltInPatternAndException_hasAnchors() {
    List<String> without = new ArrayList<>();
    for (Rule rule : RuleSet.builtIn().rules()) {
      check(rule.id() + " pattern ", rule.patterns(), without);
      check(rule.id() + " unless ", rule.unless(), without);
    }
    assertTrue(without.isEmpty(), "tried everywhere, with no literal to anchor on: " + without);
  }

  private static void check(String what, List<Pattern> patterns, List<String> without) {
    for (int i = 0; i < patterns.size(); i++) {
      if (RegexAnchors.of(patterns.get(i)).isEmpty()) {
        without.add(what + i);
      }
    }
  }
}
