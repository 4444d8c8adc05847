package dev.candor.postmortem;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A VTIMEZONE for a zone, built from java.time's rules (RFC 5545 §3.6.5), covering the changes of
 * offset from the last one before the year of {@code from} to the end of the year of {@code to}.
 *
 * <p>Where the clocks do not change in those years, one observance holds the offset (TZOFFSETFROM and
 * TZOFFSETTO alike). Where all of the changes follow the zone's yearly rules (as in every zone with
 * daylight saving today), each rule becomes one STANDARD or DAYLIGHT observance with a yearly RRULE,
 * the form calendars write and read most widely. Otherwise (a zone whose changes follow no rule in those
 * years) each change is an observance of its own. Each observance has its onset as the clocks read
 * before it (DTSTART), TZOFFSETFROM and TZOFFSETTO.
 */
final class IcsTimeZone {
  static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss", Locale.ROOT);
  /** The onset of an observance that has always held, as far as the invite is concerned. */
  private static final LocalDateTime SINCE_LONG_AGO = LocalDateTime.of(1970, 1, 1, 0, 0);

  private IcsTimeZone() {}

  /** Whether the zone never changes its offset, so times are better written in UTC. */
  static boolean isFixed(ZoneId zone) {
    return zone.getRules().isFixedOffset();
  }

  static void addTo(IcsLines lines, ZoneId zone, Instant from, Instant to) {
    ZoneRules rules = zone.getRules();
    Instant yearStart = LocalDate.ofInstant(from, zone).withDayOfYear(1).atStartOfDay(zone).toInstant();
    Instant yearEnd = LocalDate.ofInstant(to, zone).plusYears(1).withDayOfYear(1).atStartOfDay(zone).toInstant();
    Map<Instant, ZoneOffsetTransition> changes = new TreeMap<>();
    ZoneOffsetTransition before = rules.previousTransition(yearStart.plusSeconds(1));
    if (before != null) {
      changes.put(before.getInstant(), before);
    }
    for (ZoneOffsetTransition t = rules.nextTransition(yearStart); t != null && t.getInstant().isBefore(yearEnd);
        t = rules.nextTransition(t.getInstant())) {
      changes.put(t.getInstant(), t);
    }

    lines.add("BEGIN:VTIMEZONE").add("TZID:" + zone.getId());
    Optional<Map<ZoneOffsetTransitionRule, ZoneOffsetTransition>> yearly = yearly(rules, changes.values());
    if (changes.keySet().stream().noneMatch(at -> !at.isBefore(yearStart))) {
      // the clocks do not change in these years: one observance whose offset has held since long before
      ZoneOffset offset = rules.getOffset(yearStart);
      observance(lines, rules.isDaylightSavings(yearStart), SINCE_LONG_AGO, offset, offset, null);
    } else if (yearly.isPresent()) {
      yearly.get().forEach((rule, first) -> observance(lines, rules, first, recurrence(rule)));
    } else {
      if (before == null) {
        ZoneOffset offset = rules.getOffset(yearStart);
        observance(lines, rules.isDaylightSavings(yearStart), SINCE_LONG_AGO, offset, offset, null);
      }
      changes.values().forEach(t -> observance(lines, rules, t, null));
    }
    lines.add("END:VTIMEZONE");
  }

  /**
   * Each yearly rule with its first change among {@code changes}, when every change is one of the
   * rules' and each rule can be written as an RRULE; empty otherwise.
   */
  private static Optional<Map<ZoneOffsetTransitionRule, ZoneOffsetTransition>> yearly(ZoneRules rules,
      Iterable<ZoneOffsetTransition> changes) {
    List<ZoneOffsetTransitionRule> all = rules.getTransitionRules();
    if (all.isEmpty()) {
      return Optional.empty();
    }
    Map<ZoneOffsetTransitionRule, ZoneOffsetTransition> first = new LinkedHashMap<>();
    for (ZoneOffsetTransition t : changes) {
      int year = t.getDateTimeBefore().getYear();
      Optional<ZoneOffsetTransitionRule> rule = all.stream()
          .filter(r -> r.createTransition(year).equals(t) || r.createTransition(year - 1).equals(t)
              || r.createTransition(year + 1).equals(t))
          .findFirst();
      if (rule.isEmpty() || !writable(rule.get(), t)) {
        return Optional.empty();
      }
      first.putIfAbsent(rule.get(), t);
    }
    return first.isEmpty() ? Optional.empty() : Optional.of(first);
  }

