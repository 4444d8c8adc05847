package dev.candor.followup;

import static dev.candor.testing.TestMask.MASK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.incident.Incident;
import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentRepository;
import dev.candor.incident.IncidentUpdate;
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
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The question about levels: armed, moved, disarmed by follow-up changes; asked once, after the incident. */
class LevelsQuestionTest {
  static final Duration AFTER = Duration.ofHours(4);
  @TempDir Path dir;
  Database db;
  TestClock clock;
  JdbcJobStore jobs;
  JdbcIncidentRepository incidents;
  LevelsQuestion levels;
  FollowUpService service;
  Incident incident;
  String key;

  @BeforeEach
  void open() {
    db = Database.open("jdbc:sqlite:" + dir.resolve("c.db"));
    clock = new TestClock(Instant.parse("2026-12-01T12:00:00Z"));
    jobs = new JdbcJobStore(db.dataSource(), clock);
    incidents = new JdbcIncidentRepository(db.dataSource());
    var store = new JdbcFollowUpRepository(db.dataSource());
    levels = new LevelsQuestion(store, incidents, Facilitators.commanders(incidents), jobs, AFTER, clock);
    service = new FollowUpService(store, jobs, new ReminderPlan(2), clock, new JdbcUnitOfWork(db.dataSource()),
        FollowUpJournal.none(), levels, MASK);
    incident = incidents.insert(new IncidentRepository.NewIncident("C1", "inc", "db failover", "", Severity.SEV2,
        false, "UCOMMANDER", "CG", null, clock.instant()));
    key = LevelsQuestion.key(incident.id());
  }

  @AfterEach
  void close() {
    db.close();
  }

  FollowUp add(Level level) {
    return service.create(new FollowUpService.NewFollowUp(incident.id(), "fix " + level, "UB", ZoneId.of("UTC"),
        LocalDate.of(2026, 12, 20), level, "UA"));
  }

  Optional<JobStore.Entry> job() {
    return jobs.find(key);
  }

  void resolve() {
    Incident now = incidents.byId(incident.id()).orElseThrow();
    var applied = (IncidentUpdate.Applied) new IncidentUpdate.Resolve("fixed").applyTo(now, "UCOMMANDER",
        clock.instant());
    assertTrue(incidents.update(now, applied.incident(), applied.change()));
  }

  Optional<LevelsQuestion.Ask> runDue() {
    Job j = jobs.claimDue(clock.instant(), Duration.ofMinutes(5), 10, "w").stream()
        .filter(x -> x.key().equals(key)).findFirst().orElseThrow(() -> new AssertionError("not due: " + job()));
    Optional<LevelsQuestion.Ask> ask = levels.due(j);
    jobs.done(j, clock.instant());
    return ask;
  }

  @Test
  void softwareOnly_countsOpenAndDone_butNotDropped() {
    FollowUp software = new FollowUp(1, incident.id(), "t", "U", ZoneId.of("UTC"), LocalDate.of(2026, 1, 1),
        Level.SOFTWARE, FollowUp.Status.OPEN, null, "U", Instant.EPOCH, 1);
    FollowUp processDone = new FollowUp(2, incident.id(), "t", "U", ZoneId.of("UTC"), LocalDate.of(2026, 1, 1),
        Level.PROCESS, FollowUp.Status.DONE, null, "U", Instant.EPOCH, 1);
    FollowUp processDropped = new FollowUp(3, incident.id(), "t", "U", ZoneId.of("UTC"), LocalDate.of(2026, 1, 1),
        Level.PROCESS, FollowUp.Status.DROPPED, "no", "U", Instant.EPOCH, 1);
    assertTrue(LevelsQuestion.softwareOnly(List.of(software)));
    assertTrue(LevelsQuestion.softwareOnly(List.of(software, processDropped)));
    assertFalse(LevelsQuestion.softwareOnly(List.of(software, processDone)), "that learning happened");
    assertFalse(LevelsQuestion.softwareOnly(List.of()));
    assertFalse(LevelsQuestion.softwareOnly(List.of(processDropped)));
  }

  @Test
  void softwareFollowUps_armTheQuestion_eachAdditionMovesIt_anotherLevelDisarmsIt() {
    add(Level.SOFTWARE);
    assertEquals(clock.instant().plus(AFTER), job().orElseThrow().runAt());
    clock.advance(Duration.ofHours(1));
    FollowUp second = add(Level.SOFTWARE);
    assertEquals(clock.instant().plus(AFTER), job().orElseThrow().runAt(), "a few hours after the last one");
    FollowUp process = add(Level.PROCESS);
    assertEquals(Job.Status.CANCELLED, job().orElseThrow().status());
    service.drop(process.id(), "UA", "duplicate");
    assertEquals(Job.Status.PENDING, job().orElseThrow().status(), "armed again once only software stands");
    var edited = service.edit(second.id(), second.version(), "UB", second.title(), second.due(), Level.CULTURE);
    assertTrue(edited instanceof FollowUpService.Changed);
    assertEquals(Job.Status.CANCELLED, job().orElseThrow().status());
  }

  @Test
  void whileTheIncidentRuns_itWaits_thenAsksTheFacilitatorOnce() {
    add(Level.SOFTWARE);
    clock.advance(AFTER);
    assertEquals(Optional.empty(), runDue(), "the incident is still open");
    assertEquals(clock.instant().plus(AFTER), job().orElseThrow().runAt());
    resolve();
    clock.advance(AFTER);
    LevelsQuestion.Ask ask = runDue().orElseThrow();
    assertEquals("UCOMMANDER", ask.facilitator(), "the commander stands in for the facilitator");
    assertEquals(List.of("fix SOFTWARE"), ask.followUps().stream().map(FollowUp::title).toList());
    assertTrue(levels.asked(incident.id()));
    add(Level.SOFTWARE);
    assertEquals(Job.Status.DONE, job().orElseThrow().status(), "asked once per incident");
  }

  @Test
  void aQuestionNoLongerTrueWhenItsTimeComes_isDisarmed_notCountedAsAsked() {
    add(Level.SOFTWARE);
    resolve();
    clock.advance(AFTER);
    // the condition changed without passing through the service (say, a follow-up added by another path)
    new JdbcFollowUpRepository(db.dataSource()).insert(new FollowUp(0, incident.id(), "culture", "UB",
        ZoneId.of("UTC"), LocalDate.of(2026, 12, 20), Level.CULTURE, FollowUp.Status.OPEN, null, "UA",
        clock.instant(), 1));
    assertEquals(Optional.empty(), runDue());
    assertEquals(Job.Status.CANCELLED, job().orElseThrow().status());
    assertFalse(levels.asked(incident.id()));
  }

  @Test
  void theFacilitatorNamedByAPostMortem_comesFirst() {
    Facilitators named = id -> id.equals(incident.id()) ? Optional.of("UFACILITATOR") : Optional.empty();
    Facilitators both = Facilitators.firstOf(named, Facilitators.commanders(incidents));
    assertEquals(Optional.of("UFACILITATOR"), both.of(incident.id()));
    assertEquals(Optional.empty(), both.of(new IncidentId(999)));
  }
}
