package dev.candor.followup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DueDatesTest {
  static final LocalDate FRIDAY = LocalDate.of(2026, 11, 27);

  @ParameterizedTest
  @CsvSource({"2026-12-01,2026-12-01", "today,2026-11-27", "Tomorrow,2026-11-28", "friday,2026-12-04",
      "fri,2026-12-04", "monday,2026-11-30", "in 3 days,2026-11-30", "in 1 day,2026-11-28", "in 2 weeks,2026-12-11",
      "IN 1 WEEK,2026-12-04"})
  void dueDates_areReadAgainstTodayInTheOwnersZone(String text, String expected) {
    assertEquals(Optional.of(LocalDate.parse(expected)), DueDates.parse(text, FRIDAY));
  }

  @ParameterizedTest
  @ValueSource(strings = {"soon", "2026-13-01", "next week", "in days", "31/12/2026", ""})
  void anythingElse_isNotADate(String text) {
    assertTrue(DueDates.parse(text, FRIDAY).isEmpty(), text);
  }
}
