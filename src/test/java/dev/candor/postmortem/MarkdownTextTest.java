package dev.candor.postmortem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MarkdownTextTest {
  /** What a CommonMark reader sees: a backslash before ASCII punctuation stands for that character. */
  static String unescape(String markdown) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < markdown.length(); i++) {
      char c = markdown.charAt(i);
      if (c == '\\' && i + 1 < markdown.length() && isAsciiPunctuation(markdown.charAt(i + 1))) {
        out.append(markdown.charAt(++i));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  static boolean isAsciiPunctuation(char c) {
    return c < 128 && !Character.isLetterOrDigit(c) && c > ' ' && c != 127;
  }

  @Test
  void markup_isEscapedSoItReadsAsTyped() {
    assertEquals("\\*bad\\* \\<@U1\\>", MarkdownText.escape("*bad* <@U1>"));
    assertEquals("\\!\\[\\](@U0EVIL) \\[x\\](javascript:alert(1))",
        MarkdownText.escape("![](@U0EVIL) [x](javascript:alert(1))"));
    assertEquals("\\<script\\>x\\</script\\> \\&amp; \\`code\\` \\_it\\_ \\~\\~gone\\~\\~ a \\| b \\\\",
        MarkdownText.escape("<script>x</script> &amp; `code` _it_ ~~gone~~ a | b \\"));
    assertEquals("title \\#", MarkdownText.escape("title #"));
  }

  @Test
  void lineBreaks_becomeOneSpace_soNothingStartsALine() {
    assertEquals("one two \\#\\#\\#\\# deep - item", MarkdownText.escape("one\r\ntwo\n\n#### deep\n  - item  "));
  }

  @Test
  void aLeadingListOrUnderlineMark_isEscaped() {
    assertEquals("\\- item", MarkdownText.escape("- item"));
    assertEquals("\\+ item", MarkdownText.escape("+ item"));
    assertEquals("\\===", MarkdownText.escape("==="));
    assertEquals("12\\. item", MarkdownText.escape("12. item"));
    assertEquals("3\\) item", MarkdownText.escape("3) item"));
    assertEquals("deploy 4.2 - fine", MarkdownText.escape("deploy 4.2 - fine"));
  }

  @Test
  void controlCharactersAndDirectionOverrides_go() {
    assertEquals("abc def", MarkdownText.escape("a\u0000b\u202Ec\u2066\tdef\u0007"));
  }

  @Test
  void anyText_readsBackAsItsOneLineForm() {
    Random random = new Random(20240305);
    int[] alphabet = "ab #*_`[]()<>!|~&@\\-+=.:{}\"'$^\n\r\t é🙂0123456789\u202E\u0000".codePoints().toArray();
    for (int n = 0; n < 2000; n++) {
      StringBuilder s = new StringBuilder();
      int length = random.nextInt(40);
      for (int i = 0; i < length; i++) {
        s.appendCodePoint(alphabet[random.nextInt(alphabet.length)]);
      }
      String escaped = MarkdownText.escape(s.toString());
      assertEquals(MarkdownText.oneLine(s.toString()), unescape(escaped), () -> "escaped: " + escaped);
      assertFalse(escaped.contains("\n") || escaped.contains("\r"), escaped);
      for (char c : MarkdownText.SIGNIFICANT.toCharArray()) {
        assertEquals(0, countUnescaped(escaped, c), () -> "an unescaped " + c + " in " + escaped);
      }
    }
  }

  static int countUnescaped(String markdown, char c) {
    int count = 0;
    for (int i = 0; i < markdown.length(); i++) {
      if (markdown.charAt(i) == '\\' && i + 1 < markdown.length() && isAsciiPunctuation(markdown.charAt(i + 1))) {
        i++;
      } else if (markdown.charAt(i) == c) {
        count++;
      }
    }
    return count;
  }

  @Test
  void clip_cutsBetweenCharacters_andSaysSo() {
    assertEquals("short", MarkdownText.clip("short", 10));
    assertEquals("abcd…", MarkdownText.clip("abcdefgh", 5));
    String faces = "🙂🙂🙂🙂🙂🙂";
    String clipped = MarkdownText.clip(faces, 4);
    assertEquals("🙂🙂🙂…", clipped);
  }

  @Test
  void names_showMentionsOnlyForSlackIds_andEscapeDisplayNames() {
    Names live = Names.canvasMentions();
    assertEquals("![](@U0ALICE)", live.of("U0ALICE"));
    assertEquals("![](@W0GRID)", live.of("W0GRID"));
    assertEquals("B0ALERTS", live.of("B0ALERTS"));
    assertEquals("U1\\>\\<\\!\\[\\](@U2)", live.of("U1><![](@U2)"));

    Names replay = Names.handles(Map.of("U0ALICE", "alice", "U0EVIL", "*evil* ![](@U0ALICE)"));
    assertEquals("@alice", replay.of("U0ALICE"));
    assertEquals("@U0BOB", replay.of("U0BOB"));
    assertEquals("@\\*evil\\* \\!\\[\\](@U0ALICE)", replay.of("U0EVIL"));
    assertTrue(unescape(replay.of("U0EVIL")).equals("@*evil* ![](@U0ALICE)"));
  }
}
