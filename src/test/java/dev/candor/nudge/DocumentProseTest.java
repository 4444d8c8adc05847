package dev.candor.nudge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code check} judges in a written document: its prose, with front matter, code and comments blanked. */
class DocumentProseTest {
  static final String BLAME = "Who broke prod?";
  static final BlameDetector RULES = new BlameDetector(RuleSet.builtIn());

  /** The lines of {@code doc} that still hold blame once the document's non-prose is blanked, by number (from 1). */
  static List<Integer> blamed(String doc, boolean markdown) {
    List<String> lines = doc.lines().toList();
    List<String> prose = DocumentProse.of(lines, markdown);
    assertEquals(lines.size(), prose.size(), "every line keeps its number");
    for (int i = 0; i < lines.size(); i++) {
      assertEquals(lines.get(i).length(), prose.get(i).length(), "line " + (i + 1) + " keeps its width");
    }
    return java.util.stream.IntStream.range(0, prose.size())
        .filter(i -> RULES.verdict(prose.get(i)) != Verdict.NONE).mapToObj(i -> i + 1).toList();
  }

  @Test
  void theBlameUsedHere_isBlameAsProse() {
    assertEquals(List.of(1), blamed(BLAME + "\n", true));
  }

  @Test
  void yamlFrontMatter_isSkipped_andTheProseAfterItIsJudged() {
    String doc = "---\ntitle: " + BLAME + "\ntags: [outage, human error]\nsummary: root cause is human error\n---\n"
        + "# Checkout outage\n\n" + BLAME + "\n";
    assertEquals(List.of(8), blamed(doc, true));
  }

  @Test
  void yamlFrontMatter_closedWithDots_isSkippedToo() {
    assertEquals(List.of(), blamed("---\ntitle: " + BLAME + "\n...\nThe deploy at 14:02 failed.\n", true));
  }

  @Test
  void tomlFrontMatter_isSkipped() {
    String doc = "+++\ntitle = \"" + BLAME + "\"\ndescription = '" + BLAME + "'\n[extra]\nnote = " + BLAME
        + "\n+++\n\n" + BLAME + "\n";
    assertEquals(List.of(8), blamed(doc, true));
  }

  @Test
  void aRuleAtTheTopAboveText_isNotFrontMatter_soItsTextIsJudged() {
    assertEquals(List.of(2), blamed("---\n" + BLAME + " Nobody knew.\n---\n", true));
    assertEquals(List.of(3), blamed("---\n\n" + BLAME + "\n", true), "never closed: no front matter");
  }

  @Test
  void dashesBelowTheFirstLine_areNoFrontMatter() {
    assertEquals(List.of(2, 3), blamed("# Title\n" + BLAME + "\n" + BLAME + "\n---\n", true));
  }

  @Test
  void fencedCode_withBackticksOrTildes_isSkipped_untilItsOwnFenceCloses() {
    String doc = "Before.\n```text\n" + BLAME + "\n~~~\n" + BLAME + "\n```\n~~~~\n" + BLAME + "\n```\n~~~~\n" + BLAME
        + "\n";
    assertEquals(List.of(11), blamed(doc, true));
  }

  @Test
  void fencedCode_inAListItem_isSkipped() {
    assertEquals(List.of(), blamed("1. Run this:\n   ```\n   " + BLAME + "\n   ```\n", true));
  }

  @Test
  void indentedCodeInMarkdown_afterABlankLine_isSkipped_inBothIndentKinds() {
    String doc = "The log said:\n\n    " + BLAME + "\n    " + BLAME + "\n\n\t" + BLAME + "\n\nAfter.\n" + BLAME + "\n";
    assertEquals(List.of(9), blamed(doc, true));
  }

  @Test
  void anIndentedLineThatGoesOnAParagraph_isProse() {
    assertEquals(List.of(2), blamed("The first line of a paragraph\n    " + BLAME + "\n", true));
  }

