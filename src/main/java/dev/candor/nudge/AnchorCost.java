package dev.candor.nudge;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many tries per char of text a way of anchoring an expression is expected to lead to: how often each literal
 * might occur in chat, times how many starts each occurrence allows. Only a guide to choose between correct ways:
 * it never decides what is found.
 */
final class AnchorCost {
  /** The width guessed for an anchor after an unbounded prefix (read backwards over the text). */
  private static final int UNBOUNDED_WIDTH = 40;
  /** The commonest words of chat, each about once in 150 chars of text. */
  private static final Set<String> VERY_COMMON = Set.of("the", "a", "i", "to", "and", "is", "it", "of", "in", "you",
      "that", "on", "we", "this", "for", "so");
  /** Other common words, each about once in 600 chars. */
  private static final Set<String> COMMON = Set.of("was", "be", "are", "not", "have", "has", "had", "do", "did", "but",
      "at", "as", "me", "my", "our", "he", "she", "they", "just", "if", "or", "all", "up", "out", "what", "who", "no",
      "can", "will", "from", "by", "now", "get", "got", "with", "an", "its", "it's", "that's", "there", "one", "us",
      "your", "should", "would", "could", "been", "were", "them", "then", "any", "like", "know", "think", "see",
      "ok", "yes", "yeah", "lol", "why", "how", "when", "which", "where", "some", "too", "very", "really", "again");
  private static final Map<String, Double> FREQUENCIES = new ConcurrentHashMap<>();

  private AnchorCost() {}

  static double of(List<RegexAnchors.Anchor> cover) {
    if (cover == null) {
      return Double.MAX_VALUE;
    }
    double total = 0;
    for (RegexAnchors.Anchor a : cover) {
      total += of(a.literals(), a.lo(), a.hi());
    }
    return total;
  }

  /** Literals (cut as anchors cut them) from {@code lo} to {@code hi} chars after where a match starts. */
  static double of(Collection<String> literals, int lo, int hi) {
    // Of two anchors alike, the one nearer the start, with less to read back, wins.
    double width = (hi >= RegexAnchors.INF ? UNBOUNDED_WIDTH : hi - lo) + 2 + Math.min(lo, 1_000) * 1e-3;
    double total = 0;
    for (String literal : literals) {
      String cut = literal.length() > RegexAnchors.MAX_LITERAL ? literal.substring(0, RegexAnchors.MAX_LITERAL) : literal;
      total += frequency(cut) * width;
    }
    return total;
  }

  private static double frequency(String literal) {
    Double known = FREQUENCIES.get(literal);
    if (known == null) {
      known = estimatedFrequency(literal);
      if (FREQUENCIES.size() < 100_000) {
        FREQUENCIES.put(literal, known);
      }
    }
    return known;
  }

  /**
   * How often a literal might occur, per char of chat text: the larger of a model by chars (a letter one char in
   * seven, a space one in five) and one by words (common words are far more frequent than their letters
   * suggest), never below one in ten thousand: any phrase may be common in some channel ("this was me" in a
   * retro), so a wide window never comes cheap. Of two otherwise alike, the longer literal wins.
   */
  private static double estimatedFrequency(String literal) {
    double byChars = 1;
    double byWords = 1;
    int word = -1;
    for (int i = 0; i <= literal.length(); i++) {
      char c = i < literal.length() ? literal.charAt(i) : ' ';
      boolean inWord = Character.isLetter(c) || c == '\'';
      if (i < literal.length()) {
        byChars *= Character.isLetter(c) ? 1 / 7.0 : c == ' ' ? 1 / 5.0 : Character.isDigit(c) ? 1 / 15.0 : 1 / 30.0;
      }
      if (inWord && word < 0) {
        word = i;
      } else if (!inWord) {
        if (word >= 0) {
          String w = literal.substring(word, i);
          byWords *= VERY_COMMON.contains(w) ? 1 / 150.0 : COMMON.contains(w) ? 1 / 600.0 : Math.pow(7, -w.length());
          word = -1;
        }
        if (i < literal.length() && c != ' ') {
          byWords *= Character.isDigit(c) ? 1 / 15.0 : 1 / 30.0;
        }
      }
    }
    return Math.max(Math.max(byChars, byWords), 1e-4) * (1 + 0.01 / literal.length());
  }
}
