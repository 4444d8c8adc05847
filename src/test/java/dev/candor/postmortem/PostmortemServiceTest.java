package dev.candor.postmortem;

import static dev.candor.testing.TestMask.MASK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.incident.IncidentChange;
import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentRepository;
import dev.candor.incident.Severity;
import dev.candor.jobs.Job;
import dev.candor.store.Database;
import dev.candor.store.JdbcIncidentRepository;
import dev.candor.store.JdbcJobStore;
import dev.candor.store.JdbcPostmortemRepository;
import dev.candor.store.JdbcUnitOfWork;
import dev.candor.testing.TestClock;
import dev.candor.testing.fakes.ClickWhileLooking;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ceremony's state and its jobs on real SQLite, with a clock the test moves. */
class PostmortemServiceTest {
  @TempDir Path dir;
  Database db;
  TestClock clock;
  JdbcJobStore jobs;
  JdbcPostmortemRepository repository;
  PostmortemService service;
  IncidentId incident;

  @BeforeEach
  void open() {
    db = Database.open("jdbc:sqlite:" + dir.resolve("c.db"));
    clock = new TestClock(Instant.parse("2026-12-01T12:00:00Z"));
    jobs = new JdbcJobStore(db.dataSource(), clock);
    repository = new JdbcPostmortemRepository(db.dataSource());
    service = new PostmortemService(repository, jobs, new JdbcUnitOfWork(db.dataSource()), Duration.ofHours(24), MASK, clock);
    incident = new JdbcIncidentRepository(db.dataSource()).insert(new IncidentRepository.NewIncident("C1", "inc", "t",
        "", Severity.SEV2, false, "UA", "CG", null, clock.instant())).id();
  }

  @AfterEach
  void close() {
    db.close();
  }

  private String promptKey() {
    return "postmortem:" + incident.value() + ":prompt";
  }

  private Meeting meeting(String start) {
    return new Meeting(ZonedDateTime.parse(start), Duration.ofHours(1), "UF", List.of("UA", "UB"), "Room 4");
  }

  @Test
  void resolving_promptsNow_thenAgainAfterADay_thenTheCommander_thenNothing() {
    service.resolved(incident);
    var first = jobs.find(promptKey()).orElseThrow();
    assertEquals(clock.instant(), first.runAt());
    assertEquals(PostmortemService.FIRST, PostmortemService.PromptStep.parse(first.payload()).step());

    var claimed = jobs.claimDue(clock.instant(), Duration.ofMinutes(5), 10, "w").get(0);
    service.prompted(PostmortemService.PromptStep.parse(claimed.payload()));
    var again = jobs.find(promptKey()).orElseThrow();
    assertEquals(clock.instant().plus(Duration.ofHours(24)), again.runAt());
    assertEquals(incident.value() + ":1", again.payload());

    clock.advance(Duration.ofHours(24));
    claimed = jobs.claimDue(clock.instant(), Duration.ofMinutes(5), 10, "w").get(0);
    service.prompted(PostmortemService.PromptStep.parse(claimed.payload()));
    assertEquals(incident.value() + ":" + PostmortemService.COMMANDER, jobs.find(promptKey()).orElseThrow().payload());

    clock.advance(Duration.ofHours(24));
    claimed = jobs.claimDue(clock.instant(), Duration.ofMinutes(5), 10, "w").get(0);
    service.prompted(PostmortemService.PromptStep.parse(claimed.payload()));
    jobs.done(claimed, clock.instant());
    assertEquals(Job.Status.DONE, jobs.find(promptKey()).orElseThrow().status(), "after the commander, no more");
  }

  @Test
  void notNeeded_isDecidedOnce_andStopsThePrompts() {
    service.resolved(incident);
    var first = service.notNeeded(incident, "UA", "same cause as INC-4");
    var second = service.notNeeded(incident, "UB", "double click");

    assertInstanceOf(PostmortemService.Done.class, first);
    assertInstanceOf(PostmortemService.AlreadyDecided.class, second);
    assertEquals("UA", second.postmortem().decidedBy());
    assertEquals("same cause as INC-4", service.of(incident).reason());
    assertEquals(Job.Status.CANCELLED, jobs.find(promptKey()).orElseThrow().status());
    assertFalse(service.stillUndecided(incident));
    assertInstanceOf(PostmortemService.AlreadyDecided.class, service.remindTomorrow(incident));
  }