  @Test
  void anIndentedLineInAList_isTheItemsProse() {
    String doc = "- first item\n\n    " + BLAME + "\n* second\n    " + BLAME + "\n2. third\n\n\t" + BLAME + "\n";
    assertEquals(List.of(3, 5, 8), blamed(doc, true));
  }

  @Test
  void aListEnds_atAParagraphAtTheMargin_andIndentedCodeAfterItIsCode() {
    assertEquals(List.of(), blamed("- item\n\nA paragraph.\n\n    " + BLAME + "\n", true));
  }

  @Test
  void inPlainText_anIndentedLineIsProse() {
    assertEquals(List.of(3), blamed("Notes\n\n    " + BLAME + "\n", false));
  }

  @Test
  void htmlComments_onOneLineOrSeveral_areSkipped_andTheTextAroundThemIsJudged() {
    String doc = "<!-- " + BLAME + " -->\nKept <!-- " + BLAME + " --> and <!-- " + BLAME + " -->.\n<!--\n" + BLAME
        + "\n" + BLAME + " -->\n" + BLAME + "<!-- x\n-->" + BLAME + "\n";
    assertEquals(List.of(6, 7), blamed(doc, true));
    List<String> prose = DocumentProse.of(doc.lines().toList(), true);
    String comment = " ".repeat(("<!-- " + BLAME + " -->").length());
    assertEquals("Kept " + comment + " and " + comment + ".", prose.get(1));
  }

  @Test
  void aCommentOpenerInsideFencedCode_opensNoComment() {
    assertEquals(List.of(4), blamed("```\n<!--\n```\n" + BLAME + "\n", true));
  }

  @Test
  void whatProseBlanksInChat_isStillBlankedInADocumentsLine() {
    String doc = "`" + BLAME + "`\n> " + BLAME + "\n2026-03-14 14:02:11 ERROR " + BLAME + "\nThey wrote \"" + BLAME
        + "\" in the ticket.\n";
    assertEquals(List.of(), blamed(doc, true));
  }

  @Test
  void paragraphs_joinWrappedLines_andHeadingsListItemsAndQuotesStandApart() {
    List<String> doc = List.of(
        "# Checkout outage", // 0: a title
        "",
        "At 14:02 the deploy went out and the", // 2-3: one paragraph, wrapped
        "pool ran dry.",
        "- first item", // 4: a list item starts a paragraph
        "  wrapped on",
        "- second item", // 6
        "> quoted words", // 7: a quote of its own
        "Lessons", // 8: a setext title
        "=======",
        "Last words.");

    List<DocumentProse.Paragraph> p = DocumentProse.paragraphs(doc, true);

    assertEquals(List.of(new DocumentProse.Paragraph(0, 0, true), new DocumentProse.Paragraph(2, 3, false),
        new DocumentProse.Paragraph(4, 5, false), new DocumentProse.Paragraph(6, 6, false),
        new DocumentProse.Paragraph(7, 7, false), new DocumentProse.Paragraph(8, 8, true),
        new DocumentProse.Paragraph(10, 10, false)), p);
    assertEquals("At 14:02 the deploy went out and the pool ran dry.", p.get(1).text(doc));
    assertEquals(3, p.get(1).lineAt(doc, p.get(1).text(doc).indexOf("pool")));
    assertEquals(2, p.get(1).lineAt(doc, 0));
  }

  @Test
  void inPlainText_aHashIsNoHeading() {
    assertEquals(List.of(new DocumentProse.Paragraph(0, 1, false)),
        DocumentProse.paragraphs(List.of("# not a heading in a .txt", "more words"), false));
  }

