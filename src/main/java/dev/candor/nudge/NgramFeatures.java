package dev.candor.nudge;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of a message as hashed n-grams, as scikit-learn's {@code TfidfVectorizer} reads them: word 1- and
 * 2-grams (words of two or more letters or digits) and character 2- to 5-grams inside each word padded with a space
 * ({@code char_wb}), lower-cased, each hashed into one of {@link #BUCKETS} buckets (word and character n-grams apart).
 * Counts are sublinear ({@code 1 + ln count}); {@link BlameModel} weighs them by idf and scales each kind to unit
 * length.
 */
final class NgramFeatures {
  static final int BITS = 20;
  static final int BUCKETS = 1 << BITS;
  private static final Pattern WORD = Pattern.compile("(?U)\\b\\w\\w+\\b");
  private static final Pattern SPACE = Pattern.compile("\\s+");

  /** Sparse counts: bucket → sublinear tf, for word n-grams and for character n-grams apart. */
  record Counts(Map<Integer, Float> words, Map<Integer, Float> chars) {}

  private NgramFeatures() {}

  static Counts of(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    Map<Integer, Integer> words = new HashMap<>();
    Matcher m = WORD.matcher(lower);
    String previous = null;
    while (m.find()) {
      String w = m.group();
      add(words, "w " + w);
      if (previous != null) {
        add(words, "b " + previous + " " + w);
      }
      previous = w;
    }
    Map<Integer, Integer> chars = new HashMap<>();
    for (String w : SPACE.split(lower.strip())) {
      if (w.isEmpty()) {
        continue;
      }
      String padded = " " + w + " ";
      for (int n = 2; n <= 5; n++) {
        for (int i = 0; i + n <= padded.length(); i++) {
          add(chars, "c " + padded.substring(i, i + n));
        }
        if (n >= padded.length()) {
          break;
        }
      }
    }
    return new Counts(sublinear(words), sublinear(chars));
  }

  /** A stable bucket for an n-gram: String.hashCode is specified, and mixed so that near strings spread. */
  static int bucket(String gram) {
    int h = gram.hashCode() * 0x9E3779B9;
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    return h >>> (32 - BITS);
  }

  private static void add(Map<Integer, Integer> counts, String gram) {
    counts.merge(bucket(gram), 1, Integer::sum);
  }

  private static Map<Integer, Float> sublinear(Map<Integer, Integer> counts) {
    Map<Integer, Float> out = new HashMap<>(counts.size() * 2);
    counts.forEach((b, c) -> out.put(b, (float) (1 + StrictMath.log(c))));
    return out;
  }

  /** The buckets of {@code counts} in ascending order (a fixed order, so that sums are the same every run). */
  static int[] sortedKeys(Map<Integer, Float> counts) {
    int[] keys = new int[counts.size()];
    int i = 0;
    for (int k : counts.keySet()) {
      keys[i++] = k;
    }
    Arrays.sort(keys);
    return keys;
  }
}
