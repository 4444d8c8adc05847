package dev.candor.postmortem;

/**
 * iCalendar content lines (RFC 5545 §3.1): each ends with CRLF, and a line longer than 75 octets of
 * UTF-8 is folded onto continuation lines that start with one space, never inside a character.
 */
final class IcsLines {
  static final int MAX_OCTETS = 75;

  private final StringBuilder out = new StringBuilder(2048);

  /** A line as it stands ({@code NAME;PARAM=…:value}), its value already escaped where it must be. */
  IcsLines add(String line) {
    int octets = 0;
    for (int i = 0; i < line.length(); ) {
      int cp = line.codePointAt(i);
      int size = utf8Length(cp);
      if (octets + size > MAX_OCTETS) {
        out.append("\r\n ");
        octets = 1;
      }
      out.appendCodePoint(cp);
      octets += size;
      i += Character.charCount(cp);
    }
    out.append("\r\n");
    return this;
  }

  @Override
  public String toString() {
    return out.toString();
  }

  /**
   * A TEXT value (§3.3.11): backslash, semicolon and comma escaped, every line break as {@code \n},
   * other control characters (which TEXT may not hold) left out, a tab kept.
   */
  static String text(String value) {
    if (value == null) {
      return "";
    }
    String s = value.replace("\r\n", "\n").replace('\r', '\n');
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case ';' -> out.append("\\;");
        case ',' -> out.append("\\,");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append(c);
        default -> {
          if (!Character.isISOControl(c)) {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /**
   * A parameter value as a quoted string (§3.2): double quotes, which it cannot hold, become single
   * ones, and control characters go.
   */
  static String quoted(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"') {
        out.append('\'');
      } else if (!Character.isISOControl(c)) {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  /** Octets of a code point in UTF-8 (a lone surrogate, written as one replacement byte, is counted high). */
  private static int utf8Length(int codePoint) {
    return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
  }
}
