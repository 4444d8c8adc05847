package dev.candor.main;

import static dev.candor.main.InProcess.candor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.main.InProcess.Ran;
import dev.candor.nudge.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code candor check FILE}: what it says about labels, empty or unreadable input, and a directory. */
class CheckCommandTest {
  @TempDir Path dir;

  Ran check(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return candor("check", file.toString());
  }

  @Test
  void labels_inAnyCase_areScored() throws IOException {
    Ran ran = check("m.jsonl", "{\"text\": \"who broke prod?\", \"label\": \"BLAME\"}\n"
        + "{\"text\": \"who is on call?\", \"label\": \"None\"}\n"
        + "{\"text\": \"I broke prod, I'm so sorry\", \"label\": \"Self-Blame\"}\n");

    assertEquals(0, ran.exit(), ran.describe());
    assertEquals("", ran.err(), ran.describe());
    assertTrue(ran.out().contains("scores over 3 labelled messages:"), ran.describe());
    assertTrue(ran.out().contains("blame      precision 1.000 (1/1)  recall 1.000 (1/1)"), ran.describe());
  }

  @Test
  void anUnknownLabel_isAWarningNamingTheLine_andThatMessageCountsAsUnlabelled() throws IOException {
    Ran ran = check("m.jsonl", "{\"text\": \"who is on call?\", \"label\": \"none\"}\n"
        + "{\"text\": \"who broke prod?\", \"label\": \"blme\"}\n");

    assertEquals(0, ran.exit(), ran.describe());
    assertEquals(1, ran.errLines().size(), ran.describe());
    assertTrue(ran.err().startsWith("candor: warning: line 2 "), ran.describe());
    assertTrue(ran.err().contains("\"blme\"") && ran.err().contains("unlabelled"), ran.describe());
    assertTrue(ran.out().contains("scores over 1 labelled message (of 2 judged):"), ran.describe());
  }

  @Test
  void aLabelThatIsNoString_isAWarningToo() throws IOException {
    Ran ran = check("m.jsonl", "{\"text\": \"who is on call?\", \"label\": 1}\n");

    assertTrue(ran.err().contains("line 1 has the label 1,"), ran.describe());
  }

  @Test
  void aScoreWithNothingToDivideBy_isNotApplicable_notPerfect() throws IOException {
    Ran ran = check("m.jsonl", "{\"text\": \"who is on call?\", \"label\": \"none\"}\n");

    assertEquals(0, ran.exit(), ran.describe());
    assertTrue(ran.out().contains("blame      precision n/a (0/0)  recall n/a (0/0)  F1 n/a"), ran.describe());
    assertFalse(ran.out().contains("1.000"), ran.describe());
  }

  @Test
  void noLabelledMessage_saysThereAreNoScores() throws IOException {
    Ran ran = check("m.jsonl", "{\"text\": \"who broke prod?\"}\n{\"text\": \"rolling back\"}\n");

    assertEquals(0, ran.exit(), ran.describe());
    assertTrue(ran.out().endsWith("2 messages judged; none is labelled blame, self_blame or none, so there are no "
        + "scores\n"), ran.describe());
  }

  @Test
  void anEmptyFile_saysSoInOneLine_andExitsZero() throws IOException {
    for (String name : new String[] {"empty.jsonl", "empty.md", "blank.txt"}) {
      Ran ran = check(name, name.startsWith("blank") ? "\n  \n" : "");

      assertEquals(0, ran.exit(), ran.describe());
      assertEquals(dir.resolve(name) + " is empty: nothing to check\n", ran.out(), ran.describe());
      assertEquals("", ran.err(), ran.describe());
    }
  }

  @Test
  void aFileWhoseEveryLineIsSkipped_saysNoMessageCouldBeRead_andExitsTwo() throws IOException {
    Ran ran = check("m.jsonl", "{\"msg\": \"x\"}\nnot json\n{\"text\": 42}\n");

    assertEquals(2, ran.exit(), ran.describe());
    assertEquals(4, ran.errLines().size(), ran.describe());
    assertTrue(ran.errLines().get(2).contains("line 3's \"text\" is not a string"), ran.describe());
    assertTrue(ran.errLines().get(3).startsWith("candor: no message in "), ran.describe());
    assertTrue(ran.errLines().get(3).contains("(3 lines skipped)"), ran.describe());
    assertEquals("", ran.out(), ran.describe());
  }

