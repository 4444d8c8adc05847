package dev.candor.followup;

import static dev.candor.testing.TestMask.MASK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentRepository;
import dev.candor.incident.Severity;
import dev.candor.jobs.Job;
import dev.candor.jobs.JobStore;
import dev.candor.store.Database;
import dev.candor.store.JdbcFollowUpRepository;
import dev.candor.store.JdbcIncidentRepository;
import dev.candor.store.JdbcJobStore;
import dev.candor.store.JdbcUnitOfWork;
import dev.candor.testing.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The weekly digest: a sweep per ISO week, one digest per facilitator at Monday 09:00 in their zone. */
class WeeklyDigestTest {
  static final Map<String, ZoneId> ZONES = Map.of("UANA", ZoneId.of("Europe/Berlin"), "UBEN",
      ZoneId.of("America/Los_Angeles"), "UCHO", ZoneId.of("Asia/Tokyo"));
  @TempDir Path dir;
  Database db;
  TestClock clock;
  JdbcJobStore jobs;
  JdbcIncidentRepository incidents;
  FollowUpService service;
  WeeklyDigest digest;

  @BeforeEach
  void open() {
    db = Database.open("jdbc:sqlite:" + dir.resolve("c.db"));
    clock = new TestClock(Instant.parse("2026-12-01T12:00:00Z")); // a Tuesday, ISO week 49
    jobs = new JdbcJobStore(db.dataSource(), clock);
    incidents = new JdbcIncidentRepository(db.dataSource());
    var store = new JdbcFollowUpRepository(db.dataSource());
    Facilitators commanders = Facilitators.commanders(incidents);
    service = new FollowUpService(store, jobs, new ReminderPlan(2), clock, new JdbcUnitOfWork(db.dataSource()),
        FollowUpJournal.none(), new LevelsQuestion(store, incidents, commanders, jobs, Duration.ofHours(4), clock), MASK);
    digest = new WeeklyDigest(store, incidents, commanders, ZONES::get, jobs, clock);
  }

  @AfterEach
  void close() {
    db.close();
  }

  IncidentId incident(String commander, String channel) {
    return incidents.insert(new IncidentRepository.NewIncident(channel, channel, "incident in " + channel, "",
        Severity.SEV2, false, commander, "CG", null, clock.instant())).id();
  }

  FollowUp add(IncidentId incident, String title, LocalDate due) {
    return service.create(new FollowUpService.NewFollowUp(incident, title, "UOWNER", ZoneId.of("UTC"), due,
        Level.PROCESS, "UX"));
  }

  Job claim(String key) {
    return jobs.claimDue(clock.instant(), Duration.ofMinutes(5), 50, "w").stream().filter(j -> j.key().equals(key))
        .findFirst().orElseThrow(() -> new AssertionError(key + " is not due at " + clock.instant() + ": "
            + jobs.find(key)));
  }

  @Test
  void weeks_areIsoWeeks() {
    assertEquals("2026-W50", WeeklyDigest.week(LocalDate.of(2026, 12, 7)));
    assertEquals("2026-W53", WeeklyDigest.week(LocalDate.of(2026, 12, 28)));
    assertEquals("2027-W01", WeeklyDigest.week(LocalDate.of(2027, 1, 4)));
  }

  @Test
  void atStart_theNextMondaysSweepIsScheduled_once() {
    digest.start();
    digest.start();
    List<JobStore.Entry> sweeps = jobs.list("digests:");
    assertEquals(1, sweeps.size());
    assertEquals("digests:2026-W50", sweeps.get(0).key());
    assertEquals(Instant.parse("2026-12-06T19:00:00Z"), sweeps.get(0).runAt(), "Monday 09:00 at UTC+14");
  }

