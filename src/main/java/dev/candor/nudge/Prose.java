package dev.candor.nudge;

import java.util.Arrays;
import java.util.BitSet;
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
  static final Pattern QUOTED = Pattern.compile(
      "\"[^\"\\n]{1,200}\"|“[^”\\n]{1,200}”|'(?<![\\p{L}\\p{N}]')[^'\\n]{1,200}'(?![\\p{L}\\p{N}])");
  /**
   * A quoted phrase right after a verb that puts words into a record ("can we just write 'human error' in the
   * rca", "I'd put 'human error' as the cause") is used, not mentioned: it is the author's own proposal. Not so
   * when the verb is negated ("don't list 'human error' as a root cause").
   */
  private static final Pattern USED_QUOTE_BEFORE = Pattern.compile(
      "(?i)\\b(write|put|list|mark|file|record|enter|log|call (?:it|this)|chalk (?:it|this) up to|go with|just say)"
          + "(?:\\s+(?:it|this|that)\\s+(?:as|down as|under))?(?:\\s+(?:down|in|as))?\\s*$");
  private static final Pattern NEGATED_BEFORE = Pattern.compile(
      "(?i)\\b(?:don['’]?t|do not|never|not|stop|avoid|instead of|rather than|without|shouldn['’]?t|can['’]?t|won['’]?t|no)"
          + "\\s+(?:(?:just|ever|really|even)\\s+)?$");
  /**
   * Words right after "the word", "saying", "wrote" and the like are mentioned, not used. Not after "who wrote" or
   * "whoever wrote": that is someone writing a thing (code, a ticket), and what follows is what is said about them.
   */
  private static final Pattern MENTIONED = Pattern.compile(
      "(?i)\\b(?:the (?:word|phrase|term)s?|saying|(?<!\\bwho |\\bwhoever )(?:wrote|writes)|called it|labelled|labeled)"
          + "\\s+[\\w'’-]+(?:\\s+[\\w'’-]+)?");
  static final Pattern LOG_LINE = Pattern.compile(
      "^\\s*(?:\\[?\\d{4}-\\d\\d-\\d\\d[T ]\\d\\d:\\d\\d|\\[?\\d\\d:\\d\\d:\\d\\d[.,\\]]|\\{\\s*\"|at [\\w.$]+\\(|"
          + "(?:[\\w.]{1,80}\\s+)?(?:ERROR|FATAL|WARN|WARNING|CRITICAL|PANIC|Traceback)\\b|\\w{1,80}Error:|\\w{1,80}Exception\\b)");

  /** The mark that starts a quoted line, and a space after it. */
  private static final Pattern QUOTE_MARK = Pattern.compile("^(?:>|&gt;)\\s?");

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
    // Speed (tens of thousands of 1 KB messages a second): a regular expression is tried only where a match can
    // start (a backtick, a quote mark, "http", a cue word), never at every position of the message; and the text
    // is copied again (a String of out) only after something was blanked: current is out as a String, or null.
    String current = message;
    if (message.indexOf('`') >= 0) {
      if (blankAt(out, message, CODE_BLOCK, positionsOf(message, "`"))) {
        current = new String(out);
      }
      if (blankAt(out, current, CODE_SPAN, positionsOf(current, "`"))) {
        current = new String(out);
      }
    }
    int lineStart = 0;
    String lines = current;
    Matcher log = LOG_LINE.matcher(lines);
    // Where the next '=' and the next log word are, each found once for the whole message.
    int nextEquals = lines.indexOf('=');
    int nextLogWord = nextLogWord(out, 0);
    while (lineStart <= lines.length()) {
      int lineEnd = lines.indexOf('\n', lineStart);
      if (lineEnd < 0) {
        lineEnd = lines.length();
      }
      int first = lineStart;
      while (first < lineEnd && Character.isWhitespace(lines.charAt(first))) {
        first++;
      }
      boolean quote = lines.startsWith(">", first) || lines.startsWith("&gt;", first);
      if (quote) {
        quoted.append(QUOTE_MARK.matcher(lines.substring(first, lineEnd)).replaceFirst("")).append('\n');
      }
      if (nextEquals >= 0 && nextEquals < lineStart) {
        nextEquals = lines.indexOf('=', lineStart);
      }
      if (nextLogWord < lineStart) {
        nextLogWord = nextLogWord(out, lineStart);
      }
      boolean mayBeLog = startsLikeLog(lines, lineStart, lineEnd) || nextLogWord < lineEnd;
      if (quote || (mayBeLog && log.region(lineStart, lineEnd).lookingAt())
          || (nextEquals >= 0 && nextEquals < lineEnd && keyValues(lines, lineStart, lineEnd))) {
        for (int i = lineStart; i < lineEnd; i++) {
          if (out[i] != ' ') {
            out[i] = ' ';
            current = null;
          }
        }
      }
      lineStart = lineEnd + 1;
    }
    if (message.contains("http") || message.contains("mailto:")) {
      String now = current != null ? current : new String(out);
      current = blankAt(out, now, URL, positionsOf(now, "<h", "<m", "http")) ? null : now;
    }
    if (message.indexOf('"') >= 0 || message.indexOf('“') >= 0 || message.indexOf('\'') >= 0) {
      String now = current != null ? current : new String(out);
      current = blankQuotes(out, now) ? null : now;
    }
    int[] cues = mentionCues(message);
    if (cues.length > 0) {
      String now = current != null ? current : new String(out);
      current = blankAt(out, now, MENTIONED, cues) ? null : now;
    }
    return new Prose(message, current != null ? current : new String(out), quoted.toString());
  }

  /**
   * Blanks the matches of {@code p} in {@code text} that start at one of {@code starts} (ascending), as
   * {@code find()} would, without trying the pattern anywhere else.
   */
  private static boolean blankAt(char[] out, String text, Pattern p, int[] starts) {
    Matcher m = null;
    boolean blanked = false;
    int done = 0;
    for (int start : starts) {
      if (start < done) {
        continue;
      }
      if (m == null) {
        m = p.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
      }
      if (m.region(start, text.length()).lookingAt()) {
        for (int i = m.start(); i < m.end(); i++) {
          if (out[i] != '\n' && out[i] != ' ') {
            out[i] = ' ';
            blanked = true;
          }
        }
        done = Math.max(m.end(), start + 1);
      }
    }
    return blanked;
  }

  /** Where any of {@code needles} starts in {@code text}, ascending, without repeats. */
  private static int[] positionsOf(String text, String... needles) {
    int[] at = new int[8];
    int n = 0;
    for (String needle : needles) {
      for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
        if (n == at.length) {
          at = Arrays.copyOf(at, n * 2);
        }
        at[n++] = i;
      }
    }
    if (needles.length > 1) {
      Arrays.sort(at, 0, n);
      int k = 0;
      for (int i = 0; i < n; i++) {
        if (k == 0 || at[i] != at[k - 1]) {
          at[k++] = at[i];
        }
      }
      n = k;
    }
    return Arrays.copyOf(at, n);
  }

  /**
   * False only where {@link #LOG_LINE} cannot match the line: it needs, after leading spaces, a {@code [}, a digit,
   * a <code>{</code> or "at ", or else one of its words ({@link #LOG_WORDS}: ERROR, FATAL, WARN, CRITICAL, PANIC,
   * Traceback, Error:, Exception), as written. Chat lines mostly have none, and skip the expression.
   */
  static boolean mayBeLogLine(String text, int start, int end) {
    int word = nextLogWord(text.toCharArray(), start);
    return startsLikeLog(text, start, end) || word < end;
  }

  /** Whether the line starts (after spaces) with a {@code [}, a digit, a <code>{</code> or "at ". */
  private static boolean startsLikeLog(String text, int start, int end) {
    int first = start;
    while (first < end && isRegexSpace(text.charAt(first))) {
      first++;
    }
    if (first >= end) {
      return false;
    }
    char c = text.charAt(first);
    return c == '[' || c == '{' || (c >= '0' && c <= '9') || text.startsWith("at ", first);
  }

  /** The words of {@link #LOG_LINE} (case matters): a line it matches, unless as {@link #startsLikeLog}, holds one. */
  private static final String[] LOG_WORDS = {"ERROR", "Error:", "Exception", "FATAL", "WARN", "CRITICAL", "PANIC",
      "Traceback"};

  /** Where the next of the {@link #LOG_WORDS} starts from {@code from} on (the length of the text if none). */
  private static int nextLogWord(char[] text, int from) {
    for (int i = from; i < text.length; i++) {
      char x = text[i];
      // (one comparison for most chars: C to W, as unsigned, takes in all six capitals and few others)
      if (x - 'C' <= 'W' - 'C' && x >= 'C' && (x == 'E' || x == 'F' || x == 'W' || x == 'C' || x == 'P' || x == 'T')) {
        for (String word : LOG_WORDS) {
          if (word.charAt(0) == x && startsWith(text, i, word)) {
            return i;
          }
        }
      }
    }
    return text.length;
  }

  private static boolean startsWith(char[] text, int at, String word) {
    if (at + word.length() > text.length) {
      return false;
    }
    for (int k = 1; k < word.length(); k++) {
      if (text[at + k] != word.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** {@code \s} of a regular expression (without Unicode classes). */
  private static boolean isRegexSpace(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
  }

  /**
   * Whether a quote mark at {@code at} comes right after a letter or a number (as in "sam's"), where the
   * single-quote part of {@link #QUOTED} cannot start (its lookbehind), so the expression need not be tried there.
   */
  static boolean apostropheInWord(String text, int at) {
    if (text.charAt(at) != '\'' || at == 0) {
      return false;
    }
    char before = text.charAt(at - 1);
    if (Character.isSurrogate(before)) {
      return false;
    }
    int type = Character.getType(before);
    return Character.isLetter(before) || type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
        || type == Character.OTHER_NUMBER;
  }

  /** Whether a line has two or more {@code key=value} pairs (log-like), as {@code \\b\\w[\\w.-]*=\\S+} finds them. */
  private static boolean keyValues(String text, int start, int end) {
    int count = 0;
    int i = start;
    int eq;
    while ((eq = text.indexOf('=', i)) >= 0 && eq < end) {
      int k = eq - 1;
      while (k >= start && isKeyChar(text.charAt(k))) {
        k--;
      }
      int keyStart = k + 1;
      boolean pair = keyStart < eq && isWordChar(text.charAt(keyStart)) && eq + 1 < end
          && !Character.isWhitespace(text.charAt(eq + 1));
      if (pair) {
        if (++count >= 2) {
          return true;
        }
        i = eq + 1;
        while (i < end && !Character.isWhitespace(text.charAt(i))) {
          i++;
        }
      } else {
        i = eq + 1;
      }
    }
    return false;
  }

  private static boolean isWordChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }

  private static boolean isKeyChar(char c) {
    return isWordChar(c) || c == '.' || c == '-';
  }

  private static final String[] MENTION_CUES = {"the word", "the phrase", "the term", "saying", "wrote", "writes", "called it", "label"};

  /** Each cue without its first letter, lower and upper case: a fast test (String.contains) before the scan. */
  private static final String[] CUE_TAILS = {"word", "WORD", "hrase", "HRASE", "erm", "ERM", "aying", "AYING", "rote",
      "ROTE", "rites", "RITES", "alled it", "ALLED IT", "abel", "ABEL"};

  /** Where a mention cue ("the word", "saying", "wrote", …) starts a word, ascending. */
  private static int[] mentionCues(String message) {
    boolean maybe = false;
    for (String tail : CUE_TAILS) {
      if (message.contains(tail)) {
        maybe = true;
        break;
      }
    }
    if (!maybe) {
      return new int[0];
    }
    BitSet at = null;
    char prev = ' ';
    for (int i = 0; i < message.length(); i++) {
      char c = message.charAt(i);
      char lower = (char) (c | 0x20);
      if (!Character.isLetterOrDigit(prev) && (lower == 't' || lower == 's' || lower == 'w' || lower == 'c' || lower == 'l')) {
        for (String cue : MENTION_CUES) {
          if (cue.charAt(0) == lower && startsWithLower(message, i, cue)) {
            if (at == null) {
              at = new BitSet(message.length());
            }
            at.set(i);
            break;
          }
        }
      }
      prev = c;
    }
    return at == null ? new int[0] : at.stream().toArray();
  }

  private static final String[] USE_VERBS = {"rite", "RITE", "put", "PUT", "ist", "IST", "ark", "ARK", "ile", "ILE",
      "ecord", "ECORD", "nter", "NTER", "og", "OG", "all", "ALL", "halk", "HALK", "with", "WITH", "say", "SAY"};

  /** A fast test before {@link #USED_QUOTE_BEFORE}: does the text before a quote hold one of its verbs at all? */
  private static boolean mayBeUsed(String before) {
    for (String v : USE_VERBS) {
      if (before.contains(v)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code text} has {@code cue} (lowercase ASCII letters and spaces) at {@code at}, ignoring case. */
  private static boolean startsWithLower(String text, int at, String cue) {
    if (at + cue.length() > text.length()) {
      return false;
    }
    for (int k = 1; k < cue.length(); k++) {
      if ((text.charAt(at + k) | 0x20) != cue.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** Blanks quoted phrases, except those used as the author's own words (see {@link #USED_QUOTE_BEFORE}). */
  private static boolean blankQuotes(char[] out, String current) {
    boolean blanked = false;
    Matcher m = QUOTED.matcher(current).useTransparentBounds(true).useAnchoringBounds(false);
    int done = 0;
    for (int start = 0; start < out.length; start++) {
      char c = out[start]; // (the same as in current from where the last quoted phrase ended)
      if ((c != '"' && c != '“' && c != '\'') || start < done || apostropheInWord(current, start)
          || !m.region(start, current.length()).lookingAt()) {
        continue;
      }
      done = m.end();
      String before = current.substring(Math.max(0, m.start() - 60), m.start());
      if (mayBeUsed(before)) {
        Matcher verb = USED_QUOTE_BEFORE.matcher(before);
        if (verb.find() && !NEGATED_BEFORE.matcher(before.substring(0, verb.start())).find()) {
          continue;
        }
      }
      for (int i = m.start(); i < m.end(); i++) {
        if (out[i] != '\n' && out[i] != ' ') {
          out[i] = ' ';
          blanked = true;
        }
      }
    }
    return blanked;
  }

  boolean isBlank() {
    return text.isBlank();
  }
}
