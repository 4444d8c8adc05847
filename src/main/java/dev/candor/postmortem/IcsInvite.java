package dev.candor.postmortem;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An RFC 5545 invite to a post-mortem meeting: a VCALENDAR with METHOD:REQUEST, a VTIMEZONE for the
 * meeting's zone, and one VEVENT whose start and end carry that zone. People with an email address are
 * ORGANIZER and ATTENDEE as {@code mailto:}; people without one are named in the description, so no
 * one is silently left out. Pure: the same arguments give the same bytes.
 */
public final class IcsInvite {
  static final String PRODID = "-//Candor//Candor post-mortem invite//EN";
  private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private IcsInvite() {}

  /**
   * Someone invited: a Slack user id, the name to show, and an email address if Slack has one.
   * {@code name} falls back to the id; a blank email counts as none.
   */
  public record Person(String userId, String name, Optional<String> email) {
    public Person {
      Objects.requireNonNull(userId, "userId");
      name = name == null || name.isBlank() ? userId : name.strip();
      email = email == null ? Optional.empty() : email.map(String::strip).filter(e -> !e.isEmpty());
    }

    /** The {@code mailto:} address, when the email is one that can be written as it. */
    Optional<String> mailto() {
      return email.flatMap(IcsInvite::mailto);
    }
  }

  /**
   * The invite. {@code uid} is stable per incident's meeting; {@code sequence} is 0 first and higher on
   * each reschedule; {@code stamp} is now. Attendees are listed once each, in the order given.
   */
  public static String of(String uid, int sequence, Instant stamp, String summary, String description,
      Meeting meeting, Person organizer, List<Person> attendees) {
    if (uid == null || uid.isBlank()) {
      throw new IllegalArgumentException("an invite needs a uid");
    }
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence starts at 0: " + sequence);
    }
    Objects.requireNonNull(stamp, "stamp");
    Objects.requireNonNull(meeting, "meeting");
    Objects.requireNonNull(organizer, "organizer");
    Map<String, Person> invited = new LinkedHashMap<>();
    for (Person p : attendees) {
      invited.putIfAbsent(p.userId(), p);
    }

    ZoneId zone = meeting.start().getZone();
    IcsLines ics = new IcsLines();
    ics.add("BEGIN:VCALENDAR").add("PRODID:" + PRODID).add("VERSION:2.0").add("CALSCALE:GREGORIAN")
        .add("METHOD:REQUEST");
    boolean fixed = IcsTimeZone.isFixed(zone);
    if (!fixed) {
      IcsTimeZone.addTo(ics, zone, meeting.start().toInstant(), meeting.end().toInstant());
    }
    ics.add("BEGIN:VEVENT")
        .add("UID:" + IcsLines.text(uid.strip()))
        .add("SEQUENCE:" + sequence)
        .add("DTSTAMP:" + UTC.format(stamp.truncatedTo(ChronoUnit.SECONDS)))
        .add("DTSTART" + when(meeting.start(), fixed))
        .add("DTEND" + when(meeting.end(), fixed))
        .add("SUMMARY:" + IcsLines.text(summary))
        .add("DESCRIPTION:" + IcsLines.text(description(description, organizer, invited.values())));
    if (!meeting.where().isEmpty()) {
      ics.add("LOCATION:" + IcsLines.text(meeting.where()));
    }
    organizer.mailto().ifPresent(to -> ics.add("ORGANIZER;CN=" + IcsLines.quoted(organizer.name()) + ":" + to));
    for (Person p : invited.values()) {
      p.mailto().ifPresent(to -> ics.add("ATTENDEE;CN=" + IcsLines.quoted(p.name())
          + ";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:" + to));
    }
    ics.add("STATUS:CONFIRMED").add("TRANSP:OPAQUE").add("END:VEVENT").add("END:VCALENDAR");
    return ics.toString();
  }

  /**
   * {@code ;TZID=America/New_York:20240308T090000}; in UTC ({@code :20240308T140000Z}) in a fixed zone,
   * and for the second run of an hour the clocks repeat, since a local time names the first (§3.3.5).
   */
  private static String when(ZonedDateTime at, boolean fixed) {
    return fixed || !at.withEarlierOffsetAtOverlap().equals(at)
        ? ":" + UTC.format(at.toInstant())
        : ";TZID=" + at.getZone().getId() + ":" + IcsTimeZone.LOCAL.format(at.toLocalDateTime());
  }

  /** The caller's words, then who is invited without an address, and an organizer without one (once). */
  private static String description(String text, Person organizer, Iterable<Person> invited) {
    StringBuilder d = new StringBuilder(text == null ? "" : text.strip());
    List<String> unreachable = new ArrayList<>();
    for (Person p : invited) {
      if (p.mailto().isEmpty() && !(p.userId().equals(organizer.userId()) && organizer.mailto().isEmpty())) {
        unreachable.add(p.name());
      }
    }
    if (!unreachable.isEmpty()) {
      d.append(d.length() == 0 ? "" : "\n\n").append("Also invited (no email in Slack): ")
          .append(String.join(", ", unreachable)).append('.');
    }
    if (organizer.mailto().isEmpty()) {
      d.append(d.length() == 0 ? "" : unreachable.isEmpty() ? "\n\n" : "\n").append("Organized by ")
          .append(organizer.name()).append(" (no email in Slack).");
    }
    return d.toString();
  }

  /**
   * {@code mailto:} and the address (RFC 6068), characters beyond the plain ones percent-encoded as
   * UTF-8; empty when it is not an address (no single {@code @} between two non-empty parts, or blanks).
   */
  static Optional<String> mailto(String email) {
    int at = email.indexOf('@');
    if (at <= 0 || at != email.lastIndexOf('@') || at == email.length() - 1
        || email.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
      return Optional.empty();
    }
    StringBuilder uri = new StringBuilder("mailto:");
    for (byte b : email.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~!$'*+=@".indexOf(c) >= 0) {
        uri.append((char) c);
      } else {
        uri.append('%').append(String.format(Locale.ROOT, "%02X", c));
      }
    }
    return Optional.of(uri.toString());
  }
}