  @Test
  void aDirectory_isNamedAsOne() throws IOException {
    Path folder = Files.createDirectory(dir.resolve("notes"));

    Ran ran = candor("check", folder.toString());

    assertEquals(2, ran.exit(), ran.describe());
    assertEquals(1, ran.errLines().size(), ran.describe());
    assertTrue(ran.err().contains(folder + " is a directory"), ran.describe());
  }

  @Test
  void statsAndAFile_isRefusedClearly() throws IOException {
    Path file = Files.writeString(dir.resolve("pm.md"), "who broke prod?\n");

    Ran ran = candor("check", "--stats", file.toString());

    assertEquals(2, ran.exit(), ran.describe());
    assertEquals(1, ran.errLines().size(), ran.describe());
    assertTrue(ran.err().contains("--stats") && ran.err().contains("takes no file"), ran.describe());
    assertEquals("", ran.out(), ran.describe());
  }

  @Test
  void aByteOrderMark_isNotPartOfTheFirstLine() throws IOException {
    Ran ran = check("m.jsonl", "\uFEFF{\"text\": \"who broke prod?\", \"label\": \"blame\"}\n");

    assertEquals(0, ran.exit(), ran.describe());
    assertEquals("", ran.err(), ran.describe());
    assertTrue(ran.out().startsWith("line 1\tblame\tok"), ran.describe());
  }

  /** Issue 13: post-mortems wrap at 80 columns, and a sentence wrapped over lines was judged in pieces. */
  @Test
  void aSentenceWrappedOverLines_isReadWhole_andItsFindingIsOnTheLineItStarts() throws IOException {
    Ran ran = check("pm.md", "# Timeline\n\nCalm night.\n\nWe paged the DBA. Honestly Dave should have\n"
        + "checked the config first.\n> who broke prod\n");

    assertEquals(0, ran.exit(), ran.describe());
    assertTrue(ran.out().startsWith("5: counterfactual \"Honestly Dave should have checked\""), ran.describe());
    assertFalse(ran.out().contains("7: culprit_hunt"), "a quoted line stays a quote: " + ran.describe());
    assertTrue(ran.out().endsWith("1 finding in 7 lines\n"), ran.describe());
  }

  @Test
  void aOneLineDocument_saysLineNotLines() throws IOException {
    Ran ran = check("pm.md", "Who broke prod?");

    assertTrue(ran.out().endsWith("1 finding in 1 line\n"), ran.describe());
  }

  /** Issue 13: a post-mortem's YAML front matter was judged as if someone had said it. */
  @Test
  void aPostmortemsFrontMatter_commentsAndCode_areNotJudged_itsProseIs() throws IOException {
    Ran ran = check("2026-03-14-checkout.md", """
        ---
        title: Who broke checkout on March 14
        layout: postmortem
        tags: [sev2, human error]
        summary: root cause is human error
        ---
        # Checkout outage

        <!-- reviewers: who broke prod? ask in #inc before publishing -->
        At 14:02 the 4.2 deploy went out; errors started at 14:04.

            $ kubectl rollout undo deploy/checkout   # root cause: human error

        ```
        who deployed it??
        ```
        Action item: be more careful with failovers.
        """);

    assertEquals(0, ran.exit(), ran.describe());
    assertEquals("", ran.err(), ran.describe());
    String[] out = ran.out().split("\n");
    assertEquals(2, out.length, ran.describe());
    assertTrue(out[0].startsWith("17: human_error_cause \"Action item: be more careful\""), ran.describe());
    assertEquals("1 finding in 17 lines", out[1], ran.describe());
  }

  @Test
  void labelScore_precisionWithNoneJudged_isNotApplicable_andF1IsZeroWhenNothingAgreed() {
    LabelScore score = new LabelScore(Verdict.BLAME);
    score.add(Verdict.BLAME, Verdict.NONE);

    assertTrue(score.precision().isEmpty());
    assertEquals(0.0, score.recall().getAsDouble());
    assertEquals(0.0, score.f1().getAsDouble());
    assertEquals("blame      precision n/a (0/0)  recall 0.000 (0/1)  F1 0.000", score.toString());
  }
}
