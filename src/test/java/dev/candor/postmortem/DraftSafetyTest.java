package dev.candor.postmortem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Whatever people wrote, the draft keeps its shape: the same headings (none deeper than h3), the same
 * lines, no mention, link, HTML or emphasis it did not make itself. Checked by filling every word of
 * the full fixture with hostile text and comparing with the same record in plain words.
 */
class DraftSafetyTest {
  static final PostmortemComposer LIVE = new PostmortemComposer(Names.canvasMentions());
  static final Pattern HEADING = Pattern.compile("#{1,3} \\S.*");
  static final Pattern CONTROLS = Pattern.compile("[\\u0000-\\u0008\\u000B-\\u001F\\u202A-\\u202E\\u2066-\\u2069\\r]");

  static final List<String> HOSTILE = List.of("*bad*", "<@U1>", "<@U0ALICE>", "![](@U0EVIL)", "<!channel>", "@here",
      "# heading", "\n#### deep\n", "\n- item", "1. one", "[link](https://evil.example)", "<script>alert(1)</script>",
      "<b>bold</b>", "&amp;", "&lt;", "&#64;", "`code`", "```", "_it_", "__strong__", "~~gone~~", "| a | b |",
      "\\", "\\*", "> quote", "\r\n", "\u202Eevil", "\u0000", "===", "---", "<https://x.example|y>", "é", "🙂",
      "\t", "#", ":smile:", "**", "[ ]", "- [x] done");

  static String hostile(Random random) {
    StringBuilder s = new StringBuilder();
    int pieces = 1 + random.nextInt(6);
    for (int i = 0; i < pieces; i++) {
      s.append(random.nextBoolean() ? " " : "").append(HOSTILE.get(random.nextInt(HOSTILE.size())));
    }
    return s.append(" tail").toString(); // never blank: a blank summary or place leaves its line out
  }

