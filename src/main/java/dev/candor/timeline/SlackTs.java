package dev.candor.timeline;

import java.math.BigDecimal;
import java.time.Instant;

/** Slack message timestamps ({@code "1700000000.000100"}): unique per channel, and the order of the channel. */
public final class SlackTs {
  private SlackTs() {}

  public static Instant toInstant(String ts) {
    Instant plain = plain(ts);
    if (plain != null) {
      return plain;
    }
    try {
      BigDecimal seconds = new BigDecimal(ts);
      long whole = seconds.longValue();
      long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
      return Instant.ofEpochSecond(whole, nanos);
    } catch (NumberFormatException | NullPointerException e) {
      return Instant.EPOCH;
    }
  }

  /**
   * The common form, {@code seconds.fraction} in plain digits, read without {@link BigDecimal} (timelines read
   * a ts many times); null for anything else, which the general reading handles.
   */
  private static Instant plain(String ts) {
    if (ts == null) {
      return null;
    }
    int dot = ts.indexOf('.');
    int end = dot < 0 ? ts.length() : dot;
    if (end == 0 || end > 15) {
      return null;
    }
    long seconds = 0;
    for (int i = 0; i < end; i++) {
      char c = ts.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
      seconds = seconds * 10 + (c - '0');
    }
    long nanos = 0;
    int digits = 0;
    for (int i = end + 1; i < ts.length(); i++) {
      char c = ts.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
      if (digits < 9) {
        nanos = nanos * 10 + (c - '0');
        digits++;
      }
    }
    if (dot >= 0 && dot == ts.length() - 1) {
      return null;
    }
    for (; digits < 9; digits++) {
      nanos *= 10;
    }
    return Instant.ofEpochSecond(seconds, nanos);
  }

  /** A ts for a moment, in Slack's form, for entries Candor makes itself. */
  public static String of(Instant at) {
    return at.getEpochSecond() + "." + String.format("%06d", at.getNano() / 1_000);
  }

  /** Orders two ts values as Slack does (numerically, not as strings). */
  public static int compare(String a, String b) {
    return toInstant(a).compareTo(toInstant(b));
  }
}
