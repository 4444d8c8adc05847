package dev.candor.followup;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * When a follow-up's owner is reminded: {@code remindDays} before the due date, on it, and weekly while
 * it is overdue — each at 09:00 in the owner's time zone (daylight saving included).
 */
public final class ReminderPlan {
  public static final LocalTime AT = LocalTime.of(9, 0);
  private final int remindDays;

  public ReminderPlan(int remindDays) {
    this.remindDays = remindDays;
  }

  /** The first reminder strictly after {@code after}. */
  public Instant next(LocalDate due, ZoneId zone, Instant after) {
    if (remindDays > 0) {
      Instant early = at(due.minusDays(remindDays), zone);
      if (early.isAfter(after)) {
        return early;
      }
    }
    Instant onTheDay = at(due, zone);
    if (onTheDay.isAfter(after)) {
      return onTheDay;
    }
    LocalDate afterDay = LocalDate.ofInstant(after, zone);
    long weeks = Math.max(1, (ChronoUnit.DAYS.between(due, afterDay)) / 7);
    Instant weekly = at(due.plusWeeks(weeks), zone);
    while (!weekly.isAfter(after)) {
      weeks++;
      weekly = at(due.plusWeeks(weeks), zone);
    }
    return weekly;
  }

  /** A week from {@code now}, at 09:00 in the owner's zone: where a snooze moves the next reminder. */
  public static Instant aWeekFrom(Instant now, ZoneId zone) {
    return at(LocalDate.ofInstant(now, zone).plusWeeks(1), zone);
  }

  static Instant at(LocalDate day, ZoneId zone) {
    return ZonedDateTime.of(day, AT, zone).toInstant();
  }
}
