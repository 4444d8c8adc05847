package dev.candor.postmortem;

import dev.candor.followup.FollowUp;
import dev.candor.followup.Level;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentState;
import dev.candor.incident.Severity;
import dev.candor.timeline.Source;
import dev.candor.timeline.Timeline;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Post-mortem records built from real domain values. Every word a person wrote passes through
 * {@code plain} (incident fields, notes, follow-ups, reasons) or {@code slack} (message text, as Slack
 * stores it), so a test can swap in hostile words and keep the shape.
 */
final class Fixtures {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private Fixtures() {}

  static PostmortemRecord full() {
    return full(UnaryOperator.identity(), UnaryOperator.identity());
  }

  /**
   * A SEV2 with all three roles, a facilitator and a meeting, phases to resolution, key events marked
   * every way (reaction, pin, "Add to timeline"), one of them edited, one deleted and one redacted, and
   * follow-ups at four levels. It starts late in the evening in Berlin, so the dates change mid-way.
   */
  static PostmortemRecord full(UnaryOperator<String> plain, UnaryOperator<String> slack) {
    IncidentId id = new IncidentId(12);
    Instant start = Instant.parse("2024-03-05T22:40:00Z");
    Entries e = new Entries(id, start);
    String first = e.message(0, 0, "U0BOB",
        slack.apply("Seeing 500s on checkout in eu-west-1 &amp; card auth timeouts"), "", Source.BACKFILL);
    String alert = e.message(1, 10, "B0ALERTS", slack.apply("[FIRING] checkout_5xx_rate &gt; 5%"), "bot_message bot",
        Source.BACKFILL);
    e.action(4, 0, "U0ALICE", "DECLARED SEV2", plain.apply("Checkout errors in EU"));
    String rollback = e.message(6, 0, "U0ALICE", slack.apply("Rolling back deploy 4512 <@U0BOB> can you watch?"));
    e.edit(7, 30, "U0ALICE", slack.apply("Rolling back deploys 4512 and 4513 <@U0BOB> can you watch?"), rollback)
        .react(8, 0, "U0BOB", rollback);
    e.message(9, 0, "U0BOB", slack.apply("watching. anyone have the runbook link?"));
    e.action(20, 0, "U0ALICE", "STATUS IDENTIFIED", plain.apply("Bad config in deploy 4512"));
    String update = e.message(25, 0, "U0CAROL",
        slack.apply("Customer update drafted: *payments degraded*, see <https://status.example.com|status page>"));
    e.pin(25, 30, "U0CAROL", update).delete(27, 0, "U0CAROL", update);
    e.join(35, 0, "U0DAVE");
    e.action(42, 0, "U0ALICE", "MITIGATED MONITORING", plain.apply("Error rate back to baseline"));
    long passwordSeq = e.nextSeq();
    String password = e.message(44, 0, "U0DAVE", slack.apply("the replica password is hunter2, trying it on db-2"));
    e.react(44, 20, "U0DAVE", password);
    e.action(50, 0, "U0CAROL", "NOTE", plain.apply("Support saw about 120 tickets about failed payments"));
    e.action(52, 0, "U0ALICE", "KEY_EVENT " + first + "@U0BOB", slack.apply("Seeing 500s on checkout in eu-west-1"));
    e.pin(53, 0, "U0ALICE", alert);
    e.action(54, 0, "U0ALICE", "ROLE COMMS=U0BOB", "");
    e.action(65, 0, "U0ALICE", "RESOLVED RESOLVED", plain.apply("Rolled back; config fixed"));
    e.redact(70, 0, "U0ALICE", passwordSeq, plain.apply("a credential was pasted"));

    Incident incident = new Incident(id, Entries.CHANNEL, "inc-2024-03-05-checkout-errors",
        plain.apply("Checkout errors in EU"), plain.apply("Card payments failed for about an hour in eu-west-1."),
        Severity.SEV2, IncidentState.RESOLVED, new Incident.Roles("U0ALICE", "U0BOB", "U0CAROL"), false, "U0ALICE",
        "C0GENERAL", new Incident.Times(start, at(start, 4), at(start, 42), at(start, 65), null, at(start, 70)), 11);
    Timeline timeline = Timeline.of(incident, e.build());
    Instant made = at(start, 80);
    List<FollowUp> followUps = List.of(
        followUp(1, id, plain.apply("Make config changes go through a canary"), "U0ALICE", "2024-03-20", Level.PROCESS,
            FollowUp.Status.OPEN, null, made),
        followUp(2, id, plain.apply("Alert on card auth timeouts, not only on 5xx"), "U0BOB", "2024-03-15",
            Level.ENGINEERING, FollowUp.Status.DONE, null, made),
        followUp(3, id, plain.apply("Tell the story at the engineering all-hands"), "U0CAROL", "2024-03-22",
            Level.CULTURE, FollowUp.Status.OPEN, null, made),
        followUp(4, id, plain.apply("Validate the payment config schema at load"), "U0DAVE", "2024-03-12",
            Level.SOFTWARE, FollowUp.Status.OPEN, null, made),
        followUp(5, id, plain.apply("Retry card auth with jitter"), "U0DAVE", "2024-03-30", Level.SOFTWARE,
            FollowUp.Status.DROPPED, plain.apply("covered by the canary"), made));
    Meeting meeting = new Meeting(ZonedDateTime.of(2024, 3, 8, 9, 0, 0, 0, NEW_YORK), Duration.ofMinutes(60),
        "U0ERIN", List.of("U0ALICE", "U0BOB", "U0CAROL", "U0DAVE"),
        plain.apply("Room 4 or https://meet.example.com/pm-12"));
    return new PostmortemRecord(incident, timeline, followUps, "U0ERIN", Optional.of(meeting), 3, BERLIN);
  }

