package dev.candor.timeline;

/**
 * People's words made safe for a Markdown document (a canvas, a replay's draft, a timeline export): one line, no control
 * characters, and every character Markdown gives a meaning to escaped with a backslash. So a title such
 * as {@code *bad* <@U1>} reads as typed: it cannot start a heading, a list, a link, an image, a
 * mention ({@code ![](@U1)}), raw HTML or an entity, nor make the rest of the document bold.
 */
public final class MarkdownText {
  /**
   * Characters with a meaning inside a line of CommonMark, GFM or a canvas, all ASCII punctuation.
   * Parentheses only matter after {@code ]}, which is escaped; list and heading marks only at the start
   * of a line, handled apart.
   */
  public static final String SIGNIFICANT = "\\`*_[]<>!|~&#";

  private MarkdownText() {}

  /** {@code text} on one line, escaped, safe anywhere in a line (its start too); empty for null. */
  public static String escape(String text) {
    return escapeLine(oneLine(text), true);
  }

  /**
   * {@code line} (already one line) escaped; {@code mayStartLine} when it could stand at the start of a
   * line, where a leading {@code -} or {@code 1.} would open a list.
   */
  public static String escapeLine(String line, boolean mayStartLine) {
    StringBuilder out = new StringBuilder(line.length() + 16);
    int listMark = mayStartLine ? listMarkAt(line) : -1;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (SIGNIFICANT.indexOf(c) >= 0 || i == listMark) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  /**
   * Where a line would open a list or a setext underline if it stood at the start of a line: the
   * {@code -}, {@code +} or {@code =} leading it, or the {@code .} or {@code )} after leading digits.
   */
  private static int listMarkAt(String line) {
    if (line.isEmpty()) {
      return -1;
    }
    char first = line.charAt(0);
    if (first == '-' || first == '+' || first == '=') {
      return 0;
    }
    int i = 0;
    while (i < line.length() && i < 10 && line.charAt(i) >= '0' && line.charAt(i) <= '9') {
      i++;
    }
    return i > 0 && i < line.length() && (line.charAt(i) == '.' || line.charAt(i) == ')') ? i : -1;
  }

  /**
   * {@code text} as one line: line breaks and the blanks around them become one space, other control
   * characters and direction overrides (which could make text read differently than it is) go, and
   * the ends are trimmed.
   */
  public static String oneLine(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    boolean blank = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085') {
        blank = true;
      } else if (Character.getType(c) == Character.CONTROL || isDirectionControl(c)) {
        continue;
      } else {
        if (blank && out.length() > 0) {
          out.append(' ');
        }
        blank = false;
        out.append(c);
      }
    }
    return out.toString();
  }

  /** At most {@code max} characters of {@code text}, ending with an ellipsis when cut; never splits a pair. */
  public static String clip(String text, int max) {
    if (text.codePointCount(0, text.length()) <= max) {
      return text;
    }
    int end = text.offsetByCodePoints(0, max - 1);
    return text.substring(0, end).stripTrailing() + "…";
  }

  static boolean isDirectionControl(char c) {
    return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\u200E' || c == '\u200F'
        || c == '\u061C';
  }
}
