package dev.candor.postmortem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.postmortem.IcsInvite.Person;
import dev.candor.postmortem.IcsReader.Line;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.property.DateProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Invites read back two ways: with ical4j, an independent parser that also builds its own zone rules
 * from our VTIMEZONE, and with {@link IcsReader}, a small reader written from the RFC for the raw lines.
 */
class IcsInviteTest {
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  static final Instant STAMP = Instant.parse("2024-03-05T23:00:00.123456Z");
  static final Person ERIN = new Person("U0ERIN", "Erin", Optional.of("erin@example.com"));
  static final Person ALICE = new Person("U0ALICE", "Alice Ng", Optional.of("alice@example.com"));
  static final Person BOB = new Person("U0BOB", "Bob", Optional.empty());
  static final Person CAROL = new Person("U0CAROL", "Carol", Optional.of("carol@example.com"));

  static Meeting meeting(ZonedDateTime start, Duration length, String where) {
    return new Meeting(start, length, "U0ERIN", List.of("U0ALICE", "U0BOB", "U0CAROL"), where);
  }

  /** The week daylight saving starts in New York (Sunday 10 March 2024, 02:00 → 03:00). */
  static Meeting beforeTheChange() {
    return meeting(ZonedDateTime.of(2024, 3, 8, 9, 0, 0, 0, NEW_YORK), Duration.ofMinutes(60), "Room 4, 2nd floor");
  }

  static String invite(Meeting meeting) {
    return IcsInvite.of("candor-INC-12-postmortem@T0TEAM", 0, STAMP, "Post-mortem: INC-12 Checkout errors in EU",
        "Blameless post-mortem of INC-12.", meeting, ERIN, List.of(ALICE, BOB, CAROL));
  }

  static Calendar parsed(String ics) throws IOException, ParserException {
    return new CalendarBuilder().build(new StringReader(ics));
  }

  static Component event(Calendar calendar) {
    return calendar.getComponent("VEVENT").orElseThrow();
  }

  static String value(Component c, String name) {
    return c.getProperty(name).map(Property::getValue).orElseThrow(() -> new AssertionError("no " + name));
  }

  static String param(Property p, String name) {
    return p.getParameter(name).map(Parameter::getValue).orElseThrow(() -> new AssertionError("no " + name));
  }

  /** When ical4j, reading our VTIMEZONE, places a DTSTART or DTEND. */
  static Instant instant(Component event, String name) {
    Temporal t = ((DateProperty<?>) event.getProperty(name).orElseThrow()).getDate();
    return Instant.from(t);
  }

  @Test
  void anInvite_readsBackWithItsCalendarEventAndPeople() throws Exception {
    Meeting meeting = beforeTheChange();
    Calendar calendar = parsed(invite(meeting));

    assertEquals(IcsInvite.PRODID, calendar.getProperty("PRODID").orElseThrow().getValue());
    assertEquals("2.0", calendar.getProperty("VERSION").orElseThrow().getValue());
    assertEquals("GREGORIAN", calendar.getProperty("CALSCALE").orElseThrow().getValue());
    assertEquals("REQUEST", calendar.getProperty("METHOD").orElseThrow().getValue());
    assertEquals("America/New_York", calendar.getComponent("VTIMEZONE").orElseThrow().getProperty("TZID")
        .orElseThrow().getValue());
    assertTrue(calendar.validate().getEntries().isEmpty(), () -> calendar.validate().toString());

    Component event = event(calendar);
    assertEquals("candor-INC-12-postmortem@T0TEAM", value(event, "UID"));
    assertEquals("0", value(event, "SEQUENCE"));
    assertEquals("20240305T230000Z", value(event, "DTSTAMP"));
    assertEquals("America/New_York", param(event.getProperty("DTSTART").orElseThrow(), "TZID"));
    assertEquals("20240308T090000", value(event, "DTSTART"));
    assertEquals("America/New_York", param(event.getProperty("DTEND").orElseThrow(), "TZID"));
    assertEquals("20240308T100000", value(event, "DTEND"));
    assertEquals(Instant.parse("2024-03-08T14:00:00Z"), instant(event, "DTSTART"));
    assertEquals(Instant.parse("2024-03-08T15:00:00Z"), instant(event, "DTEND"));
    assertEquals("Post-mortem: INC-12 Checkout errors in EU", value(event, "SUMMARY"));
    assertEquals("Room 4, 2nd floor", value(event, "LOCATION"));
    assertEquals("Blameless post-mortem of INC-12.\n\nAlso invited (no email in Slack): Bob.",
        value(event, "DESCRIPTION"));

    Property organizer = event.getProperty("ORGANIZER").orElseThrow();
    assertEquals("mailto:erin@example.com", organizer.getValue());
    assertEquals("Erin", param(organizer, "CN"));
    List<Property> attendees = event.getProperties("ATTENDEE");
    assertEquals(List.of("mailto:alice@example.com", "mailto:carol@example.com"),
        attendees.stream().map(Property::getValue).toList());
    Property alice = attendees.get(0);
    assertEquals("Alice Ng", param(alice, "CN"));
    assertEquals("REQ-PARTICIPANT", param(alice, "ROLE"));
    assertEquals("NEEDS-ACTION", param(alice, "PARTSTAT"));
    assertEquals("TRUE", param(alice, "RSVP"));
  }

