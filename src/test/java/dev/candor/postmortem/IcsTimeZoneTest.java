package dev.candor.postmortem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneOffsetTransitionRule.TimeDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

class IcsTimeZoneTest {
  static List<String> recurrences(String zone) {
    return ZoneId.of(zone).getRules().getTransitionRules().stream().map(IcsTimeZone::recurrence).toList();
  }

  static ZoneOffsetTransitionRule rule(Month month, int indicator, DayOfWeek dow) {
    ZoneOffset standard = ZoneOffset.ofHours(1);
    return ZoneOffsetTransitionRule.of(month, indicator, dow, LocalTime.of(2, 0), false, TimeDefinition.WALL,
        standard, standard, ZoneOffset.ofHours(2));
  }

  @Test
  void yearlyRules_becomeTheRrulesCalendarsWrite() {
    assertEquals(List.of("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU", "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU"),
        recurrences("America/New_York"));
    assertEquals(List.of("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"),
        recurrences("Europe/Berlin"));
    assertEquals(List.of("RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU"),
        recurrences("Australia/Sydney"));
  }

  @Test
  void otherDays_areWrittenAsARunOfDaysOrAFixedDate() {
    assertEquals("RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=-1FR",
        IcsTimeZone.recurrence(rule(Month.APRIL, 24, DayOfWeek.FRIDAY)));
    assertEquals("RRULE:FREQ=YEARLY;BYMONTH=2;BYDAY=4SU",
        IcsTimeZone.recurrence(rule(Month.FEBRUARY, 22, DayOfWeek.SUNDAY)));
    assertEquals("RRULE:FREQ=YEARLY;BYMONTH=2;BYDAY=SU;BYMONTHDAY=23,24,25,26,27,28,29",
        IcsTimeZone.recurrence(rule(Month.FEBRUARY, 23, DayOfWeek.SUNDAY)));
    assertEquals("RRULE:FREQ=YEARLY;BYMONTH=9;BYDAY=SA;BYMONTHDAY=5,6,7,8,9,10,11",
        IcsTimeZone.recurrence(rule(Month.SEPTEMBER, 5, DayOfWeek.SATURDAY)));
    assertEquals("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=TH;BYMONTHDAY=-2,-3,-4,-5,-6,-7,-8",
        IcsTimeZone.recurrence(rule(Month.MARCH, -2, DayOfWeek.THURSDAY)));
    assertEquals("RRULE:FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=21", IcsTimeZone.recurrence(rule(Month.MARCH, 21, null)));
  }

  @Test
  void offsets_showSecondsOnlyWhenThereAreSome() {
    assertEquals("-0500", IcsTimeZone.offset(ZoneOffset.ofHours(-5)));
    assertEquals("+0530", IcsTimeZone.offset(ZoneOffset.ofHoursMinutes(5, 30)));
    assertEquals("+0000", IcsTimeZone.offset(ZoneOffset.UTC));
    assertEquals("-045602", IcsTimeZone.offset(ZoneOffset.ofHoursMinutesSeconds(-4, -56, -2)));
  }
}
