package dev.candor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.incident.Incident;
import dev.candor.incident.IncidentChange;
import dev.candor.incident.IncidentChange.Kind;
import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentRepository;
import dev.candor.incident.IncidentRepository.NewIncident;
import dev.candor.incident.IncidentState;
import dev.candor.incident.IncidentUpdate;
import dev.candor.incident.Role;
import dev.candor.incident.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link IncidentRepository} does. The SQLite repository and the in-memory fake both run
 * it, so the fake the domain tests use cannot drift from the real store.
 */
abstract class IncidentRepositoryContract {
  static final Instant T0 = Instant.parse("2024-03-10T10:00:00Z");

  IncidentRepository repository;

  /** A fresh, empty repository for each test. */
  abstract IncidentRepository newRepository() throws Exception;

  @BeforeEach
  void createRepository() throws Exception {
    repository = newRepository();
  }

  static NewIncident newIncident(String channelId, String title, String by, String origin, String requestKey, Instant at) {
    return new NewIncident(channelId, "inc-2024-03-10-" + channelId.toLowerCase(), title, "p99 at 4s", Severity.SEV2,
        false, by, origin, requestKey, at);
  }

  static NewIncident newIncident(String channelId, Instant at) {
    return newIncident(channelId, "DB latency " + channelId, "UALICE", "CGENERAL", null, at);
  }

  /** Applies {@code update} as UBOB at {@code at} and stores it; fails the test if it does not apply or store. */
  Incident apply(Incident incident, IncidentUpdate update, Instant at) {
    IncidentUpdate.Applied applied = (IncidentUpdate.Applied) update.applyTo(incident, "UBOB", at);
    assertTrue(repository.update(incident, applied.incident(), applied.change()), "update of " + incident.id());
    return repository.byId(incident.id()).orElseThrow();
  }

  static List<Kind> kinds(List<IncidentChange> changes) {
    return changes.stream().map(IncidentChange::kind).toList();
  }

  // --- scrubbing a change's words (a redaction) ------------------------------------------------

  @Test
  void scrubbingAChange_emptiesItsWordsInTheChangeLog_andOnlyThere_byTheVersionItMade() {
    Incident declared = repository.insert(newIncident("CINC1", T0));
    Incident noted = apply(declared, new IncidentUpdate.AddNote("Jane Roe, 12 Elm Street"), T0.plusSeconds(1));
    apply(noted, new IncidentUpdate.AddNote("another note"), T0.plusSeconds(2));

    assertEquals(List.of("the change log"), repository.scrubChange(declared.id(), 1));

    List<IncidentChange> changes = repository.changes(declared.id());
    assertEquals(List.of("DB latency CINC1", "", "another note"), changes.stream().map(IncidentChange::text).toList());
    assertEquals(List.of(), repository.scrubChange(declared.id(), 1), "nothing is left to scrub");
    assertEquals(List.of(), repository.scrubChange(declared.id(), 9), "no such change");
  }

  @Test
  void scrubbingAChange_takesItsWordsOutOfTheSummaryOrTitle_whileTheyStillSayThem() {
    Incident declared = repository.insert(newIncident("CINC1", T0));
    Incident summarised = apply(declared, new IncidentUpdate.SetSummary("card data in the logs"), T0.plusSeconds(1));

    assertEquals(List.of("the change log", "the incident's summary"), repository.scrubChange(declared.id(), 1));
    assertEquals(List.of("the change log", "the incident's title"), repository.scrubChange(declared.id(), 0));

    Incident now = repository.byId(summarised.id()).orElseThrow();
    assertEquals("", now.summary());
    assertEquals(IncidentRepository.REDACTED_TITLE, now.title());
  }

  // --- insert and read ------------------------------------------------------------------------

  @Test
  void inserting_givesTheIncidentAnIdItsDeclarerAsCommanderAndVersionZero() {
    Incident incident = repository.insert(new NewIncident("CINC1", "inc-2024-03-10-db-latency", "DB latency",
        "p99 at 4s", Severity.SEV1, true, "UALICE", "CGENERAL", "trigger-1", T0));

    assertTrue(incident.id().value() > 0);
    assertEquals(new Incident(incident.id(), "CINC1", "inc-2024-03-10-db-latency", "DB latency", "p99 at 4s",
        Severity.SEV1, IncidentState.INVESTIGATING, new Incident.Roles("UALICE", null, null), true, "UALICE",
        "CGENERAL", new Incident.Times(T0, T0, null, null, null, T0), 0), incident);
  }

