package dev.candor.followup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ReminderPlanTest {
  final ReminderPlan plan = new ReminderPlan(2);

  @Test
  void remindsTwoDaysBefore_onTheDay_thenWeekly_at9InTheOwnersZone() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    LocalDate due = LocalDate.of(2026, 12, 10);
    Instant created = Instant.parse("2026-12-01T12:00:00Z");
    Instant first = plan.next(due, berlin, created);
    assertEquals(Instant.parse("2026-12-08T08:00:00Z"), first, "09:00 in Berlin is 08:00 UTC in winter");
    Instant second = plan.next(due, berlin, first);
    assertEquals(Instant.parse("2026-12-10T08:00:00Z"), second);
    Instant third = plan.next(due, berlin, second);
    assertEquals(Instant.parse("2026-12-17T08:00:00Z"), third, "weekly while overdue");
    assertEquals(Instant.parse("2026-12-24T08:00:00Z"), plan.next(due, berlin, third));
  }

  @Test
  void theSameDueDate_isNineInTheMorningWhereverTheOwnerIs() {
    LocalDate due = LocalDate.of(2026, 12, 10);
    Instant after = Instant.parse("2026-12-09T00:00:00Z");
    assertEquals(Instant.parse("2026-12-10T00:00:00Z"), plan.next(due, ZoneId.of("Asia/Tokyo"), after));
    assertEquals(Instant.parse("2026-12-10T19:00:00Z"), plan.next(due, ZoneId.of("Pacific/Honolulu"), after));
    assertEquals(Instant.parse("2026-12-10T03:30:00Z"), plan.next(due, ZoneId.of("Asia/Kolkata"), after));
  }

  @Test
  void acrossADaylightSavingChange_itStaysAt9LocalTime() {
    ZoneId newYork = ZoneId.of("America/New_York");
    // US clocks go back on 2026-11-01: 09:00 is 13:00 UTC before, 14:00 UTC after
    LocalDate due = LocalDate.of(2026, 10, 27);
    Instant onTheDay = plan.next(due, newYork, Instant.parse("2026-10-26T00:00:00Z"));
    assertEquals(Instant.parse("2026-10-27T13:00:00Z"), onTheDay);
    assertEquals(Instant.parse("2026-11-03T14:00:00Z"), plan.next(due, newYork, onTheDay));
  }

  @Test
  void createdLate_skipsReminders_alreadyPast() {
    ZoneId utc = ZoneId.of("UTC");
    LocalDate due = LocalDate.of(2026, 12, 10);
    assertEquals(Instant.parse("2026-12-10T09:00:00Z"), plan.next(due, utc, Instant.parse("2026-12-09T10:00:00Z")));
    assertEquals(Instant.parse("2026-12-24T09:00:00Z"), plan.next(due, utc, Instant.parse("2026-12-20T10:00:00Z")));
  }

  @Test
  void aSnooze_movesTheNextReminderAWeekOut_at9() {
    assertEquals(Instant.parse("2026-12-08T08:00:00Z"),
        ReminderPlan.aWeekFrom(Instant.parse("2026-12-01T15:00:00Z"), ZoneId.of("Europe/Berlin")));
  }

  @Test
  void noDaysBefore_meansOnTheDayFirst() {
    LocalDate due = LocalDate.of(2026, 12, 10);
    assertEquals(Instant.parse("2026-12-10T09:00:00Z"),
        new ReminderPlan(0).next(due, ZoneId.of("UTC"), Instant.parse("2026-12-01T00:00:00Z")));
  }
}
