package dev.candor.nudge;

/**
 * One representative per set of characters that case-insensitive matching can take for one another, so a literal
 * and the text can be compared char by char. Two chars are in one set when {@link Character#toLowerCase(char)} or
 * {@link Character#toUpperCase(char)} leads from one to the other, directly or through others: {@code k}, {@code K}
 * and the Kelvin sign are one set, {@code s}, {@code S} and the long s another. That covers everything
 * {@link java.util.regex.Pattern} treats as equal under {@code CASE_INSENSITIVE} with or without
 * {@code UNICODE_CASE}, and the lowercasing of words for keywords. Case mapping never leaves the Basic
 * Multilingual Plane; surrogates fold to themselves.
 */
final class CaseFold {
  private static final char[] REPRESENTATIVE = build();

  private CaseFold() {}

  static char fold(char c) {
    return REPRESENTATIVE[c];
  }

  static String fold(CharSequence s) {
    char[] out = new char[s.length()];
    for (int i = 0; i < out.length; i++) {
      out[i] = REPRESENTATIVE[s.charAt(i)];
    }
    return new String(out);
  }

  private static char[] build() {
    int[] parent = new int[Character.MAX_VALUE + 1];
    for (int c = 0; c < parent.length; c++) {
      parent[c] = c;
    }
    for (int c = 0; c < parent.length; c++) {
      union(parent, c, Character.toLowerCase((char) c));
      union(parent, c, Character.toUpperCase((char) c));
    }
    char[] rep = new char[parent.length];
    for (int c = 0; c < parent.length; c++) {
      // The root is the smallest member; its lower case is a member too (one mapping away), and reads better.
      rep[c] = Character.toLowerCase((char) root(parent, c));
    }
    return rep;
  }

  private static int root(int[] parent, int c) {
    while (parent[c] != c) {
      parent[c] = parent[parent[c]];
      c = parent[c];
    }
    return c;
  }

  private static void union(int[] parent, int a, int b) {
    int ra = root(parent, a);
    int rb = root(parent, b);
    if (ra != rb) {
      parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
  }
}
