package dev.candor.insights;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The days a report covers, {@code from} to {@code to} inclusive, as dates in {@code zone}. */
public record Period(LocalDate from, LocalDate to, ZoneId zone) {

  public Period {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(zone, "zone");
    if (from.isAfter(to)) {
      throw new IllegalArgumentException("the period starts " + from + ", after it ends " + to);
    }
  }

  /** The calendar quarter {@code today} is in, up to today. */
  public static Period quarterOf(LocalDate today, ZoneId zone) {
    int firstMonth = (today.getMonthValue() - 1) / 3 * 3 + 1;
    return new Period(LocalDate.of(today.getYear(), firstMonth, 1), today, zone);
  }

  /** The instant the period starts: midnight of {@code from} in the zone. */
  public Instant start() {
    return from.atStartOfDay(zone).toInstant();
  }

  /** The Monday that starts the week {@code date} is in. */
  public static LocalDate weekOf(LocalDate date) {
    return date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  /** The date of {@code instant} in the period's zone. */
  public LocalDate dateOf(Instant instant) {
    return LocalDate.ofInstant(instant, zone);
  }

  /** Every week (its Monday) the period touches, oldest first. */
  public List<LocalDate> weeks() {
    List<LocalDate> weeks = new ArrayList<>();
    for (LocalDate w = weekOf(from); !w.isAfter(to); w = w.plusWeeks(1)) {
      weeks.add(w);
    }
    return weeks;
  }

  /** Every month the period touches, oldest first. */
  public List<YearMonth> months() {
    List<YearMonth> months = new ArrayList<>();
    for (YearMonth m = YearMonth.from(from); !m.isAfter(YearMonth.from(to)); m = m.plusMonths(1)) {
      months.add(m);
    }
    return months;
  }
}