  /** Whether the RRULE of {@link #recurrence} lands on the day the clocks change, as read before it. */
  private static boolean writable(ZoneOffsetTransitionRule rule, ZoneOffsetTransition t) {
    LocalDate day = t.getDateTimeBefore().toLocalDate();
    if (rule.isMidnightEndOfDay() || day.getMonth() != rule.getMonth()) {
      return false;
    }
    int indicator = rule.getDayOfMonthIndicator();
    LocalDate anchor = indicator > 0
        ? day.withDayOfMonth(Math.min(indicator, day.lengthOfMonth()))
        : day.with(TemporalAdjusters.lastDayOfMonth()).plusDays(indicator + 1L);
    LocalDate expected = rule.getDayOfWeek() == null ? anchor
        : anchor.with(indicator > 0 ? TemporalAdjusters.nextOrSame(rule.getDayOfWeek())
            : TemporalAdjusters.previousOrSame(rule.getDayOfWeek()));
    return expected.equals(day);
  }

  /**
   * The yearly RRULE of a rule: {@code BYDAY=2SU} for "the second Sunday", {@code -1SU} for "the last",
   * a run of days with a weekday for any other "Sunday on or after the 5th", a day of the month alone
   * for a fixed date.
   */
  static String recurrence(ZoneOffsetTransitionRule rule) {
    StringBuilder r = new StringBuilder("RRULE:FREQ=YEARLY;BYMONTH=").append(rule.getMonth().getValue());
    int indicator = rule.getDayOfMonthIndicator();
    DayOfWeek dow = rule.getDayOfWeek();
    if (dow == null) {
      return r.append(";BYMONTHDAY=").append(indicator).toString();
    }
    String day = dow.name().substring(0, 2);
    if (indicator > 0 && (indicator - 1) % 7 == 0) {
      return r.append(";BYDAY=").append((indicator - 1) / 7 + 1).append(day).toString();
    }
    Month month = rule.getMonth();
    boolean lastWeek = indicator > 0 && month != Month.FEBRUARY && indicator + 6 == month.maxLength();
    if (indicator == -1 || lastWeek) { // "Sunday on or after the 25th" of a 31-day month is its last Sunday
      return r.append(";BYDAY=-1").append(day).toString();
    }
    List<String> days = new ArrayList<>(7);
    for (int i = 0; i < 7; i++) {
      days.add(Integer.toString(indicator > 0 ? indicator + i : indicator - i));
    }
    return r.append(";BYDAY=").append(day).append(";BYMONTHDAY=").append(String.join(",", days)).toString();
  }

  private static void observance(IcsLines lines, ZoneRules rules, ZoneOffsetTransition t, String rrule) {
    observance(lines, rules.isDaylightSavings(t.getInstant()), t.getDateTimeBefore(), t.getOffsetBefore(),
        t.getOffsetAfter(), rrule);
  }

  private static void observance(IcsLines lines, boolean daylight, LocalDateTime onset, ZoneOffset from,
      ZoneOffset to, String rrule) {
    String kind = daylight ? "DAYLIGHT" : "STANDARD";
    lines.add("BEGIN:" + kind)
        .add("DTSTART:" + LOCAL.format(onset))
        .add("TZOFFSETFROM:" + offset(from))
        .add("TZOFFSETTO:" + offset(to));
    if (rrule != null) {
      lines.add(rrule);
    }
    lines.add("END:" + kind);
  }

  /** {@code -0500}, {@code +0530}, or {@code +004540} when seconds matter (§3.3.14). */
  static String offset(ZoneOffset offset) {
    int total = offset.getTotalSeconds();
    int abs = Math.abs(total);
    String hhmm = String.format(Locale.ROOT, "%c%02d%02d", total < 0 ? '-' : '+', abs / 3600, abs / 60 % 60);
    return abs % 60 == 0 ? hhmm : hhmm + String.format(Locale.ROOT, "%02d", abs % 60);
  }
}