  @Test
  void theSweep_schedulesEachFacilitatorsDigest_atNineOnMondayInTheirZone_andTheNextSweep() {
    add(incident("UANA", "C1"), "a", LocalDate.of(2026, 12, 20));
    add(incident("UBEN", "C2"), "b", LocalDate.of(2026, 12, 20));
    FollowUp closed = add(incident("UCHO", "C3"), "c", LocalDate.of(2026, 12, 20));
    service.done(closed.id(), "UOWNER");
    digest.start();
    clock.set(Instant.parse("2026-12-06T19:00:00Z"));
    Job sweep = claim("digests:2026-W50");
    digest.sweep(sweep);
    jobs.done(sweep, clock.instant());

    assertEquals(Instant.parse("2026-12-07T08:00:00Z"), jobs.find("digest:UANA:2026-W50").orElseThrow().runAt());
    assertEquals(Instant.parse("2026-12-07T17:00:00Z"), jobs.find("digest:UBEN:2026-W50").orElseThrow().runAt());
    assertEquals(Optional.empty(), jobs.find("digest:UCHO:2026-W50"), "nothing open, no digest");
    var next = jobs.find("digests:2026-W51").orElseThrow();
    assertEquals(Instant.parse("2026-12-13T19:00:00Z"), next.runAt());
  }

  @Test
  void aDigest_listsTheOpenFollowUpsOfTheRecipientsIncidents_overdueFirst() {
    IncidentId mine = incident("UANA", "C1");
    IncidentId other = incident("UBEN", "C2");
    add(mine, "later", LocalDate.of(2026, 12, 20));
    add(mine, "overdue", LocalDate.of(2026, 12, 2));
    add(other, "not mine", LocalDate.of(2026, 12, 1));
    FollowUp done = add(mine, "done", LocalDate.of(2026, 12, 1));
    service.done(done.id(), "UOWNER");
    clock.set(Instant.parse("2026-12-07T08:00:00Z"));
    jobs.schedule(WeeklyDigest.SEND, "digest:UANA:2026-W50", "UANA 2026-12-07 Europe/Berlin", clock.instant());

    WeeklyDigest.Digest d = digest.due(claim("digest:UANA:2026-W50")).orElseThrow();
    assertEquals("UANA", d.recipient());
    assertEquals(List.of("overdue", "later"), d.items().stream().map(i -> i.followUp().title()).toList());
    assertEquals(1, d.overdue());
    assertEquals(5, d.daysOverdue(d.items().get(0)));
  }

  @Test
  void noDigest_whenNothingIsOpen_orWhenItsWeekIsOver() {
    IncidentId mine = incident("UANA", "C1");
    clock.set(Instant.parse("2026-12-07T08:00:00Z"));
    jobs.schedule(WeeklyDigest.SEND, "digest:UANA:2026-W50", "UANA 2026-12-07 Europe/Berlin", clock.instant());
    assertEquals(Optional.empty(), digest.due(claim("digest:UANA:2026-W50")), "skipped when empty");

    add(mine, "open", LocalDate.of(2026, 12, 20));
    clock.set(Instant.parse("2026-12-14T00:00:00Z")); // Monday 01:00 in Berlin: the week of the 7th is over
    jobs.schedule(WeeklyDigest.SEND, "digest:UANA:2026-W50", "UANA 2026-12-07 Europe/Berlin", clock.instant());
    assertEquals(Optional.empty(), digest.due(claim("digest:UANA:2026-W50")));
  }

  @Test
  void afterALongOutage_theNextSweepIsTheComingMonday_notAWeekAlreadyPast() {
    digest.start();
    clock.set(Instant.parse("2026-12-24T10:00:00Z")); // Thursday of week 52: the sweep of week 50 runs late
    Job late = claim("digests:2026-W50");
    digest.sweep(late);
    jobs.done(late, clock.instant());
    assertEquals(Optional.empty(), jobs.find("digests:2026-W51"));
    assertEquals(Instant.parse("2026-12-27T19:00:00Z"), jobs.find("digests:2026-W53").orElseThrow().runAt());
    assertTrue(jobs.list("digests:").stream().filter(e -> e.status() == Job.Status.PENDING).count() == 1);
  }
}
