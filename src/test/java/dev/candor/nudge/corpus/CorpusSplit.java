package dev.candor.nudge.corpus;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which split a message belongs to, decided by its words alone: a hash of its normalised text, so the split
 * never depends on file order and near-copies (other casing, punctuation, mention ids) land together.
 * 15% test, 15% validation, 70% train.
 */
final class CorpusSplit {
  /**
   * Writers who came after both test sets had been measured: their rows train or validate, never test (a row the
   * hash puts in the test split validates instead).
   */
  static final Set<String> TRAIN_ONLY = Set.of("w23-stance", "w24-systems", "w25-support");

  private static final Pattern SLACK_TOKEN = Pattern.compile("<[@#!][^>]*>");
  private static final Pattern NOT_A_WORD = Pattern.compile("[^\\p{L}\\p{N}@]+");

  private CorpusSplit() {}

  /** Lower case, mentions and channel links as {@code @}, everything but letters and digits as one space. */
  static String normalised(String text) {
    String t = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    t = SLACK_TOKEN.matcher(t).replaceAll("@");
    return NOT_A_WORD.matcher(t).replaceAll(" ").strip();
  }

  /** The split of a row by a {@link #TRAIN_ONLY} writer: validation where {@link #of} says test. */
  static String ofTrainOnly(String text) {
    String split = of(text);
    return split.equals("test") ? "validation" : split;
  }

  static String of(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalised(text).getBytes(StandardCharsets.UTF_8));
      int bucket = (int) (Long.parseLong(HexFormat.of().formatHex(digest, 0, 4), 16) % 100);
      return bucket < 15 ? "test" : bucket < 30 ? "validation" : "train";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
