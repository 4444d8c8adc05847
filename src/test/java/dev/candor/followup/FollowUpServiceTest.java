package dev.candor.followup;

import static dev.candor.testing.TestMask.MASK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import dev.candor.store.JdbcTimelineStore;
import dev.candor.store.JdbcUnitOfWork;
import dev.candor.testing.TestClock;
import dev.candor.testing.fakes.ClickWhileLooking;
import dev.candor.timeline.EvidenceKey;
import dev.candor.timeline.Timeline;
import dev.candor.timeline.TimelineEntry;
import dev.candor.timeline.TimelineExport;
import dev.candor.timeline.TimelineService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Follow-ups and their reminder jobs on real SQLite, with a clock the test moves. */
class FollowUpServiceTest {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  @TempDir Path dir;
  Database db;
  TestClock clock;
  JdbcJobStore jobs;
  JdbcFollowUpRepository store;
  JdbcIncidentRepository incidents;
  TimelineService timeline;
  FollowUpJournal journal;
  FollowUpService service;
  IncidentId incident;

  @BeforeEach
  void open() {
    db = Database.open("jdbc:sqlite:" + dir.resolve("c.db"));
    clock = new TestClock(Instant.parse("2026-12-01T12:00:00Z"));
    jobs = new JdbcJobStore(db.dataSource(), clock);
    store = new JdbcFollowUpRepository(db.dataSource());
    incidents = new JdbcIncidentRepository(db.dataSource());
    timeline = new TimelineService(new JdbcTimelineStore(db.dataSource()),
        new EvidenceKey("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8)), clock);
    journal = new TimelineFollowUpJournal(incidents, timeline);
    service = service(change -> journal.record(change));
    incident = incidents.insert(new IncidentRepository.NewIncident("C1", "inc", "t", "", Severity.SEV2, false, "UA",
        "CG", null, clock.instant())).id();
  }

  FollowUpService service(FollowUpJournal j) {
    return service(j, jobs);
  }

  FollowUpService service(FollowUpJournal j, JobStore jobStore) {
    var levels = new LevelsQuestion(store, incidents, Facilitators.commanders(incidents), jobStore, Duration.ofHours(4),
        clock);
    return new FollowUpService(store, jobStore, new ReminderPlan(2), clock, new JdbcUnitOfWork(db.dataSource()), j,
        levels, MASK);
  }

  @AfterEach
  void close() {
    db.close();
  }

  FollowUp create(LocalDate due) {
    return create(due, Level.PROCESS);
  }

  FollowUp create(LocalDate due, Level level) {
    return service.create(new FollowUpService.NewFollowUp(incident, "fix it", "UB", BERLIN, due, level, "UA"));
  }

  Instant runAt(String key) {
    return jobs.find(key).orElseThrow().runAt();
  }

  List<TimelineEntry> actions() {
    return timeline.entries(incident).stream().filter(e -> e.detail().startsWith("FOLLOWUP_")).toList();
  }

  @Test
  void creating_schedulesTheAssignmentDmNow_andTheFirstReminder() {
    FollowUp f = create(LocalDate.of(2026, 12, 10));
    assertEquals(clock.instant(), runAt("followup:" + f.id() + ":assigned"));
    assertEquals(Instant.parse("2026-12-08T08:00:00Z"), runAt("followup:" + f.id() + ":remind"));
    assertEquals(1, f.version());
    TimelineEntry added = actions().get(0);
    assertEquals("FOLLOWUP_ADDED " + f.id() + " UB", added.detail());
    assertEquals("UA", added.actor());
    assertEquals("fix it (process, due 2026-12-10)", added.text());
  }

  @Test
  void creating_isOneUnitOfWork_aFailureLate_inItLeavesNothingBehind() {
    FollowUpService failing = service(change -> {
      throw new IllegalStateException("the record could not be written");
    });
    assertThrows(IllegalStateException.class, () -> failing.create(new FollowUpService.NewFollowUp(incident,
        "fix it", "UB", BERLIN, LocalDate.of(2026, 12, 10), Level.PROCESS, "UA")));
    assertEquals(List.of(), store.forIncident(incident), "no follow-up row");
    assertEquals(List.of(), jobs.list("followup:"), "no assignment DM, no reminder");
    assertEquals(List.of(), actions());
  }

  @Test
  void aSnoozeDuringAReminder_isNotUndoneByThatReminder() {
    FollowUp f = create(LocalDate.of(2026, 12, 10));
    Instant fired = Instant.parse("2026-12-08T08:00:00Z");
    clock.set(fired.plusSeconds(5));
    Instant snoozedTo = service.snooze(f.id()).orElseThrow();
    service.reminded(f, fired);
    assertEquals(snoozedTo, runAt("followup:" + f.id() + ":remind"));
    assertEquals(Instant.parse("2026-12-15T08:00:00Z"), snoozedTo);
  }

  @Test
  void aSnoozeClickedJustAsAReminderPlansTheNextOne_isNotUndoneByIt() throws Exception {
    FollowUp f = create(LocalDate.of(2026, 12, 10));
    Instant fired = Instant.parse("2026-12-08T08:00:00Z");
    clock.set(fired.plusSeconds(5));
    List<Optional<Instant>> snoozedTo = new CopyOnWriteArrayList<>();
    ClickWhileLooking racing = new ClickWhileLooking(jobs, () -> snoozedTo.add(service.snooze(f.id())));

    service(change -> journal.record(change), racing).reminded(f, fired);

    assertTrue(racing.clickFinished(Duration.ofSeconds(10)));
    assertEquals(List.of(Optional.of(Instant.parse("2026-12-15T08:00:00Z"))), snoozedTo);
    assertEquals(Instant.parse("2026-12-15T08:00:00Z"), runAt("followup:" + f.id() + ":remind"), "the snooze stands");
  }

  @Test
  void aSnooze_neverBringsTheNextReminderForward() {
    FollowUp f = create(LocalDate.of(2026, 12, 31));
    Instant planned = Instant.parse("2026-12-29T08:00:00Z"); // two days before, 09:00 Berlin
    assertEquals(planned, runAt("followup:" + f.id() + ":remind"));
    assertEquals(planned, service.snooze(f.id()).orElseThrow(), "a week from now would be sooner");
    assertEquals(planned, runAt("followup:" + f.id() + ":remind"));
  }

  @Test
  void afterASnoozedReminder_thePlanGoesOn_butNoSoonerThanAWeekLater() {
    FollowUp f = create(LocalDate.of(2026, 12, 10));
    String key = "followup:" + f.id() + ":remind";
    clock.set(Instant.parse("2026-12-08T08:00:05Z")); // the early reminder came; Bob snoozes it
    Instant snoozedTo = service.snooze(f.id()).orElseThrow();
    assertEquals(Instant.parse("2026-12-15T08:00:00Z"), snoozedTo);

    clock.set(snoozedTo); // the snoozed reminder fires; the plan's next (weekly while overdue) is on the 17th
    service.reminded(f, snoozedTo, jobs.find(key).orElseThrow().payload());
    assertEquals(Instant.parse("2026-12-22T08:00:00Z"), runAt(key), "a week after the snoozed one, not 2 days");

    clock.set(Instant.parse("2026-12-22T08:00:00Z")); // and weekly from there: never two reminders days apart
    service.reminded(f, clock.instant(), jobs.find(key).orElseThrow().payload());
    assertEquals(Instant.parse("2026-12-29T08:00:00Z"), runAt(key));
  }

  @Test
  void doneOrDropped_cancelsWhatIsPending_andIsRecorded() {
    FollowUp f = create(LocalDate.of(2026, 12, 10));
    assertTrue(service.done(f.id(), "UB").isPresent());
    assertTrue(jobs.list("followup:" + f.id() + ":").stream().noneMatch(e -> e.status() == Job.Status.PENDING));
    assertTrue(service.done(f.id(), "UB").isEmpty(), "not twice");
    FollowUp g = create(LocalDate.of(2026, 12, 10));
    assertEquals("no longer needed", service.drop(g.id(), "UA", "no longer needed").orElseThrow().dropReason());
    assertTrue(jobs.list("followup:" + g.id() + ":").stream().noneMatch(e -> e.status() == Job.Status.PENDING));
    clock.advance(Duration.ofDays(1));
    assertTrue(service.snooze(g.id()).isEmpty(), "a dropped follow-up has nothing to snooze");
    assertEquals(List.of("FOLLOWUP_ADDED " + f.id() + " UB", "FOLLOWUP_DONE " + f.id(), "FOLLOWUP_ADDED " + g.id() + " UB",
        "FOLLOWUP_DROPPED " + g.id()), actions().stream().map(TimelineEntry::detail).toList());
    assertEquals("fix it — dropped because: no longer needed", actions().get(3).text());
  }

  @Test
  void editingTheDueDate_replacesThePendingReminder_evenASnoozedOne() {
    FollowUp f = create(LocalDate.of(2026, 12, 10));
    service.snooze(f.id());
    var outcome = service.edit(f.id(), f.version(), "UB", "fix it", LocalDate.of(2026, 12, 20), Level.PROCESS);
    FollowUp after = assertInstanceOf(FollowUpService.Changed.class, outcome).after();
    assertEquals(LocalDate.of(2026, 12, 20), after.due());
    assertEquals(2, after.version());
    assertEquals(Instant.parse("2026-12-18T08:00:00Z"), runAt("followup:" + f.id() + ":remind"),
        "two days before the new date, 09:00 Berlin");
    TimelineEntry edited = actions().get(1);
    assertEquals("FOLLOWUP_EDITED " + f.id(), edited.detail());
    assertEquals("fix it (due 2026-12-10 → 2026-12-20)", edited.text());
  }

  @Test
  void editingOnlyTheTitle_keepsTheReminderWhereItWas() {
    FollowUp f = create(LocalDate.of(2026, 12, 10));
    Instant snoozed = service.snooze(f.id()).orElseThrow();
    var outcome = service.edit(f.id(), 1, "UB", "fix it properly", f.due(), Level.ENGINEERING);
    assertInstanceOf(FollowUpService.Changed.class, outcome);
    assertEquals(snoozed, runAt("followup:" + f.id() + ":remind"));
    assertEquals("fix it properly (title was \"fix it\"; level process → engineering practice)", actions().get(1).text());
  }

  @Test
  void aStaleOrRepeatedChange_changesNothing() {
    FollowUp f = create(LocalDate.of(2026, 12, 10));
    assertInstanceOf(FollowUpService.Changed.class,
        service.edit(f.id(), 1, "UB", "first", f.due(), f.level()));
    var second = service.edit(f.id(), 1, "UB", "second", f.due(), f.level());
    assertEquals("first", assertInstanceOf(FollowUpService.Stale.class, second).current().title());
    assertInstanceOf(FollowUpService.Unchanged.class, service.edit(f.id(), 2, "UB", "first", f.due(), f.level()));
    var reassignedTwice = service.reassign(f.id(), 1, "UB", "UC", NEW_YORK);
    assertInstanceOf(FollowUpService.Stale.class, reassignedTwice);
    service.done(f.id(), "UB");
    assertInstanceOf(FollowUpService.NotOpen.class, service.edit(f.id(), 3, "UB", "third", f.due(), f.level()));
    assertInstanceOf(FollowUpService.Missing.class, service.edit(999, 1, "UB", "x", f.due(), f.level()));
    assertEquals("first", store.byId(f.id()).orElseThrow().title());
    assertEquals(3, actions().size(), "added, edited once, done");
  }

  @Test
  void reassigning_dmsTheNewOwnerNow_andRemindsAtNineInTheirZone() {
    FollowUp f = create(LocalDate.of(2026, 12, 10));
    clock.advance(Duration.ofHours(1));
    var outcome = service.reassign(f.id(), 1, "UB", "UC", NEW_YORK);
    FollowUp after = assertInstanceOf(FollowUpService.Changed.class, outcome).after();
    assertEquals("UC", after.owner());
    assertEquals(NEW_YORK, after.ownerZone());
    assertEquals(f.due(), after.due(), "the due date stays");
    var dm = jobs.find("followup:" + f.id() + ":assigned").orElseThrow();
    assertEquals(FollowUpService.REASSIGNED, dm.kind());
    assertEquals(clock.instant(), dm.runAt());
    assertEquals(f.id() + " UB", dm.payload());
    assertEquals(Instant.parse("2026-12-08T14:00:00Z"), runAt("followup:" + f.id() + ":remind"), "09:00 in New York");
    assertEquals("FOLLOWUP_REASSIGNED " + f.id() + " UB UC", actions().get(1).detail());
  }

  @Test
  void theTimeline_readsFollowUpChangesInWords() {
    FollowUp f = create(LocalDate.of(2026, 12, 10));
    service.reassign(f.id(), 1, "UB", "UC", NEW_YORK);
    service.edit(f.id(), 2, "UC", "fix it", LocalDate.of(2026, 12, 11), Level.PROCESS);
    service.drop(f.id(), "UA", "the platform team does it");
    String md = TimelineExport.markdown(
        Timeline.of(incidents.byId(incident).orElseThrow(), timeline.entries(incident)));
    assertTrue(md.contains("added follow-up #" + f.id() + " for"), md);
    assertTrue(md.contains("handed follow-up #" + f.id() + " from"), md);
    assertTrue(md.contains("edited follow-up #" + f.id() + ": fix it (due 2026-12-10 → 2026-12-11)"), md);
    assertTrue(md.contains("dropped follow-up #" + f.id() + ": fix it — dropped because: the platform team does it"), md);
  }

  @Test
  void aReminderThatFailedForGood_stillLeadsToTheNextOne() {
    FollowUp f = create(LocalDate.of(2026, 12, 10));
    Instant first = runAt("followup:" + f.id() + ":remind");
    clock.set(first);
    Job claimed = jobs.claimDue(clock.instant(), Duration.ofMinutes(5), 10, "w").stream()
        .filter(j -> j.key().endsWith(":remind")).findFirst().orElseThrow();
    clock.advance(Duration.ofHours(2));
    jobs.fail(claimed, "Slack kept failing", clock.instant());
    service.reminded(store.byId(f.id()).orElseThrow(), claimed.runAt());
    var next = jobs.find("followup:" + f.id() + ":remind").orElseThrow();
    assertEquals(Job.Status.PENDING, next.status());
    assertEquals(Instant.parse("2026-12-10T08:00:00Z"), next.runAt(), "the on-the-day reminder still comes");
  }
}
