package dev.candor.postmortem;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times as a draft shows them: in one zone, named once, with the date only where it changes. */
final class ShownTimes {
  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
  private static final DateTimeFormatter CLOCK_SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

  private final ZoneId zone;

  ShownTimes(ZoneId zone) {
    this.zone = zone;
  }

  ZoneId zone() {
    return zone;
  }

  /** {@code Europe/Berlin}; {@code UTC} for UTC however it was named. */
  String zoneName() {
    ZoneId z = zone.normalized();
    return z.equals(ZoneOffset.UTC) ? "UTC" : z.getId();
  }

  /** {@code 2023-11-14 23:30}. */
  String dateTime(Instant at) {
    return DATE_TIME.format(at.atZone(zone));
  }

  /** {@code 23:30}, or {@code 23:30:07} with seconds. */
  String clock(Instant at, boolean seconds) {
    return (seconds ? CLOCK_SECONDS : CLOCK).format(at.atZone(zone));
  }

  LocalDate date(Instant at) {
    return at.atZone(zone).toLocalDate();
  }

  /** A list of times: the first shows its date, later ones only when the date changes. */
  Sequence sequence() {
    return new Sequence();
  }

  final class Sequence {
    private LocalDate last;

    String next(Instant at) {
      LocalDate day = date(at);
      String shown = day.equals(last) ? clock(at, false) : dateTime(at);
      last = day;
      return shown;
    }
  }
}