  @Test
  void theRawText_isCrlfLinesOfAtMost75Octets_inTheOrderTheRfcShows() {
    String ics = invite(beforeTheChange());

    assertTrue(ics.endsWith("END:VCALENDAR\r\n"), ics);
    assertFalse(ics.replace("\r\n", "").contains("\n") || ics.replace("\r\n", "").contains("\r"), "a bare LF or CR");
    List<Line> lines = IcsReader.lines(ics);
    assertEquals(List.of("VCALENDAR", "VTIMEZONE", "STANDARD", "DAYLIGHT", "VEVENT"),
        IcsReader.all(lines, "BEGIN").stream().map(Line::value).distinct().toList());
    List<Line> event = IcsReader.event(lines);
    assertEquals(List.of("UID", "SEQUENCE", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "LOCATION",
        "ORGANIZER", "ATTENDEE", "ATTENDEE", "STATUS", "TRANSP"), event.stream().map(Line::name).toList());
    Line start = IcsReader.first(event, "DTSTART");
    assertEquals(Map.of("TZID", "America/New_York"), start.params());
    assertEquals("20240308T090000", start.value());
    Line carol = IcsReader.all(event, "ATTENDEE").get(1);
    assertEquals(Map.of("CN", "Carol", "ROLE", "REQ-PARTICIPANT", "PARTSTAT", "NEEDS-ACTION", "RSVP", "TRUE"),
        carol.params());
    assertEquals("mailto:carol@example.com", carol.value());
  }

  @ParameterizedTest(name = "{0} {1} for {2} min")
  @CsvSource({
      // New York, the Friday before daylight saving starts, and across the change itself
      "America/New_York, 2024-03-08T09:00, 60",
      "America/New_York, 2024-03-10T01:30, 60",
      "America/New_York, 2024-03-11T09:00, 45",
      // back to standard time: a meeting that ends in the repeated hour
      "America/New_York, 2024-11-03T00:30, 90",
      "America/New_York, 2024-11-03T01:15, 30",
      "America/New_York, 2024-01-10T09:00, 60",
      // Berlin's change is at 01:00 UTC; Sydney's summer spans the new year; Lord Howe moves by 30 min
      "Europe/Berlin, 2024-10-27T01:30, 120",
      "Europe/Berlin, 2024-03-31T01:30, 60",
      "Australia/Sydney, 2024-01-15T10:00, 60",
      "Australia/Sydney, 2024-10-06T01:30, 60",
      "Australia/Lord_Howe, 2024-04-07T01:15, 60",
      "America/Sao_Paulo, 2024-06-01T10:00, 60",
      "Asia/Kolkata, 2024-07-01T15:00, 60",
      "Africa/Casablanca, 2024-03-20T10:00, 60",
      "Europe/London, 2024-12-31T23:30, 60"})
  void dtstartAndDtend_placeTheMeetingAtItsInstant(String zone, String local, int minutes) throws Exception {
    ZonedDateTime start = ZonedDateTime.of(LocalDateTime.parse(local), ZoneId.of(zone));
    Meeting meeting = meeting(start, Duration.ofMinutes(minutes), "");
    String ics = invite(meeting);

    List<Line> lines = IcsReader.lines(ics);
    List<IcsReader.Observance> observances = IcsReader.observances(lines);
    if (observances.stream().anyMatch(o -> o.recurring()) || observances.size() == 1) {
      // ical4j 4.0.8 builds its zone rules from yearly observances or a single one, and from the date
      // it runs on; a zone whose clocks change by no rule is read by IcsReader alone
      Component event = event(parsed(ics));
      assertEquals(start.toInstant(), instant(event, "DTSTART"), ics);
      assertEquals(meeting.end().toInstant(), instant(event, "DTEND"), ics);
    }
    for (String name : List.of("DTSTART", "DTEND")) {
      Line line = IcsReader.first(IcsReader.event(lines), name);
      Instant expected = name.equals("DTSTART") ? start.toInstant() : meeting.end().toInstant();
      if (line.value().endsWith("Z")) {
        assertEquals(expected, LocalDateTime.parse(line.value(), IcsReader.LOCAL_UTC).toInstant(ZoneOffset.UTC), ics);
        assertTrue(ZonedDateTime.ofInstant(expected, ZoneId.of(zone)).withEarlierOffsetAtOverlap().toInstant()
            .isBefore(expected), "UTC only for the repeated hour: " + line);
      } else {
        assertEquals(zone, line.params().get("TZID"));
        assertEquals(IcsTimeZone.LOCAL.format(ZonedDateTime.ofInstant(expected, ZoneId.of(zone))), line.value());
        if (observances.stream().noneMatch(IcsReader.Observance::recurring)) {
          assertEquals(expected, IcsReader.place(observances, LocalDateTime.parse(line.value(), IcsReader.LOCAL)),
              ics);
        }
      }
    }
  }

