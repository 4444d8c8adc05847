package dev.candor.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.postmortem.Names;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlackMarkupTest {
  static final Names NAMES = Names.canvasMentions();

  static String md(String slackText) {
    return SlackMarkup.toMarkdown(slackText, NAMES::of, 1000);
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
    assertEquals("xxxxxxxxxx…", SlackMarkup.toMarkdown(text, NAMES::of, 11));
    String cut = SlackMarkup.toMarkdown(text, NAMES::of, 25);
    assertEquals("x".repeat(20) + "…", cut);
    assertTrue(SlackMarkup.toMarkdown(text, NAMES::of, 33).startsWith("x".repeat(20) + " ![](@U0BOB)"));
  }

  @Test
  void aPersonMentioned_withOrWithoutTheirHandle_isNamedOneWay() {
    Names handles = Names.handles(Map.of("U2", "Bo"));
    assertEquals("@Bo and @Bo and @U3", SlackMarkup.toMarkdown("<@U2> and <@U2|bo> and <@U3|cy>", handles::of, 1000));
  }

  @Test
  void manyLines_keepTheirBreaks_eachEscapedAsTheStartOfALine() {
    assertEquals(List.of("Watching.", "\\- not a list", "2\\. nor this", "![](@U0BOB) \\# no heading"),
        SlackMarkup.toMarkdownLines("Watching.\r\n\n- not a list\n  2. nor this\n<@U0BOB> # no heading", NAMES::of));
    assertEquals(List.of(), SlackMarkup.toMarkdownLines(null, NAMES::of));
    assertEquals(List.of("see:", "```", "a <b> & <@U1>", "    indented", "```", "done"),
        SlackMarkup.toMarkdownLines("see:```a &lt;b&gt; &amp; <@U1>\n\tindented\n```done", NAMES::of));
  }

  @Test
  void linesBecomeOne() {
    assertEquals("Watching. Error rate still climbing", md("Watching.\nError rate still climbing"));
  }
}
