package dev.candor.nudge;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gates before any pattern (blame-language.md, section 2): the words a person actually said, with
 * code, quotes, log lines, URLs and mentioned-not-used phrases blanked out. Blanking keeps every
 * offset, so a finding points at the words as written.
 */
final class Prose {
  private static final Pattern CODE_BLOCK = Pattern.compile("```[\\s\\S]*?(?:```|\\z)");
  private static final Pattern CODE_SPAN = Pattern.compile("`[^`\\n]*`");
  private static final Pattern URL = Pattern.compile("<(?:https?|mailto):[^>]*>|\\bhttps?://\\S+");
  private static final Pattern QUOTED = Pattern.compile(
      "\"[^\"\\n]{1,200}\"|“[^”\\n]{1,200}”|(?<![\\p{L}\\p{N}])'[^'\\n]{1,200}'(?![\\p{L}\\p{N}])");
  private static final Pattern MENTIONED = Pattern.compile(
      "(?i)\\b(?:the (?:word|phrase|term)s?|saying|wrote|writes|called it|labelled|labeled)\\s+[\\w'’-]+(?:\\s+[\\w'’-]+)?");
  private static final Pattern LOG_LINE = Pattern.compile(
      "^\\s*(?:\\[?\\d{4}-\\d\\d-\\d\\d[T ]\\d\\d:\\d\\d|\\[?\\d\\d:\\d\\d:\\d\\d[.,\\]]|\\{\\s*\"|at [\\w.$]+\\(|"
          + "(?:[\\w.]+\\s+)?(?:ERROR|FATAL|WARN|WARNING|CRITICAL|PANIC|Traceback)\\b|\\w+Error:|\\w+Exception\\b)");
  private static final Pattern KEY_VALUES = Pattern.compile("\\b\\w[\\w.-]*=\\S+");

  final String original;
  /** The message with non-prose blanked; the same length as {@link #original}. */
  final String text;
  /** The quoted lines ({@code > …}) of the message, which are not judged but give context. */
  final String quoted;

  private Prose(String original, String text, String quoted) {
    this.original = original;
    this.text = text;
    this.quoted = quoted;
  }

  static Prose of(String message) {
    char[] out = message.toCharArray();
    StringBuilder quoted = new StringBuilder();
    blank(out, CODE_BLOCK.matcher(message));
    blank(out, CODE_SPAN.matcher(new String(out)));
    int lineStart = 0;
    String current = new String(out);
    while (lineStart <= current.length()) {
      int lineEnd = current.indexOf('\n', lineStart);
      if (lineEnd < 0) {
        lineEnd = current.length();
      }
      String line = current.substring(lineStart, lineEnd);
      String trimmed = line.stripLeading();
      boolean quote = trimmed.startsWith(">") || trimmed.startsWith("&gt;");
      if (quote) {
        quoted.append(trimmed.replaceFirst("^(?:>|&gt;)\\s?", "")).append('\n');
      }
      if (quote || LOG_LINE.matcher(line).find() || countMatches(KEY_VALUES, line) >= 2) {
        for (int i = lineStart; i < lineEnd; i++) {
          out[i] = ' ';
        }
      }
      lineStart = lineEnd + 1;
    }
    blank(out, URL.matcher(new String(out)));
    blank(out, QUOTED.matcher(new String(out)));
    blank(out, MENTIONED.matcher(new String(out)));
    return new Prose(message, new String(out), quoted.toString());
  }

  private static void blank(char[] out, Matcher m) {
    while (m.find()) {
      for (int i = m.start(); i < m.end(); i++) {
        if (out[i] != '\n') {
          out[i] = ' ';
        }
      }
    }
  }

  private static int countMatches(Pattern p, String s) {
    Matcher m = p.matcher(s);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  boolean isBlank() {
    return text.isBlank();
  }
}