  @Test
  void aZoneThatNeverChanges_usesUtcTimes_andNoVtimezone() throws Exception {
    for (ZoneId zone : List.of(ZoneId.of("UTC"), ZoneOffset.ofHoursMinutes(5, 30), ZoneId.of("Etc/GMT+3"))) {
      Meeting meeting = meeting(ZonedDateTime.of(2024, 3, 8, 9, 0, 0, 0, zone), Duration.ofMinutes(30), "");
      String ics = invite(meeting);

      assertFalse(ics.contains("VTIMEZONE") || ics.contains("TZID"), ics);
      Component event = event(parsed(ics));
      assertEquals(meeting.start().toInstant(), instant(event, "DTSTART"));
      assertEquals(meeting.end().toInstant(), instant(event, "DTEND"));
      assertTrue(value(event, "DTSTART").endsWith("Z"));
    }
  }

  @Test
  void longLines_foldAt75Octets_neverInsideACharacter() throws Exception {
    for (int shift = 0; shift < 8; shift++) {
      String words = "x".repeat(shift) + "Ünïcödé, 日本語のテキスト; 🙂🚀 emoji\\ and more ".repeat(12);
      Person named = new Person("U0LONG", "Zoë " + "Ñandú ".repeat(12) + "🙂", Optional.of("zoe@example.com"));
      String ics = IcsInvite.of("uid-" + shift, 0, STAMP, words, words, beforeTheChange(), ERIN, List.of(named));

      byte[] bytes = ics.getBytes(StandardCharsets.UTF_8);
      int lineStart = 0;
      for (int i = 0; i + 1 < bytes.length; i++) {
        if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
          byte[] line = Arrays.copyOfRange(bytes, lineStart, i);
          assertTrue(line.length <= 75, () -> line.length + " octets: " + new String(line, StandardCharsets.UTF_8));
          assertDecodes(line);
          lineStart = i + 2;
        }
      }
      assertEquals(bytes.length, lineStart, "ends with CRLF");
      assertTrue(ics.contains("\r\n "), "something was folded");

      Component event = event(parsed(ics));
      assertEquals(words.strip(), value(event, "SUMMARY"));
      assertEquals("Zoë " + "Ñandú ".repeat(12).strip() + " 🙂",
          param(event.getProperty("ATTENDEE").orElseThrow(), "CN"));
      assertEquals(words.strip(), IcsReader.unescape(IcsReader.first(IcsReader.lines(ics), "DESCRIPTION").value()));
    }
  }

  private static void assertDecodes(byte[] line) {
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line));
    } catch (CharacterCodingException e) {
      throw new AssertionError("a line splits a character: " + Arrays.toString(line), e);
    }
  }

  @Test
  void text_isEscaped_andReadsBackAsWritten() throws Exception {
    String description = "Agenda:\r\n1. timeline; 2. factors, then follow-ups\nC:\\ops\\runbook.md\r\u0007bell";
    String ics = IcsInvite.of("uid;with,specials\\", 0, STAMP, "Post-mortem: a, b; c", description,
        meeting(ZonedDateTime.of(2024, 3, 8, 9, 0, 0, 0, NEW_YORK), Duration.ofMinutes(30), "Room 4; west, 2\\3"),
        new Person("U0ERIN", "Erin \"E\" O'Neil", Optional.of("erin@example.com")), List.of(ALICE));

    String raw = ics.replace("\r\n ", "");
    assertTrue(raw.contains("\r\nSUMMARY:Post-mortem: a\\, b\\; c\r\n"), raw);
    assertTrue(raw.contains("\r\nDESCRIPTION:Agenda:\\n1. timeline\\; 2. factors\\, then follow-ups\\nC:\\\\ops\\\\"
        + "runbook.md\\nbell\r\n"), raw);
    assertTrue(raw.contains("\r\nLOCATION:Room 4\\; west\\, 2\\\\3\r\n"), raw);
    assertTrue(raw.contains("\r\nORGANIZER;CN=\"Erin 'E' O'Neil\":mailto:erin@example.com\r\n"), raw);

    Component event = event(parsed(ics));
    assertEquals("uid;with,specials\\", value(event, "UID"));
    assertEquals("Post-mortem: a, b; c", value(event, "SUMMARY"));
    assertEquals("Agenda:\n1. timeline; 2. factors, then follow-ups\nC:\\ops\\runbook.md\nbell",
        value(event, "DESCRIPTION"));
    assertEquals("Room 4; west, 2\\3", value(event, "LOCATION"));
    assertEquals("Erin 'E' O'Neil", param(event.getProperty("ORGANIZER").orElseThrow(), "CN"));
  }

  @Test
  void peopleWithoutAnAddress_areNamedInTheDescription_organizerToo() throws Exception {
    Person sam = new Person("U0SAM", "Sam", Optional.empty());
    Person odd = new Person("U0ODD", "Odd", Optional.of("not an address"));
    Person blank = new Person("U0BLANK", null, Optional.of("  "));
    String ics = IcsInvite.of("uid", 0, STAMP, "Post-mortem: INC-3", "", beforeTheChange(), sam,
        List.of(sam, BOB, odd, blank, CAROL));

    Component event = event(parsed(ics));
    assertTrue(event.getProperty("ORGANIZER").isEmpty(), ics);
    assertEquals(List.of("mailto:carol@example.com"),
        event.getProperties("ATTENDEE").stream().map(Property::getValue).toList());
    assertEquals("Also invited (no email in Slack): Bob, Odd, U0BLANK.\nOrganized by Sam (no email in Slack).",
        value(event, "DESCRIPTION"));
  }

  @Test
  void anOrganizerAloneWithoutAnAddress_isNamedToo() throws Exception {
    Person sam = new Person("U0SAM", "Sam", Optional.empty());
    String ics = IcsInvite.of("uid", 0, STAMP, "s", "Solo review.", beforeTheChange(), sam, List.of(CAROL));

    assertEquals("Solo review.\n\nOrganized by Sam (no email in Slack).", value(event(parsed(ics)), "DESCRIPTION"));
  }

  @Test
  void addresses_arePercentEncodedWhereAUriNeedsIt() {
    assertEquals(Optional.of("mailto:first.last+pm@example.co.uk"), IcsInvite.mailto("first.last+pm@example.co.uk"));
    assertEquals(Optional.of("mailto:j%C3%BCrgen@b%C3%BCcher.example"), IcsInvite.mailto("jürgen@bücher.example"));
    assertEquals(Optional.of("mailto:a%2Cb%3Bc%3Ad@example.com"), IcsInvite.mailto("a,b;c:d@example.com"));
    assertEquals(Optional.empty(), IcsInvite.mailto("two@at@example.com"));
    assertEquals(Optional.empty(), IcsInvite.mailto("@example.com"));
    assertEquals(Optional.empty(), IcsInvite.mailto("someone@"));
    assertEquals(Optional.empty(), IcsInvite.mailto("some one@example.com"));
  }

  @Test
  void aReschedule_keepsTheUid_andRaisesTheSequence() throws Exception {
    String first = invite(beforeTheChange());
    Meeting later = meeting(ZonedDateTime.of(2024, 3, 12, 14, 0, 0, 0, NEW_YORK), Duration.ofMinutes(60), "Room 5");
    String moved = IcsInvite.of("candor-INC-12-postmortem@T0TEAM", 1, STAMP.plus(Duration.ofDays(1)),
        "Post-mortem: INC-12 Checkout errors in EU", "Blameless post-mortem of INC-12.", later, ERIN,
        List.of(ALICE, BOB, CAROL));

    Component a = event(parsed(first));
    Component b = event(parsed(moved));
    assertEquals(value(a, "UID"), value(b, "UID"));
    assertEquals("1", value(b, "SEQUENCE"));
    assertEquals("20240306T230000Z", value(b, "DTSTAMP"));
    assertEquals(Instant.parse("2024-03-12T18:00:00Z"), instant(b, "DTSTART"), "daylight saving by then");
  }

  @Test
  void theSameArguments_giveTheSameBytes_andEachPersonOnce() throws Exception {
    assertEquals(invite(beforeTheChange()), invite(beforeTheChange()));
    String twice = IcsInvite.of("uid", 0, STAMP, "s", "d", beforeTheChange(), ERIN, List.of(ALICE, ALICE, CAROL));
    assertEquals(2, event(parsed(twice)).getProperties("ATTENDEE").size());
  }

  @Test
  void nonsense_isRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> IcsInvite.of(" ", 0, STAMP, "s", "d", beforeTheChange(), ERIN, List.of()));
    assertThrows(IllegalArgumentException.class,
        () -> IcsInvite.of("uid", -1, STAMP, "s", "d", beforeTheChange(), ERIN, List.of()));
    assertThrows(NullPointerException.class,
        () -> IcsInvite.of("uid", 0, null, "s", "d", beforeTheChange(), ERIN, List.of()));
  }
}
