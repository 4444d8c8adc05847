package dev.candor.slack.incident;

import static dev.candor.testing.TestMask.MASK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.followup.FollowUp;
import dev.candor.followup.FollowUpChange;
import dev.candor.followup.Level;
import dev.candor.incident.ChannelNamer;
import dev.candor.incident.Declaration;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentChange;
import dev.candor.incident.IncidentNotifier;
import dev.candor.incident.IncidentService;
import dev.candor.incident.IncidentState;
import dev.candor.incident.IncidentUpdate;
import dev.candor.incident.PostmortemStep;
import dev.candor.incident.Role;
import dev.candor.incident.Severity;
import dev.candor.jobs.Job;
import dev.candor.slack.followup.FollowUpAnnouncements;
import dev.candor.slack.platform.SlackMessage;
import dev.candor.store.Database;
import dev.candor.store.JdbcIncidentRepository;
import dev.candor.store.JdbcJobStore;
import dev.candor.store.JdbcUnitOfWork;
import dev.candor.testing.TestClock;
import dev.candor.testing.fakes.RecordingWorkspace;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Announcements scheduled by the incident repository's journal, on real SQLite: what each job will post,
 * rendered at the time of its change, in the incident's queue, committed with the change or not at all.
 */
class AnnouncementsTest {
  static final String INCIDENTS = "CINCIDENTS";
  @TempDir Path dir;
  Database db;
  TestClock clock = TestClock.at("2026-12-01T12:00:00Z");
  JdbcJobStore jobs;
  Announcements announcements;
  JdbcIncidentRepository repository;
  IncidentService incidents;

  @BeforeEach
  void open() {
    db = Database.open("jdbc:sqlite:" + dir.resolve("c.db"));
    jobs = new JdbcJobStore(db.dataSource(), clock);
    announcements = new Announcements(jobs, new JdbcUnitOfWork(db.dataSource()), Optional.of(INCIDENTS), clock);
    repository = new JdbcIncidentRepository(db.dataSource(),
        (c, incident, change, version) -> announcements.incidentChanged(incident, change, version));
    incidents = new IncidentService(repository, new RecordingWorkspace(), new IncidentNotifier() {
      @Override
      public void declared(Incident incident, IncidentChange change) {
      }

      @Override
      public void changed(Incident incident, IncidentChange change) {
      }
    }, new ChannelNamer("inc-{date}-{slug}"), ZoneOffset.UTC, MASK, clock);
  }

  @AfterEach
  void close() {
    db.close();
  }

  Incident declare(String title, boolean privately) {
    var result = incidents.declare(new Declaration(title, Severity.SEV2, "", privately, "UALICE", "CGENERAL", null,
        null, null));
    return ((IncidentService.Declared) result).incident();
  }

  void update(Incident incident, String actor, IncidentUpdate update) {
    clock.advance(Duration.ofMinutes(1));
    assertInstanceOf(IncidentService.Updated.class, incidents.update(incident.channelId(), actor, update));
  }

  /** The incident's announcements in the order the runner may take them: each one once the one before is done. */
  List<Announcement> inQueueOrder() {
    List<Announcement> out = new ArrayList<>();
    for (List<Job> next = jobs.claimDue(clock.instant(), Duration.ofMinutes(5), 20, "test"); !next.isEmpty();
        next = jobs.claimDue(clock.instant(), Duration.ofMinutes(5), 20, "test")) {
      assertEquals(1, next.size(), "one announcement of the incident at a time: " + next);
      assertEquals(Announcements.KIND, next.get(0).kind());
      out.add(Announcement.parse(next.get(0).payload()));
      assertTrue(jobs.done(next.get(0), clock.instant()));
    }
    return out;
  }

  @Test
  void declaring_schedulesTheTopicOnly_sinceTheIncidentCardIsTheOpeningHereAndInTheIncidentsChannel() {
    Incident incident = declare("Checkout errors", false);

    List<Announcement> all = inQueueOrder();

    assertEquals(1, all.size());
    Announcement a = all.get(0);
    assertEquals(incident.id().toString(), a.incident());
    assertEquals(incident.channelId(), a.channel());
    assertNull(a.message(), "the incident card (slack.card) is the declaration's message");
    assertTrue(a.topic().startsWith("Investigating · SEV2 · Commander: <@UALICE>"), a.topic());
    assertNull(a.copy(), "the card's copy is the declaration's message in the incidents channel");
  }