  /**
   * A team of one: the commander is the facilitator, nothing was marked as a key event, no follow-ups
   * yet, no meeting, no nudges, never mitigated before it was resolved.
   */
  static PostmortemRecord teamOfOne() {
    IncidentId id = new IncidentId(3);
    Instant start = Instant.parse("2024-06-01T06:10:00Z");
    Entries e = new Entries(id, start);
    e.action(0, 0, "U0SOLO", "DECLARED SEV4", "Nightly backup failed");
    e.message(2, 0, "U0SOLO", "backup job exited 1, disk full on backup-1");
    e.message(9, 0, "U0SOLO", "cleared old snapshots, rerunning");
    e.action(31, 0, "U0SOLO", "RESOLVED RESOLVED", "Backup completed on rerun");
    Incident incident = new Incident(id, "C0SOLO", "inc-2024-06-01-nightly-backup-failed", "Nightly backup failed", "",
        Severity.SEV4, IncidentState.RESOLVED, new Incident.Roles("U0SOLO", null, null), true, "U0SOLO", "C0SOLO",
        new Incident.Times(start, start, null, at(start, 31), null, at(start, 31)), 3);
    return new PostmortemRecord(incident, Timeline.of(incident, e.build()), List.of(), "U0SOLO", Optional.empty(), 0,
        ZoneId.of("UTC"));
  }

  /** Follow-ups only in the code (one of them done), a single nudge, no facilitator chosen yet. */
  static PostmortemRecord allSoftware() {
    IncidentId id = new IncidentId(9);
    Instant start = Instant.parse("2024-01-15T13:00:00Z");
    Entries e = new Entries(id, start);
    e.action(3, 0, "U0ALICE", "DECLARED SEV3", "Search results stale");
    String cause = e.message(5, 0, "U0ALICE", "indexer queue is at 2M messages, consumers stuck on a poison message");
    e.react(6, 0, "U0BOB", cause);
    e.action(14, 0, "U0BOB", "SEVERITY SEV2", "Stale for every customer, not only EU");
    e.action(30, 0, "U0ALICE", "MITIGATED MONITORING", "Poison message moved to the dead-letter queue");
    e.action(48, 0, "U0ALICE", "RESOLVED RESOLVED", "Queue drained");
    Incident incident = new Incident(id, "C0SEARCH", "inc-2024-01-15-search-results-stale", "Search results stale",
        "Search showed results up to 45 minutes old.", Severity.SEV2, IncidentState.RESOLVED,
        new Incident.Roles("U0ALICE", null, null), false, "U0ALICE", "C0GENERAL",
        new Incident.Times(start, at(start, 3), at(start, 30), at(start, 48), null, at(start, 48)), 6);
    Instant made = at(start, 60);
    List<FollowUp> followUps = List.of(
        followUp(11, id, "Dead-letter messages the indexer fails three times", "U0ALICE", "2024-01-26",
            Level.SOFTWARE, FollowUp.Status.OPEN, null, made),
        followUp(12, id, "Alert on indexer queue age", "U0BOB", "2024-01-19", Level.SOFTWARE, FollowUp.Status.DONE,
            null, made));
    return new PostmortemRecord(incident, Timeline.of(incident, e.build()), followUps, null, Optional.empty(), 1,
        ZoneId.of("UTC"));
  }

  static FollowUp followUp(long n, IncidentId id, String title, String owner, String due, Level level,
      FollowUp.Status status, String dropReason, Instant createdAt) {
    return new FollowUp(n, id, title, owner, ZoneId.of("UTC"), LocalDate.parse(due), level, status, dropReason,
        "U0ALICE", createdAt, 1);
  }

  static Instant at(Instant start, int minutes) {
    return start.plus(Duration.ofMinutes(minutes));
  }
}
