package dev.candor.nudge;

import java.util.Arrays;
import java.util.regex.Matcher;

/**
 * One text as the rules see it. One pass of the {@link RuleIndex}'s automaton notes where each literal occurs;
 * from that, a rule's keywords are looked up when the rule is first asked about, and a pattern is tried only at the
 * positions its anchors allow, in ascending order, which finds the same first match as {@code find()} over the
 * whole text (a pattern without anchors is given {@code find()} itself). Results are kept, so a pattern or an
 * exception shared by several rules is tried once. For one thread.
 */
final class MessageScan implements LiteralScanner.Hits {
  /** In {@link #tried}: not yet tried, tried without a match, matched (then {@link #start} and {@link #end}). */
  private static final byte UNTRIED = 0;
  private static final byte NO_MATCH = 1;
  private static final byte MATCH = 2;
  /** In {@link #keywordSeen}: not yet looked up, or whether one of the rule's keywords is among the words. */
  private static final byte UNKNOWN = 0;
  private static final byte YES = 1;
  private static final byte NO = 2;

  private final RuleIndex index;
  private final String text;
  /**
   * For each literal, its last occurrence, as one more than an index in {@link #hitAt} (0 for none: a new array needs
   * no filling); they chain back by {@link #hitBefore}, the same way.
   */
  private final int[] lastHit;
  private int[] hitAt = new int[512];
  private int[] hitBefore = new int[512];
  private int hits;
  private final byte[] keywordSeen;
  private final byte[] tried;
  private final int[] start;
  private final int[] end;
  private int[] buffer = new int[64];
  private Reach reach;
  private static final int[] NO_POSITIONS = new int[0];

  MessageScan(RuleIndex index, String text) {
    this.index = index;
    this.text = text;
    this.lastHit = new int[index.scanner.literals()];
    this.keywordSeen = new byte[index.rules.size()];
    this.tried = new byte[index.patterns.length];
    this.start = new int[index.patterns.length];
    this.end = new int[index.patterns.length];
    index.scanner.scan(text, this);
  }

  @Override
  public void hit(int literal, int at) {
    if (hits == hitAt.length) {
      hitAt = Arrays.copyOf(hitAt, hits * 2);
      hitBefore = Arrays.copyOf(hitBefore, hits * 2);
    }
    hitAt[hits] = at;
    hitBefore[hits] = lastHit[literal];
    lastHit[literal] = ++hits;
  }

  /** Whether one of the rule's keywords is among the words of the text (a rule without keywords always may). */
  boolean mayApply(int rule) {
    int[] pairs = index.ruleKeywords[rule];
    if (pairs == null) {
      return true;
    }
    if (keywordSeen[rule] == UNKNOWN) {
      keywordSeen[rule] = NO;
      search:
      for (int i = 0; i < pairs.length; i += 2) {
        for (int h = lastHit[pairs[i]]; h > 0; h = hitBefore[h - 1]) {
          if (isWord(hitAt[h - 1], index.keywords[pairs[i + 1]])) {
            keywordSeen[rule] = YES;
            break search;
          }
        }
      }
    }
    return keywordSeen[rule] == YES;
  }