  /**
   * CommonMark's lazy continuation: a line that would go on a paragraph, after a quoted line and without its own
   * {@code >}, is still the quote's (quoted chat pasted into a post-mortem); a blank line, an empty {@code >}, a list
   * item or a heading ends the quote.
   */
  @Test
  void linesGoingOnAQuoteWithoutTheirOwnMark_areTheQuotes_untilABlankLineOrANewBlock() {
    String doc = "> dana [9:05 AM]  \n" // 1
        + BLAME + "\n" // 2: lazy, the quote's
        + ">\n"
        + "> erin [9:06 AM]\n"
        + "    " + BLAME + "\n" // 5: indented, still lazy (code cannot interrupt a paragraph)
        + BLAME + "\n" // 6: lazy
        + "\n"
        + BLAME + "\n" // 8: after a blank line, the document's
        + ">\n"
        + BLAME + "\n" // 10: after an empty quote line, no paragraph to go on
        + "> quoted\n"
        + "- " + BLAME + "\n" // 12: a list item starts a block of its own
        + "> quoted\n"
        + "# " + BLAME + "\n"; // 14: so does a heading
    assertEquals(List.of(8, 10, 12, 14), blamed(doc, true));
  }

  @Test
  void inPlainText_aLineAfterAQuoteIsProse() {
    assertEquals(List.of(2), blamed("> dana [9:05 AM]\n" + BLAME + "\n", false));
  }

  /**
   * A one-line paragraph that is only emphasis, or that ends with a colon before what it introduces, is a label:
   * a title of its own, which the rules read and the model does not, like a heading. An emphasised sentence is prose.
   */
  @Test
  void aParagraphThatIsOnlyEmphasisOrALeadInWithAColon_isALabel_andAnEmphasisedSentenceIsNot() {
    List<String> doc = List.of(
        "**Kernel panic on boot:**", // 0: a label
        "",
        "*Customer impact*:", // 2: a label, the colon outside the emphasis
        "",
        "__Timeline__", // 4
        "",
        "The restart failed for three reasons:", // 6: the head of the list below
        "1. the disk was full",
        "",
        "**The deploy at 14:02 emptied the pool.**", // 9: an emphasised sentence, prose
        "",
        "**Note:** the pool was resized at 14:30.", // 11: emphasis starts it, prose follows
        "",
        "Two lines that end", // 13-14: a wrapped paragraph ending with a colon is more than a label
        "with a colon:");

    List<DocumentProse.Paragraph> p = DocumentProse.paragraphs(doc, true);

    assertEquals(List.of(new DocumentProse.Paragraph(0, 0, true), new DocumentProse.Paragraph(2, 2, true),
        new DocumentProse.Paragraph(4, 4, true), new DocumentProse.Paragraph(6, 6, true),
        new DocumentProse.Paragraph(7, 7, false), new DocumentProse.Paragraph(9, 9, false),
        new DocumentProse.Paragraph(11, 11, false), new DocumentProse.Paragraph(13, 14, false)), p);
    assertEquals(List.of(new DocumentProse.Paragraph(0, 0, false)),
        DocumentProse.paragraphs(List.of("**Kernel panic on boot:**"), false), "no emphasis in plain text");
  }

  /**
   * A FAQ heads each answer with the reader's question in bold, as a heading: a one-line paragraph that is only an
   * emphasised question is a label (the rules read it, the model does not); a plain question, or an emphasised
   * question with prose after it, is prose.
   */
  @Test
  void aParagraphThatIsOnlyAnEmphasisedQuestion_isALabel() {
    List<String> doc = List.of(
        "**Will my stored keys be rotated for me?**", // 0: a FAQ's question
        "",
        "No. Each operator rotates their own keys.", // 2
        "",
        "__Q: Is the old endpoint still served?__", // 4
        "",
        "Who reviewed the rollout plan before it went out?", // 6: a plain question, prose
        "",
        "**Why did the pool empty?** The drain ran twice."); // 8: the answer follows on the line, prose

    List<DocumentProse.Paragraph> p = DocumentProse.paragraphs(doc, true);

    assertEquals(List.of(new DocumentProse.Paragraph(0, 0, true), new DocumentProse.Paragraph(2, 2, false),
        new DocumentProse.Paragraph(4, 4, true), new DocumentProse.Paragraph(6, 6, false),
        new DocumentProse.Paragraph(8, 8, false)), p);
  }
}
