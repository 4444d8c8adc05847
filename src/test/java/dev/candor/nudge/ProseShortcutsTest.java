package dev.candor.nudge;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/** The checks that let {@link Prose} skip an expression never skip one that would have matched. */
class ProseShortcutsTest {
  private static final List<String> LINES = List.of("2024-05-01 12:00:01 ERROR timeout", "[12:00:01] WARN slow",
      "  {\"level\": \"error\"}", "at com.acme.Foo.bar(Foo.java:12)", "api-7 ERROR conn refused",
      "Traceback (most recent call last):", "ValueError: bad", "java.lang.NullPointerException", "FATAL boom",
      "\tCRITICAL disk", "svc PANIC now", "checkout WARNING x", "12:00:01.5 hi", "we rolled back at 14:02",
      "who broke prod", "sam's deploy took us down", "the Error: page", "an Exception here", "Ok", "", "   ");

  @Test
  void aLineTheLogExpressionMatches_isNeverSkipped_andChatLinesAre() {
    Random random = new Random(8);
    List<String> lines = new ArrayList<>(LINES);
    for (int i = 0; i < 3_000; i++) {
      String a = LINES.get(random.nextInt(LINES.size()));
      String b = LINES.get(random.nextInt(LINES.size()));
      int cut = a.isEmpty() ? 0 : random.nextInt(a.length());
      lines.add(" ".repeat(random.nextInt(3)) + a.substring(cut) + (random.nextBoolean() ? " " : "") + b);
    }
    for (String line : lines) {
      if (Prose.LOG_LINE.matcher(line).lookingAt()) {
        assertTrue(Prose.mayBeLogLine(line, 0, line.length()), line);
      }
    }
    assertFalse(Prose.mayBeLogLine("we rolled back at 14:02, errors dropping", 0, 40));
    assertFalse(Prose.mayBeLogLine("who broke prod?", 0, 15));
  }

  @Test
  void anApostropheInAWord_isNeverWhereAQuotedPhraseStarts() {
    Random random = new Random(9);
    String[] pieces = {"sam's", "it's", "'human error'", "don't", "'", "x", " ", "9'", "é'", "‘", "\n", "'ok' ", "’"};
    for (int i = 0; i < 5_000; i++) {
      StringBuilder b = new StringBuilder();
      for (int k = random.nextInt(12); k >= 0; k--) {
        b.append(pieces[random.nextInt(pieces.length)]);
      }
      String text = b.toString();
      Matcher m = Prose.QUOTED.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
      for (int at = 0; at < text.length(); at++) {
        if (Prose.apostropheInWord(text, at)) {
          assertFalse(m.region(at, text.length()).lookingAt(), text + " at " + at);
        }
      }
    }
  }
}
