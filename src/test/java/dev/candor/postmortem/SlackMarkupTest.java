package dev.candor.postmortem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SlackMarkupTest {
  static final Names NAMES = Names.canvasMentions();

  static String md(String slackText) {
    return SlackMarkup.toMarkdown(slackText, NAMES, 1000);
  }

  @Test
  void peopleSlackMentioned_appearThroughNames() {
    assertEquals("ping ![](@U0BOB) and ![](@U0CAROL)", md("ping <@U0BOB> and <@U0CAROL|carol>"));
  }

  @Test
  void everythingElse_isPlainEscapedText() {
    assertEquals("\\#ops @here, @group \\& @oncall", md("<#C1|ops> <!here>, <!subteam^S1> &amp; <!subteam^S2|@oncall>"));
    assertEquals("status page (https://status.example.com) and https://x.example/a\\_b",
        md("<https://status.example.com|status page> and <https://x.example/a_b>"));
    assertEquals("\\<@U1\\> is what I typed \\&lt;", md("&lt;@U1&gt; is what I typed &amp;lt;"));
    assertEquals("\\*bold\\* \\_it\\_ \\`code\\`", md("*bold* _it_ `code`"));
  }

  @Test
  void longText_isCutOutsideMentionsAndLinks() {
    String text = "x".repeat(20) + " <@U0BOB> " + "y".repeat(20);
    assertEquals("xxxxxxxxxx…", SlackMarkup.toMarkdown(text, NAMES, 11));
    String cut = SlackMarkup.toMarkdown(text, NAMES, 25);
    assertEquals("x".repeat(20) + "…", cut);
    assertTrue(SlackMarkup.toMarkdown(text, NAMES, 33).startsWith("x".repeat(20) + " ![](@U0BOB)"));
  }

  @Test
  void linesBecomeOne() {
    assertEquals("Watching. Error rate still climbing", md("Watching.\nError rate still climbing"));
  }
}
