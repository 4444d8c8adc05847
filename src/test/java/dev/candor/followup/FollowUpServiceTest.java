package dev.candor.followup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentRepository;
import dev.candor.incident.Severity;
import dev.candor.jobs.Job;
import dev.candor.store.Database;
import dev.candor.store.JdbcFollowUpRepository;
import dev.candor.store.JdbcIncidentRepository;
import dev.candor.store.JdbcJobStore;
import dev.candor.testing.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Follow-ups and their reminder jobs on real SQLite, with a clock the test moves. */
class FollowUpServiceTest {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  @TempDir Path dir;
  Database db;
  TestClock clock;
  JdbcJobStore jobs;
  FollowUpService service;
  IncidentId incident;

  @BeforeEach
  void open() {
    db = Database.open("jdbc:sqlite:" + dir.resolve("c.db"));
    clock = new TestClock(Instant.parse("2026-12-01T12:00:00Z"));
    jobs = new JdbcJobStore(db.dataSource(), clock);
    service = new FollowUpService(new JdbcFollowUpRepository(db.dataSource()), jobs, new ReminderPlan(2), clock);
    incident = new JdbcIncidentRepository(db.dataSource()).insert(new IncidentRepository.NewIncident("C1", "inc", "t",
        "", Severity.SEV2, false, "UA", "CG", null, clock.instant())).id();
  }

  @AfterEach
  void close() {
    db.close();
  }

  FollowUp create(LocalDate due) {
    return service.create(new FollowUpService.NewFollowUp(incident, "fix it", "UB", BERLIN, due,
        Level.PROCESS, "UA"));
  }

  @Test
  void creating_schedulesTheAssignmentDmNow_andTheFirstReminder() {
    FollowUp f = create(LocalDate.of(2026, 12, 10));
    assertEquals(clock.instant(), jobs.find("followup:" + f.id() + ":assigned").orElseThrow().runAt());
    assertEquals(Instant.parse("2026-12-08T08:00:00Z"), jobs.find("followup:" + f.id() + ":remind").orElseThrow().runAt());
  }

  @Test
  void aSnoozeDuringAReminder_isNotUndoneByThatReminder() {
    FollowUp f = create(LocalDate.of(2026, 12, 10));
    Instant fired = Instant.parse("2026-12-08T08:00:00Z");
    clock.set(fired.plusSeconds(5));
    Instant snoozedTo = service.snooze(f.id()).orElseThrow();
    service.reminded(f, fired);
    assertEquals(snoozedTo, jobs.find("followup:" + f.id() + ":remind").orElseThrow().runAt());
    assertEquals(Instant.parse("2026-12-15T08:00:00Z"), snoozedTo);
  }

  @Test
  void doneOrDropped_cancelsWhatIsPending() {
    FollowUp f = create(LocalDate.of(2026, 12, 10));
    assertTrue(service.done(f.id()).isPresent());
    assertTrue(jobs.list("followup:" + f.id() + ":").stream().noneMatch(e -> e.status() == Job.Status.PENDING));
    assertTrue(service.done(f.id()).isEmpty(), "not twice");
    FollowUp g = create(LocalDate.of(2026, 12, 10));
    assertEquals("no longer needed", service.drop(g.id(), "no longer needed").orElseThrow().dropReason());
    assertTrue(jobs.list("followup:" + g.id() + ":").stream().noneMatch(e -> e.status() == Job.Status.PENDING));
    clock.advance(Duration.ofDays(1));
    assertTrue(service.snooze(g.id()).isEmpty(), "a dropped follow-up has nothing to snooze");
  }
}
