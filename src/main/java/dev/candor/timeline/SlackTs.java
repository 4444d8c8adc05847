package dev.candor.timeline;

import java.math.BigDecimal;
import java.time.Instant;

/** Slack message timestamps ({@code "1700000000.000100"}): unique per channel, and the order of the channel. */
public final class SlackTs {
  private SlackTs() {}

  public static Instant toInstant(String ts) {
    try {
      BigDecimal seconds = new BigDecimal(ts);
      long whole = seconds.longValue();
      long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
      return Instant.ofEpochSecond(whole, nanos);
    } catch (NumberFormatException | NullPointerException e) {
      return Instant.EPOCH;
    }
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
