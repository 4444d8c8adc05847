package dev.candor.catchup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.followup.FollowUp;
import dev.candor.followup.Level;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentState;
import dev.candor.incident.Severity;
import dev.candor.timeline.EntryKind;
import dev.candor.timeline.SlackTs;
import dev.candor.timeline.Source;
import dev.candor.timeline.Timeline;
import dev.candor.timeline.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A catch-up from the record: what it picks from a timeline and the follow-ups, and who may be owed one on joining. */
class CatchupsTest {
  static final Instant START = Instant.parse("2026-12-01T12:00:00Z");
  static final IncidentId ID = new IncidentId(7);
  static final String CHANNEL = "C0INC";

  final List<TimelineEntry> entries = new ArrayList<>();

  private static Incident incident(IncidentState state, Instant lastUpdate, Instant resolved) {
    return new Incident(ID, CHANNEL, "inc-db", "DB down", "", Severity.SEV2, state,
        new Incident.Roles("UALICE", "UBOB", null), false, "UALICE", "CGENERAL",
        new Incident.Times(START, START, null, resolved, null, lastUpdate), 1);
  }

  private String add(int minutes, EntryKind kind, String actor, String text, String refTs, String detail) {
    String ts = SlackTs.of(START.plus(Duration.ofMinutes(minutes)));
    entries.add(new TimelineEntry(ID, entries.size() + 1L, kind, kind + "/" + (entries.size() + 1), CHANNEL, ts, null,
        actor, text, "mac", List.of(), refTs, detail, kind == EntryKind.ACTION ? Source.CANDOR : Source.EVENT,
        START.plus(Duration.ofMinutes(minutes)), "prev", "hash"));
    return ts;
  }

  private void status(int minutes, String state, String words) {
    add(minutes, EntryKind.ACTION, "UALICE", words, null, "STATUS " + state);
  }

  private static FollowUp followUp(long id, String due, FollowUp.Status status) {
    return new FollowUp(id, ID, "follow-up " + id, "UBOB", ZoneOffset.UTC, LocalDate.parse(due), Level.PROCESS, status,
        null, "UALICE", START, 1);
  }

  private Catchup catchup(Incident incident, List<FollowUp> followUps, Instant now) {
    return Catchups.of(incident, Timeline.of(incident, entries), followUps, now);
  }

  @Test
  void itCarriesTheLastThreeStatusUpdates_newestLast_andNothingElseAsAnUpdate() {
    add(0, EntryKind.ACTION, "UALICE", "", null, "DECLARED SEV2");
    status(5, "INVESTIGATING", "first");
    add(6, EntryKind.MESSAGE, "UBOB", "status looks bad", null, "");
    status(10, "IDENTIFIED", "second");
    add(11, EntryKind.ACTION, "UALICE", "a note", null, "NOTE");
    status(15, "IDENTIFIED", "third");
    status(20, "MONITORING", "fourth");
    add(21, EntryKind.ACTION, "UALICE", "", null, "SEVERITY SEV1");

    Catchup c = catchup(incident(IncidentState.MONITORING, START.plus(Duration.ofMinutes(20)), null), List.of(),
        START.plus(Duration.ofMinutes(45)));

    assertEquals(List.of("second", "third", "fourth"), c.latestUpdates().stream().map(i -> i.entry().text()).toList());
    assertEquals(Duration.ofMinutes(45), c.age());
    assertEquals(Duration.ofMinutes(25), c.sinceLastUpdate());
  }

  @Test
  void itsKeyEvents_areThePostmortemDraftsSelection() {
    add(0, EntryKind.ACTION, "UALICE", "", null, "DECLARED SEV2");
    String pinned = add(2, EntryKind.MESSAGE, "UBOB", "the pool is exhausted", null, "");
    add(3, EntryKind.MESSAGE, "UCAROL", "just chatter", null, "");
    add(4, EntryKind.PIN_ADDED, "UALICE", "", pinned, "");
    add(5, EntryKind.MEMBER_JOINED, "UDAN", "", null, "");
    add(6, EntryKind.ACTION, "UALICE", "", null, "ROLE COMMS=UBOB");
    status(7, "IDENTIFIED", "pool exhausted");
    add(8, EntryKind.ACTION, "UALICE", "restarted api-7", null, "NOTE");

    Catchup c = catchup(incident(IncidentState.IDENTIFIED, START, null), List.of(), START.plusSeconds(600));

    assertEquals(List.of("DECLARED SEV2", "the pool is exhausted", "STATUS IDENTIFIED", "NOTE"),
        c.keyEvents().stream().map(i -> i.entry().kind() == EntryKind.MESSAGE ? i.entry().text() : i.entry().detail())
            .toList(), "declared, the pinned message, the status and the note; no chatter, join or role");
  }

  @Test
  void itCarriesOnlyOpenFollowUps_soonestDueFirst() {
    var later = followUp(1, "2026-12-20", FollowUp.Status.OPEN);
    var done = followUp(2, "2026-12-02", FollowUp.Status.DONE);
    var sooner = followUp(3, "2026-12-05", FollowUp.Status.OPEN);
    var dropped = followUp(4, "2026-12-03", FollowUp.Status.DROPPED);

    Catchup c = catchup(incident(IncidentState.RESOLVED, START, START.plusSeconds(3600)),
        List.of(later, done, sooner, dropped), START.plus(Duration.ofDays(1)));

    assertEquals(List.of(3L, 1L), c.openFollowUps().stream().map(FollowUp::id).toList());
    assertEquals(Duration.ofHours(1), c.age(), "a resolved incident's age stops at its resolution");
  }

  @Test
  void aNewIncident_hasAnEmptyCatchup_andNoNegativeTimes() {
    Catchup c = catchup(incident(IncidentState.INVESTIGATING, START.plusSeconds(5), null), List.of(), START);

    assertEquals(List.of(), c.latestUpdates());
    assertEquals(List.of(), c.keyEvents());
    assertEquals(Duration.ZERO, c.sinceLastUpdate(), "a clock a little behind the record says zero, not minus");
  }

  @Test
  void aRedactedUpdate_staysAnUpdate_withoutItsWords() {
    status(1, "IDENTIFIED", null);
    Catchup c = catchup(incident(IncidentState.IDENTIFIED, START, null), List.of(), START.plusSeconds(120));
    assertEquals(1, c.latestUpdates().size());
    assertTrue(c.latestUpdates().get(0).entry().isRedacted());
  }

  @Test
  void onJoining_onlyAPersonOtherThanTheDeclarerAndCandor_mayBeOwedOne_whileItIsOpen() {
    Incident open = incident(IncidentState.INVESTIGATING, START, null);
    assertTrue(Catchups.mayBeOwed(open, "UDAN", "UCANDOR"));
    assertTrue(Catchups.mayBeOwed(open, "WENTERPRISE", "UCANDOR"), "an Enterprise Grid user id");
    assertFalse(Catchups.mayBeOwed(open, "UALICE", "UCANDOR"), "the declarer");
    assertFalse(Catchups.mayBeOwed(open, "UCANDOR", "UCANDOR"), "Candor itself");
    assertFalse(Catchups.mayBeOwed(open, "B0BOT", "UCANDOR"), "not a user id");
    assertFalse(Catchups.mayBeOwed(open, null, "UCANDOR"));
    assertFalse(Catchups.mayBeOwed(incident(IncidentState.RESOLVED, START, START.plusSeconds(60)), "UDAN", "UCANDOR"),
        "resolved: nothing to catch up on");
  }
}
