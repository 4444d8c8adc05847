package dev.candor.nudge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.Test;

/**
 * For thousands of random expressions built from the constructs rules use (literals, classes, alternations,
 * optional parts, bounded, unbounded, lazy and possessive repetitions, lookarounds, {@code \b}, {@code ^}, inline
 * flags, code points outside the BMP, letters that fold to ASCII ones) and random texts made of the pieces they
 * look for: the first match {@link MessageScan} finds, trying the expression only where its anchors allow, is the
 * one {@code find()} finds, start and end.
 */
class AnchoredFindPropertyTest {
  private static final String[] WORDS = {"who", "broke", "the", "team", "sorry", "i", "'s", "’", "🙄", "k", "it", "on me"};
  private static final String[] CLASSES = {"[a-z]", "\\w", "\\s", "[^.]", "['’]", "\\d", ".", "[-a-c ]", "\\S"};
  private static final String[] TEXT = {"who ", "broke ", "the ", "team ", "sorry", "I ", "'s ", "’", "🙄", "\u212A",
      "\u017F", "  ", "\n", ". ", "x", "a", "1", "it ", "on me", "WHO", "Team", "-", "k", "s"};

  @Test
  void randomExpressions_findTheSameFirstMatch_whereverTheyAreTried() {
    Random random = new Random(11);
    int anchored = 0;
    int matched = 0;
    int expressions = 1_500;
    for (int e = 0; e < expressions; e++) {
      String regex = (random.nextInt(3) == 0 ? "(?-u)" : "") + sequence(random, 2);
      Pattern pattern;
      try {
        pattern = Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
      } catch (PatternSyntaxException invalid) {
        continue; // (a lookbehind without a bounded length, say)
      }
      Rule rule = new Rule("r", Category.CULPRIT_HUNT, Rule.Sureness.HIGH, List.of(pattern), List.of(), "s", "n", false,
          Set.of());
      RuleIndex index = new RuleIndex(List.of(rule));
      if (index.anchors[0] != null) {
        anchored++;
      }
      for (int t = 0; t < 12; t++) {
        String text = text(random);
        MessageScan scan = new MessageScan(index, text);
        Matcher m = pattern.matcher(text);
        boolean found = m.find();
        int start = scan.find(0);
        assertEquals(found ? m.start() : -1, start, () -> regex + " in [" + text + "]");
        if (found) {
          matched++;
          assertEquals(m.end(), scan.end(0), () -> regex + " in [" + text + "]");
        }
      }
    }
    assertTrue(anchored > expressions / 4, "only " + anchored + " expressions had anchors: the test would prove little");
    assertTrue(matched > expressions, "only " + matched + " matches: the texts do not exercise the expressions");
  }

  private static String sequence(Random random, int depth) {
    StringBuilder b = new StringBuilder();
    int n = 1 + random.nextInt(4);
    for (int i = 0; i < n; i++) {
      b.append(item(random, depth));
    }
    return b.toString();
  }

  private static String item(Random random, int depth) {
    int kind = random.nextInt(depth > 0 ? 14 : 6);
    String atom = switch (kind) {
      case 0, 1, 2 -> WORDS[random.nextInt(WORDS.length)];
      case 3, 4 -> CLASSES[random.nextInt(CLASSES.length)];
      case 5 -> " ";
      case 6 -> "(?:" + sequence(random, depth - 1) + "|" + sequence(random, depth - 1) + ")";
      case 7 -> "(?:" + sequence(random, depth - 1) + ")";
      case 8 -> "\\b";
      case 9 -> "(?=" + sequence(random, depth - 1) + ")";
      case 10 -> "(?!" + sequence(random, depth - 1) + ")";
      case 11 -> "(?<=" + WORDS[random.nextInt(WORDS.length)] + (random.nextBoolean() ? " " : "") + ")";
      case 12 -> random.nextBoolean() ? "^" : "(?<![a-z])";
      default -> "(" + sequence(random, depth - 1) + ")";
    };
    // Repetitions of plain words and classes only, or an optional group: nested repetitions can take find()
    // exponential time, which is not what is tested here.
    if (kind > 5) {
      return random.nextInt(4) == 0 ? "(?:" + atom + ")?" : atom;
    }
    return switch (random.nextInt(9)) {
      case 0 -> "(?:" + atom + ")?";
      case 1 -> "(?:" + atom + ")*";
      case 2 -> "(?:" + atom + ")+";
      case 3 -> "(?:" + atom + "){1,3}";
      case 4 -> "(?:" + atom + "){0,4}?";
      case 5 -> "(?:" + atom + ")++";
      default -> atom;
    };
  }

  private static String text(Random random) {
    StringBuilder b = new StringBuilder();
    int n = random.nextInt(40);
    for (int i = 0; i < n; i++) {
      b.append(TEXT[random.nextInt(TEXT.length)]);
    }
    return b.toString();
  }
}