  @Test
  void quickChanges_areQueuedInTheOrderMade_eachRenderedAsItWasThen() {
    Incident incident = declare("Checkout errors", false);
    update(incident, "UBOB", new IncidentUpdate.SetStatus(IncidentState.IDENTIFIED, "the cache node is saturated"));
    update(incident, "UBOB", new IncidentUpdate.SetSeverity(Severity.SEV1));
    update(incident, "UBOB", new IncidentUpdate.AssignRole(Role.COMMANDER, "UBOB"));

    List<Announcement> all = inQueueOrder();

    assertEquals(4, all.size());
    Announcement status = all.get(1);
    assertTrue(status.message().text().contains("*Identified* — update from <@UBOB>"), status.message().text());
    assertTrue(status.topic().startsWith("Identified · SEV2 · Commander: <@UALICE>"),
        "the topic as the status change left it, not as it is now: " + status.topic());
    assertTrue(all.get(2).message().text().contains("set severity to *SEV1*"), all.get(2).message().text());
    assertTrue(all.get(2).topic().startsWith("Identified · SEV1 · Commander: <@UALICE>"), all.get(2).topic());
    assertTrue(all.get(3).topic().startsWith("Identified · SEV1 · Commander: <@UBOB>"), all.get(3).topic());
    assertNull(status.copy(), "only a declaration or an ending goes to the incidents channel");
  }

  @Test
  void aResolution_isCopiedToTheIncidentsChannel_withHowLongItTook() {
    Incident incident = declare("Checkout errors", false);
    clock.advance(Duration.ofMinutes(64));
    update(incident, "UALICE", new IncidentUpdate.Resolve("rolled back"));
    clock.advance(Duration.ofHours(3)); // the job may run late; what it says does not change

    Announcement resolved = inQueueOrder().get(1);

    assertTrue(resolved.message().text().contains("*resolved* " + incident.id() + " after 1 h 5 min"),
        resolved.message().text());
    assertTrue(resolved.copy().message().text().contains("was resolved after 1 h 5 min"),
        resolved.copy().message().text());
  }

  @Test
  void aPrivateIncident_isNeverCopied_aNoteMovesNoTopic_andTheCeremonysOwnStepsAreNotRepeated() {
    Incident incident = declare("Secret thing", true);
    update(incident, "UALICE", new IncidentUpdate.AddNote("paged the DBA"));
    update(incident, "UALICE", new IncidentUpdate.Resolve(""));
    update(incident, "UALICE", new IncidentUpdate.RecordPostmortem(PostmortemStep.SCHEDULED, "Tuesday"));

    List<Announcement> all = inQueueOrder();

    assertEquals(3, all.size(), "declared, the note, resolved; the scheduled meeting posts its own message");
    assertNull(all.get(0).copy());
    assertNull(all.get(1).topic());
    assertTrue(all.get(1).message().text().contains("added a note"), all.get(1).message().text());
    assertNull(all.get(2).copy());
  }

  @Test
  void together_storesTheChangeAndItsAnnouncement_orNeither() {
    Incident incident = declare("Checkout errors", false);
    inQueueOrder();
    SlackMessage notice = new SlackMessage("nudges are off", List.of());

    String done = announcements.together(incident, () -> {
      jobs.schedule("change", "the-change", "", clock.instant().plusSeconds(60));
      return "switched";
    }, result -> notice);
    assertEquals("switched", done);
    assertEquals(List.of("nudges are off"), inQueueOrder().stream().map(a -> a.message().text()).toList());

    assertThrows(IllegalStateException.class, () -> announcements.together(incident, () -> {
      jobs.schedule("change", "a-change-that-fails", "", clock.instant().plusSeconds(60));
      return "switched";
    }, result -> {
      throw new IllegalStateException("rendering failed");
    }));
    assertEquals(Optional.empty(), jobs.find("a-change-that-fails"), "the change rolled back with its announcement");
    assertEquals(List.of(), inQueueOrder());
  }

  @Test
  void together_aChangeThatCameToNothing_saysNothing() {
    Incident incident = declare("Checkout errors", false);
    inQueueOrder();

    announcements.together(incident, () -> "already redacted", result -> null);

    assertEquals(List.of(), inQueueOrder());
  }

  @Test
  void followUpChanges_areAnnounced_exceptMarkingOneDone() {
    Incident incident = declare("Checkout errors", false);
    inQueueOrder();
    var journal = new FollowUpAnnouncements(repository, announcements);
    FollowUp added = new FollowUp(7, incident.id(), "add a canary", "UBOB", ZoneOffset.UTC,
        LocalDate.parse("2026-12-15"), Level.SOFTWARE, FollowUp.Status.OPEN, null, "UALICE", clock.instant(), 1);
    FollowUp done = new FollowUp(7, incident.id(), "add a canary", "UBOB", ZoneOffset.UTC,
        LocalDate.parse("2026-12-15"), Level.SOFTWARE, FollowUp.Status.DONE, null, "UALICE", clock.instant(), 2);

    journal.record(new FollowUpChange(FollowUpChange.Kind.ADDED, null, added, "UALICE", clock.instant()));
    journal.record(new FollowUpChange(FollowUpChange.Kind.DONE, added, done, "UBOB", clock.instant()));

    List<Announcement> all = inQueueOrder();
    assertEquals(1, all.size());
    assertEquals(incident.channelId(), all.get(0).channel());
    assertTrue(all.get(0).message().text().contains("add a canary"), all.get(0).message().text());
  }
}
