package dev.candor.followup;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Due dates as people type them, read against today in the owner's time zone: {@code 2026-12-01},
 * {@code today}, {@code tomorrow}, a weekday (the next one after today), {@code in 3 days}, {@code in 2 weeks}.
 */
public final class DueDates {
  private static final Pattern IN = Pattern.compile("in\\s+(\\d{1,3})\\s+(day|days|week|weeks)");

  private DueDates() {}

  public static Optional<LocalDate> parse(String text, LocalDate today) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    switch (t) {
      case "today" -> {
        return Optional.of(today);
      }
      case "tomorrow" -> {
        return Optional.of(today.plusDays(1));
      }
      default -> { }
    }
    Optional<DayOfWeek> weekday = weekday(t);
    if (weekday.isPresent()) {
      LocalDate d = today.plusDays(1);
      while (d.getDayOfWeek() != weekday.get()) {
        d = d.plusDays(1);
      }
      return Optional.of(d);
    }
    Matcher m = IN.matcher(t);
    if (m.matches()) {
      int n = Integer.parseInt(m.group(1));
      return Optional.of(m.group(2).startsWith("week") ? today.plusWeeks(n) : today.plusDays(n));
    }
    try {
      return Optional.of(LocalDate.parse(t));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Optional<DayOfWeek> weekday(String t) {
    for (DayOfWeek d : DayOfWeek.values()) {
      String name = d.name().toLowerCase(Locale.ROOT);
      if (t.equals(name) || t.equals(name.substring(0, 3))) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }
}
