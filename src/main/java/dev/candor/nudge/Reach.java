package dev.candor.nudge;

import dev.candor.nudge.RegexTree.Alt;
import dev.candor.nudge.RegexTree.Chars;
import dev.candor.nudge.RegexTree.Empty;
import dev.candor.nudge.RegexTree.Exact;
import dev.candor.nudge.RegexTree.Node;
import dev.candor.nudge.RegexTree.Repeat;
import dev.candor.nudge.RegexTree.Seq;
import dev.candor.nudge.RegexTree.Unknown;
import java.util.Arrays;
import java.util.Set;

/**
 * Reads the part of a pattern that comes before one of its anchors backwards over a text, from where the anchor's
 * literal occurs, to find where a match can start: each char read must be one the pattern allows there. Lookarounds
 * are taken to hold, and {@code \b} wherever it can, so every start a real match has is among those found (and
 * usually little else: for "{@code \b[a-z]{2,15} should}", the start of the word before "should", if it is one).
 * Positions are char offsets; sets of them are sorted arrays without repeats.
 */
final class Reach {
  private static final int[] NONE = new int[0];

  private final String text;

  Reach(String text) {
    this.text = text;
  }

  /** Where text matched by {@code n} can start, if it ends at one of {@code ends} (sorted, no repeats). */
  int[] starts(Node n, int[] ends) {
    if (ends.length == 0) {
      return ends;
    }
    if (n instanceof Chars c) {
      return chars(c, ends);
    }
    if (n instanceof Empty e) {
      return e.notInWord() ? notInWord(ends) : ends;
    }
    if (n instanceof Seq s) {
      int[] at = ends;
      for (int i = s.items().size() - 1; i >= 0 && at.length > 0; i--) {
        at = starts(s.items().get(i), at);
      }
      return at;
    }
    if (n instanceof Alt a) {
      int[] all = NONE;
      for (Node b : a.branches()) {
        all = union(all, starts(b, ends));
      }
      return all;
    }
    if (n instanceof Repeat r) {
      return repeat(r, ends);
    }
    if (n instanceof Exact x) {
      return exact(x, ends);
    }
    Unknown u = (Unknown) n;
    int[] out = new int[8];
    int k = 0;
    for (int t : ends) {
      for (int len = u.min(); len <= Math.min(u.max(), t); len++) {
        out = put(out, k++, t - len);
      }
    }
    return sorted(out, k);
  }

  /** Strings looked up by the char before each end, then compared in full. */
  private int[] exact(Exact x, int[] ends) {
    boolean empty = x.strings().contains("");
    int[] out = new int[Math.max(4, ends.length * 2)];
    int k = 0;
    for (int t : ends) {
      if (empty) {
        out = put(out, k++, t);
      }
      if (t == 0) {
        continue;
      }
      char last = CaseFold.fold(text.charAt(t - 1));
      for (String s : x.byLast()[last < 128 ? last : 128]) {
        int from = t - s.length();
        if (from >= 0 && foldedEquals(from, s)) {
          out = put(out, k++, from);
        }
      }
    }
    return sorted(out, k);
  }

  private int[] strings(Set<String> strings, int[] ends) {
    int[] out = new int[Math.max(4, ends.length * 2)];
    int k = 0;
    for (int t : ends) {
      for (String s : strings) {
        int from = t - s.length();
        if (from >= 0 && foldedEquals(from, s)) {
          out = put(out, k++, from);
        }
      }
    }
    return sorted(out, k);
  }

  private int[] chars(Chars c, int[] ends) {
    if (c.choices() != null) {
      return strings(c.choices(), ends);
    }
    int[] out = new int[Math.max(4, ends.length * 2)];
    int k = 0;
    for (int t : ends) {
      if (c.test() != null && c.maxLength() == 1) {
        if (t >= 1 && c.test().test(text.charAt(t - 1))) {
          out = put(out, k++, t - 1);
        }
      } else {
        for (int len = 1; len <= c.maxLength() && len <= t; len++) {
          out = put(out, k++, t - len);
        }
      }
    }
    return sorted(out, k);
  }