  @Test
  void remindTomorrow_afterTheFirstPromptWentOut_isHonoured_withTheDefaultWait() {
    service.resolved(incident);
    var claimed = jobs.claimDue(clock.instant(), Duration.ofMinutes(5), 10, "w").get(0);
    service.prompted(PostmortemService.PromptStep.parse(claimed.payload())); // the next one, 24 h out

    assertInstanceOf(PostmortemService.Done.class, service.remindTomorrow(incident));
    var next = jobs.find(promptKey()).orElseThrow();
    assertEquals(clock.instant().plus(Duration.ofDays(1)), next.runAt());
    assertEquals(incident.value() + ":" + PostmortemService.REMINDED, next.payload());

    clock.advance(Duration.ofDays(1));
    claimed = jobs.claimDue(clock.instant(), Duration.ofMinutes(5), 10, "w").get(0);
    service.prompted(PostmortemService.PromptStep.parse(claimed.payload()));
    assertEquals(incident.value() + ":" + PostmortemService.COMMANDER, jobs.find(promptKey()).orElseThrow().payload(),
        "after the prompt someone asked for, the commander is next");
    assertInstanceOf(PostmortemService.Done.class, service.remindTomorrow(incident), "a day later, it can be asked again");
  }

  @Test
  void remindTomorrow_movesThePromptADayAhead_once_andAPromptGoingOutMeanwhileKeepsIt() {
    service.resolved(incident);
    var claimed = jobs.claimDue(clock.instant(), Duration.ofMinutes(5), 10, "w").get(0);

    assertInstanceOf(PostmortemService.Done.class, service.remindTomorrow(incident));
    assertInstanceOf(PostmortemService.AlreadyAsked.class, service.remindTomorrow(incident));
    service.prompted(PostmortemService.PromptStep.parse(claimed.payload())); // the first prompt finishing late

    var next = jobs.find(promptKey()).orElseThrow();
    assertEquals(clock.instant().plus(Duration.ofDays(1)), next.runAt());
    assertEquals(incident.value() + ":" + PostmortemService.REMINDED, next.payload());
  }

  @Test
  void remindTomorrow_clickedJustAsAPromptPlansTheNextOne_isNotOverwrittenByIt() throws Exception {
    service.resolved(incident);
    var claimed = jobs.claimDue(clock.instant(), Duration.ofMinutes(5), 10, "w").get(0);
    PostmortemService.Outcome[] clicked = new PostmortemService.Outcome[1];
    ClickWhileLooking store = new ClickWhileLooking(jobs, () -> clicked[0] = service.remindTomorrow(incident));
    PostmortemService prompting = new PostmortemService(repository, store, new JdbcUnitOfWork(db.dataSource()),
        Duration.ofHours(24), MASK, clock);

    prompting.prompted(PostmortemService.PromptStep.parse(claimed.payload())); // the first prompt went out

    assertTrue(store.clickFinished(Duration.ofSeconds(10)));
    assertInstanceOf(PostmortemService.Done.class, clicked[0]);
    var next = jobs.find(promptKey()).orElseThrow();
    assertEquals(incident.value() + ":" + PostmortemService.REMINDED, next.payload(), "the reminder someone asked for");
    assertEquals(clock.instant().plus(Duration.ofDays(1)), next.runAt());
  }

  @Test
  void theIncidentsChanges_startAndStopThePrompts_andClosingPublishes() {
    service.incidentChanged(incident, IncidentChange.Kind.RESOLVED);
    assertEquals(Job.Status.PENDING, jobs.find(promptKey()).orElseThrow().status());
    service.incidentChanged(incident, IncidentChange.Kind.REOPENED);
    assertEquals(Job.Status.CANCELLED, jobs.find(promptKey()).orElseThrow().status());
    service.incidentChanged(incident, IncidentChange.Kind.CLOSED);
    assertEquals(String.valueOf(incident.value()),
        jobs.find("postmortem:" + incident.value() + ":publish").orElseThrow().payload());
  }

