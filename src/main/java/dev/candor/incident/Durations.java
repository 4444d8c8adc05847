package dev.candor.incident;

import java.time.Duration;

/** Durations for people: {@code 2 h 5 min}, {@code 45 s}, {@code 3 d 4 h}. */
public final class Durations {
  private Durations() {}

  public static String words(Duration d) {
    long s = Math.max(0, d.getSeconds());
    long days = s / 86_400;
    long hours = s % 86_400 / 3_600;
    long minutes = s % 3_600 / 60;
    if (days > 0) {
      return days + " d" + (hours > 0 ? " " + hours + " h" : "");
    }
    if (hours > 0) {
      return hours + " h" + (minutes > 0 ? " " + minutes + " min" : "");
    }
    if (minutes > 0) {
      return minutes + " min";
    }
    return s + " s";
  }
}