  /**
   * Whether the word at {@code at} is {@code keyword}: a word is a run of letters, digits, {@code _} and
   * apostrophes ({@code '} or {@code ’}), lowercased, without the quote marks around it ('human' is human).
   */
  private boolean isWord(int at, String keyword) {
    int n = keyword.length();
    if (at + n > text.length()) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = text.charAt(at + i);
      if ((c == '’' ? '\'' : Character.toLowerCase(c)) != keyword.charAt(i)) {
        return false;
      }
    }
    int before = at - 1;
    while (before >= 0 && isQuote(text.charAt(before))) {
      before--;
    }
    int after = at + n;
    while (after < text.length() && isQuote(text.charAt(after))) {
      after++;
    }
    return (before < 0 || !isWordChar(text.charAt(before))) && (after >= text.length() || !isWordChar(text.charAt(after)));
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || isQuote(c);
  }

  private static boolean isQuote(char c) {
    return c == '\'' || c == '’';
  }

  /** Where the first match of the pattern starts (as {@code find()} gives it), or -1. */
  int find(int pattern) {
    if (tried[pattern] == UNTRIED) {
      tried[pattern] = NO_MATCH;
      if (!holdsRequired(pattern)) {
        return -1;
      }
      if (index.anchors[pattern] == null) {
        Matcher m = index.matcher(pattern, text);
        if (m.find()) {
          tried[pattern] = MATCH;
          start[pattern] = m.start();
          end[pattern] = m.end();
        }
      } else {
        tryAnchored(pattern);
      }
    }
    return tried[pattern] == MATCH ? start[pattern] : -1;
  }

  /** Whether the text holds a literal of each of the pattern's required sets (else the pattern cannot match). */
  private boolean holdsRequired(int pattern) {
    for (int[] set : index.required[pattern]) {
      boolean any = false;
      for (int l : set) {
        if (lastHit[l] != 0) {
          any = true;
          break;
        }
      }
      if (!any) {
        return false;
      }
    }
    return true;
  }

  /** Where the match {@link #find} found ends. */
  int end(int pattern) {
    return end[pattern];
  }

  /**
   * Tries the pattern where its anchors allow a match to start ({@link Reach}), each position once, lowest first;
   * with {@code wordStart}, never between two ASCII letters or digits, where {@code \b} cannot hold.
   */
  private void tryAnchored(int pattern) {
    int[] starts = null;
    for (RuleIndex.Anchor a : index.anchors[pattern]) {
      int[] ends = occurrences(a.literals());
      if (ends.length > 0) {
        if (a.prefix() != null) {
          if (reach == null) {
            reach = new Reach(text);
          }
          ends = reach.starts(a.prefix(), ends);
        }
        starts = starts == null ? ends : merge(starts, ends);
      }
    }
    if (starts == null) {
      return;
    }
    boolean wordStart = index.wordStart[pattern];
    Matcher m = null;
    for (int p : starts) {
      if (p >= text.length()
          || (wordStart && p > 0 && Reach.isAsciiWordChar(text.charAt(p - 1)) && Reach.isAsciiWordChar(text.charAt(p)))) {
        continue;
      }
      if (m == null) {
        // (made ready only now: most patterns have no start in a text, and a reset is not free)
        m = index.matcher(pattern, text).useTransparentBounds(true).useAnchoringBounds(false);
      }
      if (m.region(p, text.length()).lookingAt()) {
        tried[pattern] = MATCH;
        start[pattern] = m.start();
        end[pattern] = m.end();
        return;
      }
    }
  }

  /** Where any of the literals occurs, ascending, without repeats. */
  private int[] occurrences(int[] literals) {
    int k = 0;
    for (int l : literals) {
      for (int h = lastHit[l]; h > 0; h = hitBefore[h - 1]) {
        if (k == buffer.length) {
          buffer = Arrays.copyOf(buffer, k * 2);
        }
        buffer[k++] = hitAt[h - 1];
      }
    }
    if (k == 0) {
      return NO_POSITIONS;
    }
    int[] out = Arrays.copyOf(buffer, k);
    Arrays.sort(out);
    int n = 1;
    for (int i = 1; i < k; i++) {
      if (out[i] != out[n - 1]) {
        out[n++] = out[i];
      }
    }
    return n == k ? out : Arrays.copyOf(out, n);
  }

  private static int[] merge(int[] a, int[] b) {
    int[] out = new int[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    Arrays.sort(out);
    int n = out.length == 0 ? 0 : 1;
    for (int i = 1; i < out.length; i++) {
      if (out[i] != out[n - 1]) {
        out[n++] = out[i];
      }
    }
    return Arrays.copyOf(out, n);
  }
}
