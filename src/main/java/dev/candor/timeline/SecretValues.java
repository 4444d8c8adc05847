package dev.candor.timeline;

import java.util.Locale;
import java.util.Set;

/**
 * What a value found after a secret's name looks like, so that prose and placeholders stay as written: masking
 * rewrites evidence, so a value is taken out only when it could be a secret where it stands.
 */
final class SecretValues {
  private static final Set<String> PLACEHOLDERS = Set.of("null", "nil", "none", "true", "false", "undefined",
      "empty", "redacted", "masked", "hidden", "string", "required", "optional", "xxx");

  private SecretValues() {}

  /** A reference or a stand-in, not a value: {@code ${DB_PASSWORD}}, {@code <token>}, {@code ****}, a path, a call. */
  static boolean placeholder(String v) {
    if (v.isEmpty() || "$<%{[(*/~.…".indexOf(v.charAt(0)) >= 0 || v.indexOf('(') >= 0 || v.indexOf('…') >= 0) {
      return true;
    }
    if (v.chars().distinct().count() == 1) {
      return true;
    }
    String lower = v.toLowerCase(Locale.ROOT);
    if (PLACEHOLDERS.contains(lower) || lower.startsWith("your") || lower.startsWith("process.env")
        || lower.startsWith("os.environ") || lower.startsWith("env.") || lower.startsWith("secrets.")) {
      return true;
    }
    return isEnvName(v);
  }

  /** {@code YOUR_API_KEY}, {@code DB_PASSWORD}: the name of a variable, as a value. */
  private static boolean isEnvName(String v) {
    boolean underscore = false;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '_') {
        underscore = true;
      } else if (!(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9')) {
        return false;
      }
    }
    return underscore;
  }

  /**
   * Words and identifiers ({@code expired}, {@code verification_failures_everywhere}, {@code db-credentials},
   * {@code Bearer}): letters only, each part separated by {@code - _ .} all lower, all upper or capitalised.
   */
  static boolean wordLike(String v) {
    int partStart = 0;
    for (int i = 0; i <= v.length(); i++) {
      if (i == v.length() || "-_.".indexOf(v.charAt(i)) >= 0) {
        if (!plainWord(v, partStart, i)) {
          return false;
        }
        partStart = i + 1;
      }
    }
    return true;
  }

  private static boolean plainWord(String v, int from, int to) {
    if (to <= from) {
      return false;
    }
    int upper = 0;
    for (int i = from; i < to; i++) {
      char c = v.charAt(i);
      if (!Character.isLetter(c)) {
        return false;
      }
      if (Character.isUpperCase(c)) {
        upper++;
      }
    }
    int length = to - from;
    return upper == 0 || upper == length || (upper == 1 && Character.isUpperCase(v.charAt(from)));
  }

  /**
   * Looks generated, not written: at least 8 characters, not a word or identifier, and letters mixed with digits
   * or symbols, or upper and lower case mixed throughout (base64).
   */
  static boolean randomLooking(String v) {
    if (v.length() < 8 || placeholder(v) || wordLike(v)) {
      return false;
    }
    int letters = 0;
    int upper = 0;
    int lower = 0;
    int digits = 0;
    int symbols = 0;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (Character.isLetter(c)) {
        letters++;
        upper += Character.isUpperCase(c) ? 1 : 0;
        lower += Character.isLowerCase(c) ? 1 : 0;
      } else if (Character.isDigit(c)) {
        digits++;
      } else if ("-_.".indexOf(c) < 0) {
        symbols++;
      }
    }
    if (letters == 0) {
      return false;
    }
    return digits > 0 || symbols > 0 || (upper * 5 >= v.length() && lower * 5 >= v.length());
  }
}