  // --- the next number, taken before the channel exists -----------------------------------------

  @Test
  void nextNumber_isOneNoIncidentHas_andTheIncidentStoredUnderItCarriesIt() {
    Incident before = repository.insert(newIncident("CINC1", T0));

    long number = repository.nextNumber();
    Incident stored = repository.insert(new NewIncident(number, "CINC2", "inc-" + number + "-db", "DB", "",
        Severity.SEV2, false, "UALICE", "CGENERAL", null, T0));

    assertTrue(number > before.id().value(), number + " after " + before.id());
    assertEquals(number, stored.id().value());
    assertEquals(Optional.of(stored), repository.byId(new IncidentId(number)));
  }

  @Test
  void nextNumber_neverGivesTheSameNumberTwice_evenBeforeEitherIsStored() {
    long first = repository.nextNumber();
    long second = repository.nextNumber();
    Incident unnumbered = repository.insert(newIncident("CINC1", T0));

    assertTrue(second > first, first + " then " + second);
    assertTrue(unnumbered.id().value() > second || unnumbered.id().value() < first,
        "an incident stored without a number takes none handed out: " + unnumbered.id());
  }

  @Test
  void numberFor_aRequestKey_isTheSameEachTime_andNoOtherKeysOrNextNumbers() {
    long first = repository.numberFor("command:trig-1", T0);
    long other = repository.numberFor("command:trig-2", T0);
    long next = repository.nextNumber();
    long unkeyed = repository.numberFor(null, T0);

    assertEquals(first, repository.numberFor("command:trig-1", T0.plusSeconds(60)), "kept for its key");
    assertEquals(4, Set.of(first, other, next, unkeyed).size(), List.of(first, other, next, unkeyed).toString());
    assertTrue(repository.numberFor(null, T0) != unkeyed, "a null key keeps nothing");
  }

  @Test
  void numberFor_aRequestKey_isKeptUntilAnIncidentIsStoredUnderIt_andAfter() {
    long number = repository.numberFor("command:trig-1", T0);
    Incident stored = repository.insert(new NewIncident(number, "CINC1", "inc-" + number + "-db", "DB", "",
        Severity.SEV2, false, "UALICE", "CGENERAL", "command:trig-1", T0));

    assertEquals(number, stored.id().value());
    assertEquals(number, repository.numberFor("command:trig-1", T0));
    assertTrue(repository.numberFor("command:trig-2", T0) > number);
    assertTrue(repository.insert(newIncident("CINC2", T0)).id().value() > number);
  }