  /** Text as Slack stores a message a person typed: {@code &}, {@code <} and {@code >} as entities. */
  static String slackEncoded(String typed) {
    return typed.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  static String draft(UnaryOperator<String> plain, UnaryOperator<String> slack) {
    return LIVE.compose(Fixtures.full(plain, slack));
  }

  /** Headings as level and, below the title, their words: the title's words are the incident's. */
  static List<String> outline(String markdown) {
    List<String> outline = new ArrayList<>();
    for (String line : markdown.split("\n", -1)) {
      if (line.startsWith("#")) {
        outline.add(line.startsWith("# ") ? "# Post-mortem: INC-12 …" : line);
      }
    }
    return outline;
  }

  /** Counts of each Markdown-significant character a reader would act on (not backslash-escaped). */
  static List<Integer> liveMarkup(String markdown) {
    List<Integer> counts = new ArrayList<>();
    for (char c : "`*_[]<>!|~&#".toCharArray()) { // parentheses matter only after ], escaped
      counts.add(MarkdownTextTest.countUnescaped(markdown, c));
    }
    return counts;
  }

  @Test
  void hostileWords_changeNeitherTheOutlineNorTheLinesNorTheMarkup() {
    String plainWords = draft(t -> "plain words", t -> "plain words");
    Random random = new Random(42);
    for (int n = 0; n < 300; n++) {
      String draft = draft(t -> hostile(random), t -> slackEncoded(hostile(random)));

      assertEquals(outline(plainWords), outline(draft), draft);
      assertEquals(plainWords.split("\n", -1).length, draft.split("\n", -1).length, draft);
      assertEquals(liveMarkup(plainWords), liveMarkup(draft),
          () -> "hostile words made markup of their own (counts of `*_[]<>!|~&#):\n" + draft);
      assertFalse(CONTROLS.matcher(draft).find(), draft);
    }
  }

  @Test
  void everyDraft_hasHeadingsH1ToH3Only() {
    Random random = new Random(7);
    List<String> drafts = new ArrayList<>(List.of(LIVE.compose(Fixtures.full()), LIVE.compose(Fixtures.teamOfOne()),
        LIVE.compose(Fixtures.allSoftware())));
    for (int n = 0; n < 50; n++) {
      drafts.add(draft(t -> hostile(random), t -> slackEncoded(hostile(random))));
    }
    for (String draft : drafts) {
      long h1 = 0;
      for (String line : draft.split("\n", -1)) {
        if (line.startsWith("#")) {
          assertTrue(HEADING.matcher(line).matches(), () -> "not an h1–h3 heading: " + line);
          h1 += line.startsWith("# ") ? 1 : 0;
        }
        assertFalse(line.startsWith("####"), line);
      }
      assertEquals(1, h1, "one title");
    }
  }

  @Test
  void aTitleThatLooksLikeMarkup_readsAsTyped_andMentionsNoOne() {
    String draft = draft(t -> t.startsWith("Checkout errors") ? "*bad* <@U1> ![](@U0EVIL) #" : t, t -> t);

    assertTrue(draft.startsWith("# Post-mortem: INC-12 \\*bad\\* \\<@U1\\> \\!\\[\\](@U0EVIL) \\#\n"), draft);
    assertFalse(draft.contains("![](@U0EVIL)"), draft);
    assertEquals(MarkdownTextTest.unescape("\\*bad\\* \\<@U1\\> \\!\\[\\](@U0EVIL) \\#"), "*bad* <@U1> ![](@U0EVIL) #");
  }

  @Test
  void mentions_comeOnlyFromNames() {
    long mentions = count(draft(t -> "plain words", t -> "plain words"), "![](@");
    Random random = new Random(99);
    for (int n = 0; n < 100; n++) {
      String draft = draft(t -> hostile(random), t -> slackEncoded(hostile(random)));
      assertEquals(mentions, count(draft, "![](@"), draft); // an escaped one reads \\!\\[\\](@
    }
  }

  @Test
  void aStatusUpdateMentioningSomeone_showsTheirPlainNameInTheKeyEvents_neverMarkupNorAMention() {
    UnaryOperator<String> mentioning = t -> t.equals("Bad config in deploy 4512")
        ? "handed over to <@U0RESP2> and <@U0BOBBY|bob>, see <@U0NOBODY>" : t;
    Names directory = Names.canvasMentions().knowing(id -> id.equals("U0RESP2") ? Optional.of("Alice *Smith*")
        : Optional.empty());

    String draft = new PostmortemComposer(directory).compose(Fixtures.full(mentioning, t -> t));

    String line = keyEventSaying(draft, "handed over to");
    assertTrue(line.endsWith(": handed over to @Alice \\*Smith\\* and @bob, see @U0NOBODY"), line);
    assertFalse(line.contains("\\<"), "no raw markup: " + line);
    assertEquals(count(new PostmortemComposer(directory).compose(Fixtures.full()), "![](@"), count(draft, "![](@"),
        "the people mentioned in the words are not mentioned by the draft");
    String withoutDirectory = keyEventSaying(LIVE.compose(Fixtures.full(mentioning, t -> t)), "handed over to");
    assertTrue(withoutDirectory.endsWith(": handed over to @U0RESP2 and @bob, see @U0NOBODY"), withoutDirectory);
    String replayed = keyEventSaying(new PostmortemComposer(Names.handles(Map.of("U0RESP2", "alice")))
        .compose(Fixtures.full(mentioning, t -> t)), "handed over to");
    assertTrue(replayed.endsWith(": handed over to @alice and @bob, see @U0NOBODY"), replayed);
  }

  static String keyEventSaying(String draft, String words) {
    return Arrays.stream(draft.split("\n")).filter(l -> l.startsWith("- ") && l.contains(words)).findFirst()
        .orElseThrow(() -> new AssertionError("no key event says \"" + words + "\":\n" + draft));
  }

  static long count(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1L;
  }
}
