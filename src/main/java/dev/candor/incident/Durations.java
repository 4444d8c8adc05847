package dev.candor.incident;

import java.time.Duration;

/**
 * Durations for people: {@code 2 h 5 min}, {@code 45 s}, {@code 3 d 4 h}, rounded to the nearest unit shown
 * (25 h 58 min is {@code 1 d 2 h}, 59 min 40 s is {@code 1 h}), never cut down.
 */
public final class Durations {
  private static final long MINUTE = 60;
  private static final long HOUR = 3_600;

  private Durations() {}

  public static String words(Duration d) {
    long s = Math.max(0, d.getSeconds());
    if (s < MINUTE) {
      return s + " s";
    }
    long minutes = nearest(s, MINUTE);
    if (minutes < 60) {
      return minutes + " min";
    }
    if (minutes < 24 * 60) {
      long m = minutes % 60;
      return minutes / 60 + " h" + (m > 0 ? " " + m + " min" : "");
    }
    long hours = nearest(s, HOUR);
    long h = hours % 24;
    return hours / 24 + " d" + (h > 0 ? " " + h + " h" : "");
  }

  /** {@code seconds} in whole {@code unit}s, halves rounded up. */
  private static long nearest(long seconds, long unit) {
    return (seconds + unit / 2) / unit;
  }
}