  @Test
  void numberFor_manyKeysAtOnceFromManyThreads_givesEachKeyOneNumber_andNoTwoKeysTheSame() throws Exception {
    int threads = 8;
    var pool = Executors.newFixedThreadPool(threads);
    try {
      var start = new CountDownLatch(1);
      List<Future<Long>> taken = new ArrayList<>();
      for (int i = 0; i < threads * 4; i++) {
        String key = "command:trig-" + i;
        taken.add(pool.submit(() -> {
          start.await();
          return repository.numberFor(key, T0);
        }));
      }
      start.countDown();
      List<Long> numbers = new ArrayList<>();
      for (var f : taken) {
        numbers.add(f.get(30, TimeUnit.SECONDS));
      }
      assertEquals(threads * 4, new HashSet<>(numbers).size(), numbers.toString());
      for (int i = 0; i < threads * 4; i++) {
        assertEquals(numbers.get(i), repository.numberFor("command:trig-" + i, T0));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void nextNumber_calledAtOnceFromManyThreads_givesEachADifferentNumber() throws Exception {
    int threads = 8;
    var pool = Executors.newFixedThreadPool(threads);
    try {
      var start = new CountDownLatch(1);
      List<Future<Long>> taken = new ArrayList<>();
      for (int i = 0; i < threads * 4; i++) {
        taken.add(pool.submit(() -> {
          start.await();
          return repository.nextNumber();
        }));
      }
      start.countDown();
      Set<Long> numbers = new HashSet<>();
      for (var f : taken) {
        numbers.add(f.get(30, TimeUnit.SECONDS));
      }
      assertEquals(threads * 4, numbers.size(), numbers.toString());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void inserting_twoIncidents_givesThemIncreasingIds() {
    Incident first = repository.insert(newIncident("CINC1", T0));
    Incident second = repository.insert(newIncident("CINC2", T0));

    assertTrue(second.id().value() > first.id().value(), first.id() + " then " + second.id());
  }

  @Test
  void inserting_recordsTheDeclaredChange() {
    Incident incident = repository.insert(newIncident("CINC1", "DB latency", "UALICE", "CGENERAL", null, T0));

    assertEquals(List.of(new IncidentChange(incident.id(), Kind.DECLARED, "UALICE", T0, "SEV2", "DB latency")),
        repository.changes(incident.id()));
  }

  @Test
  void inserting_keepsTimesToTheMillisecond() {
    Incident incident = repository.insert(newIncident("CINC1", T0.plusNanos(1_234_567)));

    assertEquals(T0.plusMillis(1), incident.times().declared());
    assertEquals(T0.plusMillis(1), repository.changes(incident.id()).get(0).at());
  }

  @Test
  void inserting_aSecondIncidentForTheSameChannel_isRefusedAndStoresNothing() {
    repository.insert(newIncident("CINC1", T0));

    assertThrows(RuntimeException.class, () -> repository.insert(newIncident("CINC1", T0.plusSeconds(5))));

    assertEquals(1, repository.open().size());
  }

  @Test
  void inserting_aSecondIncidentWithTheSameRequestKey_isRefused() {
    repository.insert(newIncident("CINC1", "DB latency", "UALICE", "CGENERAL", "trigger-1", T0));

    assertThrows(RuntimeException.class,
        () -> repository.insert(newIncident("CINC2", "Cache", "UBOB", "COPS", "trigger-1", T0)));

    assertEquals(1, repository.open().size());
  }

  @Test
  void readingById_findsTheIncidentAndNothingForAnUnknownId() {
    Incident incident = repository.insert(newIncident("CINC1", T0));

    assertEquals(Optional.of(incident), repository.byId(incident.id()));
    assertEquals(Optional.empty(), repository.byId(new IncidentId(incident.id().value() + 100)));
  }

  @Test
  void readingByChannel_findsTheIncidentOfThatChannelOnly() {
    Incident first = repository.insert(newIncident("CINC1", T0));
    Incident second = repository.insert(newIncident("CINC2", T0));

    assertEquals(Optional.of(first), repository.byChannel("CINC1"));
    assertEquals(Optional.of(second), repository.byChannel("CINC2"));
    assertEquals(Optional.empty(), repository.byChannel("CGENERAL"));
  }

  @Test
  void readingByRequestKey_findsTheIncidentThatRequestDeclared() {
    Incident incident = repository.insert(newIncident("CINC1", "DB latency", "UALICE", "CGENERAL", "trigger-1", T0));
    repository.insert(newIncident("CINC2", "Cache", "UALICE", "CGENERAL", null, T0));

    assertEquals(Optional.of(incident), repository.byRequestKey("trigger-1"));
    assertEquals(Optional.empty(), repository.byRequestKey("trigger-2"));
  }

  // --- recentDeclare --------------------------------------------------------------------------

  @Test
  void recentDeclare_findsTheSameDeclarationSinceTheGivenTime() {
    Incident incident = repository.insert(newIncident("CINC1", "DB latency", "UALICE", "CGENERAL", null, T0));

    assertEquals(Optional.of(incident), repository.recentDeclare("UALICE", "CGENERAL", "DB latency", T0.minusSeconds(60)));
    assertEquals(Optional.of(incident), repository.recentDeclare("UALICE", "CGENERAL", "DB latency", T0));
  }

  @Test
  void recentDeclare_ignoresDeclarationsBeforeTheWindow() {
    repository.insert(newIncident("CINC1", "DB latency", "UALICE", "CGENERAL", null, T0));

    assertEquals(Optional.empty(), repository.recentDeclare("UALICE", "CGENERAL", "DB latency", T0.plusMillis(1)));
  }

  @Test
  void recentDeclare_ignoresCaseAndRunsOfSpacesInTheTitle() {
    Incident incident = repository.insert(newIncident("CINC1", "DB Latency in EU", "UALICE", "CGENERAL", null, T0));

    assertEquals(Optional.of(incident),
        repository.recentDeclare("UALICE", "CGENERAL", "  db   LATENCY\tin eu ", T0.minusSeconds(60)));
  }

  @Test
  void recentDeclare_needsTheSamePersonChannelAndTitle() {
    repository.insert(newIncident("CINC1", "DB latency", "UALICE", "CGENERAL", null, T0));
    Instant since = T0.minusSeconds(60);

    assertEquals(Optional.empty(), repository.recentDeclare("UBOB", "CGENERAL", "DB latency", since));
    assertEquals(Optional.empty(), repository.recentDeclare("UALICE", "COPS", "DB latency", since));
    assertEquals(Optional.empty(), repository.recentDeclare("UALICE", "CGENERAL", "DB latency again", since));
  }

  @Test
  void recentDeclare_withTwoMatches_givesTheNewest() {
    repository.insert(newIncident("CINC1", "DB latency", "UALICE", "CGENERAL", null, T0));
    Incident newer = repository.insert(newIncident("CINC2", "DB latency", "UALICE", "CGENERAL", null, T0.plusSeconds(90)));

    assertEquals(Optional.of(newer), repository.recentDeclare("UALICE", "CGENERAL", "db latency", T0.minusSeconds(60)));
  }

  // --- update ---------------------------------------------------------------------------------

  @Test
  void updating_theCurrentVersion_storesTheIncidentBumpsTheVersionAndRecordsTheChange() {
    Incident before = repository.insert(newIncident("CINC1", T0));
    Instant at = T0.plus(Duration.ofMinutes(3));
    IncidentUpdate.Applied applied =
        (IncidentUpdate.Applied) new IncidentUpdate.SetSeverity(Severity.SEV1).applyTo(before, "UBOB", at);

    assertTrue(repository.update(before, applied.incident(), applied.change()));

    Incident stored = repository.byId(before.id()).orElseThrow();
    assertEquals(Severity.SEV1, stored.severity());
    assertEquals(1, stored.version());
    assertEquals(List.of(new IncidentChange(before.id(), Kind.SEVERITY, "UBOB", at, "SEV1", "was SEV2")),
        repository.changes(before.id()).subList(1, 2));
  }

  @Test
  void updating_storesEveryFieldAnUpdateCanChange() {
    Incident incident = repository.insert(newIncident("CINC1", T0));
    Instant t1 = T0.plusSeconds(60);
    Instant t2 = T0.plusSeconds(120);
    Instant t3 = T0.plusSeconds(180);

    incident = apply(incident, new IncidentUpdate.SetTitle("Checkout latency"), t1);
    incident = apply(incident, new IncidentUpdate.AssignRole(Role.COMMS, "UCAROL"), t1);
    incident = apply(incident, new IncidentUpdate.AssignRole(Role.SCRIBE, "UDAN"), t1);
    incident = apply(incident, new IncidentUpdate.AssignRole(Role.COMMANDER, "UBOB"), t1);
    incident = apply(incident, new IncidentUpdate.MarkMitigated("rolled back"), t2);
    incident = apply(incident, new IncidentUpdate.Resolve("failover to the replica"), t3);

    Incident stored = repository.byId(incident.id()).orElseThrow();
    assertEquals("Checkout latency", stored.title());
    assertEquals("failover to the replica", stored.summary());
    assertEquals(IncidentState.RESOLVED, stored.state());
    assertEquals(new Incident.Roles("UBOB", "UCAROL", "UDAN"), stored.roles());
    assertEquals(new Incident.Times(T0, T0, t2, t3, null, t3), stored.times());
    assertEquals(6, stored.version());
    assertEquals("CINC1", stored.channelId());
    assertEquals("UALICE", stored.declaredBy());
  }

  @Test
  void updating_aStaleVersion_returnsFalseAndWritesNothing() {
    Incident stale = repository.insert(newIncident("CINC1", T0));
    Incident current = apply(stale, new IncidentUpdate.SetSeverity(Severity.SEV1), T0.plusSeconds(10));
    IncidentUpdate.Applied late =
        (IncidentUpdate.Applied) new IncidentUpdate.SetTitle("Checkout latency").applyTo(stale, "UCAROL", T0.plusSeconds(20));

    boolean written = repository.update(stale, late.incident(), late.change());

    assertFalse(written);
    assertEquals(Optional.of(current), repository.byId(stale.id()));
    assertEquals(List.of(Kind.DECLARED, Kind.SEVERITY), kinds(repository.changes(stale.id())));
  }

  @Test
  void updating_anIncident_leavesOtherIncidentsAlone() {
    Incident first = repository.insert(newIncident("CINC1", T0));
    Incident second = repository.insert(newIncident("CINC2", T0));

    apply(first, new IncidentUpdate.Cancel("false alarm"), T0.plusSeconds(30));

    assertEquals(Optional.of(second), repository.byId(second.id()));
    assertEquals(List.of(Kind.DECLARED), kinds(repository.changes(second.id())));
  }

  @Test
  void changes_areListedInTheOrderTheyWereMade() {
    Incident incident = repository.insert(newIncident("CINC1", T0));
    Incident other = repository.insert(newIncident("CINC2", T0));
    // the same instant for every change, so only the order of recording can order them
    Instant at = T0.plusSeconds(60);

    incident = apply(incident, new IncidentUpdate.SetStatus(IncidentState.IDENTIFIED, "cache"), at);
    apply(other, new IncidentUpdate.SetSeverity(Severity.SEV4), at);
    incident = apply(incident, new IncidentUpdate.SetSeverity(Severity.SEV1), at);
    incident = apply(incident, new IncidentUpdate.SetSummary("EU only"), at);
    apply(incident, new IncidentUpdate.Resolve(""), at);

    List<IncidentChange> changes = repository.changes(incident.id());
    assertEquals(List.of(Kind.DECLARED, Kind.STATUS, Kind.SEVERITY, Kind.SUMMARY, Kind.RESOLVED), kinds(changes));
    assertEquals("cache", changes.get(1).text());
    assertEquals("UBOB", changes.get(4).actor());
    assertEquals(List.of(), repository.changes(new IncidentId(incident.id().value() + 100)));
  }

  // --- open -----------------------------------------------------------------------------------

  @Test
  void open_listsOnlyIncidentsInAWorkingState_newestFirst() {
    Incident investigating = repository.insert(newIncident("CINC1", T0));
    Incident identified = apply(repository.insert(newIncident("CINC2", T0)),
        new IncidentUpdate.SetStatus(IncidentState.IDENTIFIED, "found it"), T0);
    Incident monitoring = apply(repository.insert(newIncident("CINC3", T0)),
        new IncidentUpdate.MarkMitigated(""), T0);
    apply(repository.insert(newIncident("CINC4", T0)), new IncidentUpdate.Resolve(""), T0);
    apply(repository.insert(newIncident("CINC5", T0)), new IncidentUpdate.Cancel("false alarm"), T0);
    Incident toClose = apply(repository.insert(newIncident("CINC6", T0)), new IncidentUpdate.Resolve(""), T0);
    Incident closed = new Incident(toClose.id(), toClose.channelId(), toClose.channelName(), toClose.title(),
        toClose.summary(), toClose.severity(), IncidentState.CLOSED, toClose.roles(), toClose.privateChannel(),
        toClose.declaredBy(), toClose.originChannelId(), toClose.times(), toClose.version());
    assertTrue(repository.update(toClose, closed,
        new IncidentChange(toClose.id(), Kind.RESOLVED, "UBOB", T0, "CLOSED", "")));

    assertEquals(List.of(monitoring, identified, investigating), repository.open());
  }
}
