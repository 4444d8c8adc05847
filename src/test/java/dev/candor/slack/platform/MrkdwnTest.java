package dev.candor.slack.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MrkdwnTest {

  @Test
  void escaping_turnsAmpersandAndAngleBracketsIntoEntities() {
    assertEquals("a &amp; b &lt;c&gt;", Mrkdwn.escape("a & b <c>"));
  }

  @Test
  void escaping_defusesEveryKindOfMentionAndLink() {
    assertEquals("&lt;!channel&gt; &lt;!here&gt; &lt;@U123|alex&gt; &lt;#C1&gt; &lt;!subteam^S1&gt; &lt;http://x|y&gt;",
        Mrkdwn.escape("<!channel> <!here> <@U123|alex> <#C1> <!subteam^S1> <http://x|y>"));
  }

  @Test
  void escaping_textThatIsAlreadyEscaped_escapesItAgainSoItReadsAsTyped() {
    assertEquals("&amp;lt;", Mrkdwn.escape("&lt;"));
  }

  @Test
  void escaping_leavesFormattingAndOtherCharactersAlone() {
    assertEquals("*bold* _it_ `code` ~x~ \"q\" 'q' é 😀", Mrkdwn.escape("*bold* _it_ `code` ~x~ \"q\" 'q' é 😀"));
  }

  @Test
  void escaping_nothing_givesEmptyText() {
    assertEquals("", Mrkdwn.escape(null));
    assertEquals("", Mrkdwn.escape(""));
  }

  @Test
  void mentions_ofCheckedIds_areLiveMarkup() {
    assertEquals("<@U123>", Mrkdwn.user("U123"));
    assertEquals("nobody", Mrkdwn.user(null));
    assertEquals("<#C123>", Mrkdwn.channel("C123"));
  }

  @Test
  void clipping_shortText_leavesItAsItIs() {
    assertEquals("abc", Mrkdwn.clip("abc", 3));
  }

  @Test
  void clipping_longText_endsWithAnEllipsisWithinTheLimit() {
    assertEquals("abcd…", Mrkdwn.clip("abcdefgh", 5));
  }

  @Test
  void clipping_neverSplitsASurrogatePair() {
    String text = "ab😀cd";  // a b \uD83D \uDE00 c d

    assertEquals("ab…", Mrkdwn.clip(text, 4));
    assertEquals("ab😀…", Mrkdwn.clip(text, 5));
  }

  @Test
  void clipping_neverCutsAnEscapeOrALinkInTwo() {
    assertEquals("ab…", Mrkdwn.clip("ab&amp;cd", 5));
    assertEquals("ab&amp;…", Mrkdwn.clip("ab&amp;cd", 8));
    assertEquals("see …", Mrkdwn.clip("see <https://example.com/a|the graph> now", 20));
    assertEquals("a < b and c…", Mrkdwn.clip("a < b and c d e f g", 12), "a lone < is no link");
  }

  @Test
  void aSection_isCutToSlacksLimit() {
    String text = Mrkdwn.section("x".repeat(5_000)).getText().getText();
    assertEquals(3_000, text.length());
    assertTrue(text.endsWith("…"));
  }
}