  /** The positions where {@code \b} (or a lookbehind of a non-letter, or {@code ^}) could hold. */
  private int[] notInWord(int[] at) {
    int[] out = new int[at.length];
    int k = 0;
    for (int t : at) {
      if (t == 0 || t >= text.length() || !isAsciiWordChar(text.charAt(t - 1)) || !isAsciiWordChar(text.charAt(t))) {
        out[k++] = t;
      }
    }
    return k == at.length ? at : Arrays.copyOf(out, k);
  }

  /** At least {@code min} times the body, then up to {@code max} in all; stops when no new start turns up. */
  private int[] repeat(Repeat r, int[] ends) {
    if (r.body() instanceof Chars c && c.choices() == null) {
      return c.test() != null && c.maxLength() == 1 ? run(c.test(), r.min(), r.max(), ends) : span(r, c, ends);
    }
    int[] at = ends;
    for (int i = 0; i < r.min() && at.length > 0; i++) {
      at = starts(r.body(), at);
    }
    int[] all = at;
    int[] fresh = at;
    for (int i = r.min(); i < r.max() && fresh.length > 0; i++) {
      fresh = minus(starts(r.body(), fresh), all);
      all = union(all, fresh);
    }
    return all;
  }

  /** A repetition of a class it knows: back over the run of its chars before each end, at least min of them. */
  private int[] run(RegexTree.CharTest test, int min, int max, int[] ends) {
    int[] out = new int[16];
    int k = 0;
    for (int t : ends) {
      int from = t;
      while (from > 0 && t - from < max && test.test(text.charAt(from - 1))) {
        from--;
      }
      for (int p = from; p <= t - min; p++) {
        out = put(out, k++, p);
      }
    }
    return sorted(out, k);
  }

  /** A repetition of any char: any length in range, a code point counting one or two chars. */
  private int[] span(Repeat r, Chars c, int[] ends) {
    long longest = (long) r.max() * c.maxLength();
    int[] out = new int[16];
    int k = 0;
    for (int t : ends) {
      for (long p = Math.max(0, t - longest); p <= t - r.min(); p++) {
        out = put(out, k++, (int) p);
      }
    }
    return sorted(out, k);
  }

  private boolean foldedEquals(int from, String folded) {
    for (int i = 0; i < folded.length(); i++) {
      if (CaseFold.fold(text.charAt(from + i)) != folded.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  static boolean isAsciiWordChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }

  private static int[] put(int[] out, int k, int value) {
    if (k == out.length) {
      out = Arrays.copyOf(out, k * 2);
    }
    out[k] = value;
    return out;
  }

  private static int[] sorted(int[] values, int count) {
    if (count == 0) {
      return NONE;
    }
    Arrays.sort(values, 0, count);
    int k = 1;
    for (int i = 1; i < count; i++) {
      if (values[i] != values[k - 1]) {
        values[k++] = values[i];
      }
    }
    return Arrays.copyOf(values, k);
  }

  private static int[] union(int[] a, int[] b) {
    if (a.length == 0) {
      return b;
    }
    if (b.length == 0) {
      return a;
    }
    int[] out = new int[a.length + b.length];
    int i = 0;
    int j = 0;
    int k = 0;
    while (i < a.length || j < b.length) {
      int next = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
      if (i < a.length && a[i] == next) {
        i++;
      }
      if (j < b.length && b[j] == next) {
        j++;
      }
      out[k++] = next;
    }
    return k == out.length ? out : Arrays.copyOf(out, k);
  }

  private static int[] minus(int[] a, int[] b) {
    int[] out = new int[a.length];
    int k = 0;
    int j = 0;
    for (int x : a) {
      while (j < b.length && b[j] < x) {
        j++;
      }
      if (j >= b.length || b[j] != x) {
        out[k++] = x;
      }
    }
    return k == a.length ? a : Arrays.copyOf(out, k);
  }
}