  @Test
  void scheduling_storesTheMeeting_countsTheSequence_andQueuesTheAnnouncement() {
    service.resolved(incident);
    service.notNeeded(incident, "UA", "thought so at first");

    var first = service.schedule(incident, "UB", meeting("2026-12-03T14:30-05:00[America/New_York]"), 0);
    assertEquals(Decision.SCHEDULED, first.postmortem().decision(), "a meeting wins over an earlier no");
    assertEquals(1, first.postmortem().sequence());
    assertEquals(incident.value() + ":1", jobs.find("postmortem:" + incident.value() + ":announce").orElseThrow().payload());

    var stale = service.schedule(incident, "UC", meeting("2026-12-05T09:00-05:00[America/New_York]"), 0);
    assertInstanceOf(PostmortemService.AlreadyDecided.class, stale, "a form opened before the first meeting was set");
    var moved = service.schedule(incident, "UB", meeting("2026-12-04T09:00-05:00[America/New_York]"), 1);
    assertEquals(2, moved.postmortem().sequence());
    Meeting stored = repository.find(incident).orElseThrow().meeting();
    assertEquals(ZonedDateTime.parse("2026-12-04T09:00-05:00[America/New_York]"), stored.start());
    assertEquals(ZoneId.of("America/New_York"), stored.start().getZone());
    assertEquals(List.of("UA", "UB"), stored.attendees());
    assertEquals("Room 4", stored.where());

    service.remindersScheduled(incident, 1, List.of("Qstale"));
    assertEquals(List.of(), service.of(incident).reminders(), "a superseded announcement keeps nothing");
    service.remindersScheduled(incident, 2, List.of("Q1", "Q2"));
    assertEquals(List.of("Q1", "Q2"), service.of(incident).reminders());
  }

  @Test
  void heldAndSettled_followTheMeetingsEnd_orTheDecision() {
    service.schedule(incident, "UB", meeting("2026-12-01T13:00Z[UTC]"), 0);
    Postmortem p = service.of(incident);
    assertFalse(p.settledBy(clock.instant()));
    assertFalse(p.heldBy(Instant.parse("2026-12-01T13:59:59Z")));
    assertTrue(p.heldBy(Instant.parse("2026-12-01T14:00:00Z")));

    PostmortemService other = new PostmortemService(repository, jobs, new JdbcUnitOfWork(db.dataSource()), Duration.ofHours(1), MASK, clock);
    IncidentId second = new JdbcIncidentRepository(db.dataSource()).insert(new IncidentRepository.NewIncident("C2",
        "inc2", "t", "", Severity.SEV3, false, "UA", "CG", null, clock.instant())).id();
    other.notNeeded(second, "UA", "covered elsewhere");
    assertTrue(other.of(second).settledBy(clock.instant()));
  }

  @Test
  void theFirstDocumentKept_isTheOneEveryoneGetsLinked() {
    var a = new Postmortem.Document(Postmortem.Document.Kind.CANVAS, "F1", "https://x/F1");
    var b = new Postmortem.Document(Postmortem.Document.Kind.FILE, "F2", "https://x/F2");
    assertEquals(a, service.documentOpened(incident, a));
    assertEquals(a, service.documentOpened(incident, b));
    assertEquals(a, repository.find(incident).orElseThrow().document());
  }

  @Test
  void aStaleWrite_isRefused_notApplied() {
    service.notNeeded(incident, "UA", "first");
    Postmortem stored = repository.find(incident).orElseThrow();
    Postmortem stale = new Postmortem(incident, Decision.PENDING, null, null, null, null, 0, List.of(), null, null, 0,
        stored.version() - 1);
    assertFalse(repository.save(stale, stale.notNeeded("UB", clock.instant(), "second")));
    assertFalse(repository.save(Postmortem.pending(incident), Postmortem.pending(incident).notNeeded("UB",
        clock.instant(), "an insert racing the first")));
    assertEquals("first", repository.find(incident).orElseThrow().reason());
  }
}
