package dev.candor.incident;

import static dev.candor.testing.TestMask.MASK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.incident.IncidentChange.Kind;
import dev.candor.incident.IncidentService.AlreadyDeclared;
import dev.candor.incident.IncidentService.ChannelTaken;
import dev.candor.incident.IncidentService.DeclareResult;
import dev.candor.incident.IncidentService.Declared;
import dev.candor.incident.IncidentService.NoIncident;
import dev.candor.incident.IncidentService.Rejected;
import dev.candor.incident.IncidentService.UpdateResult;
import dev.candor.incident.IncidentService.Updated;
import dev.candor.testing.TeamSeverities;
import dev.candor.testing.TestClock;
import dev.candor.testing.fakes.InMemoryIncidentRepository;
import dev.candor.testing.fakes.RecordingNotifier;
import dev.candor.testing.fakes.RecordingWorkspace;
import dev.candor.testing.fakes.RecordingWorkspace.Invite;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IncidentServiceTest {
  /** 23:30 UTC on 10 March is already 11 March in Tokyo (UTC+9, no daylight saving). */
  static final Instant LATE_EVENING_UTC = Instant.parse("2024-03-10T23:30:00Z");
  static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

  TestClock clock;
  InMemoryIncidentRepository repository;
  RecordingWorkspace workspace;
  RecordingNotifier notifier;
  IncidentService service;

  @BeforeEach
  void setUp() {
    clock = new TestClock(LATE_EVENING_UTC);
    repository = new InMemoryIncidentRepository();
    workspace = new RecordingWorkspace();
    notifier = new RecordingNotifier();
    service = serviceIn(TOKYO);
  }

  IncidentService serviceIn(ZoneId zone) {
    return new IncidentService(repository, workspace, notifier, new ChannelNamer("inc-{date}-{slug}"), zone, MASK, clock);
  }

  static Declaration declaration(String title, String by, String origin, String requestKey) {
    return new Declaration(title, Severity.SEV2, "", false, by, origin, null, null, requestKey);
  }

  static Declaration declaration(String title) {
    return declaration(title, "UALICE", "CGENERAL", null);
  }

  Incident declared(Declaration d) {
    return assertInstanceOf(Declared.class, service.declare(d)).incident();
  }

  // --- declare: the channel -------------------------------------------------------------------

  @Test
  void aDeclarationThatDiedAfterMakingItsChannel_leavesItForTheNextOne_whichAdoptsIt() {
    // the process died between making the channel and storing its incident
    var orphan = (IncidentWorkspace.Created) workspace.createChannel("inc-2024-03-11-db-latency", false);

    Incident incident = declared(declaration("DB latency"));

    assertEquals(orphan.channelId(), incident.channelId(), "adopted");
    assertEquals("inc-2024-03-11-db-latency", incident.channelName());
    assertEquals(1, workspace.created().size(), "no -2 made: " + workspace.attempts());
    assertEquals(List.of(new Invite(orphan.channelId(), "UALICE")), workspace.invites());
  }

  @Test
  void aDeclarationWhoseInsertFailed_retriedUnderItsRequestKey_keepsItsNumberAndAdoptsTheChannelItMade() {
    service = new IncidentService(repository, workspace, notifier, new ChannelNamer("inc-{number}-{slug}"), TOKYO,
        MASK, clock);
    declared(declaration("Warm-up", "UBOB", "CRANDOM", "command:trig-0")); // INC-1
    repository.failNextInsert(new IllegalStateException("the database went away"));
    Declaration d = declaration("DB latency", "UALICE", "CGENERAL", "command:trig-1");
    assertThrows(IllegalStateException.class, () -> service.declare(d));
    declared(declaration("Other", "UCAROL", "COTHER", "command:trig-2")); // a declaration in between: INC-3

    Incident incident = declared(d);

    assertEquals(2, incident.id().value(), "the number the first attempt took");
    assertEquals("inc-2-db-latency", incident.channelName());
    assertEquals(List.of("inc-1-warm-up", "inc-2-db-latency", "inc-3-other"),
        workspace.created().stream().map(RecordingWorkspace.Attempt::name).toList(), "no channel made twice");
    assertEquals(workspace.created().get(1).channelId(), incident.channelId(), "the channel made first, adopted");
  }

  @Test
  void aNewDeclaration_underAnotherRequestKey_getsANewNumber_theFailedOnesStayingAGap() {
    service = new IncidentService(repository, workspace, notifier, new ChannelNamer("inc-{number}-{slug}"), TOKYO,
        MASK, clock);
    repository.failNextInsert(new IllegalStateException("the database went away"));
    assertThrows(IllegalStateException.class,
        () -> service.declare(declaration("DB latency", "UALICE", "CGENERAL", "command:trig-1")));

    Incident other = declared(declaration("Checkout down", "UALICE", "CGENERAL", "command:trig-2"));

    assertEquals(2, other.id().value(), "INC-1 was taken by the failed declaration");
    assertEquals("inc-2-checkout-down", other.channelName());
  }

  @Test
  void askingForTheSeverityAnIncidentHas_isRefusedNamingItAsTheTeamDoes() {
    service = new IncidentService(repository, workspace, notifier, new ChannelNamer("inc-{number}-{slug}"), TOKYO,
        MASK, clock, TeamSeverities.P_SCALE);
    Incident incident = declared(declaration("DB latency"));

    UpdateResult result = service.update(incident.channelId(), "UALICE", new IncidentUpdate.SetSeverity(Severity.SEV2));

    assertEquals(new Rejected(incident.id() + " already is P2."), result);
    Updated raised = assertInstanceOf(Updated.class,
        service.update(incident.channelId(), "UALICE", new IncidentUpdate.SetSeverity(Severity.SEV1)));
    assertEquals("SEV1", raised.change().value(), "the change keeps Candor's code");
  }

  @Test
  void aChannelOfAnotherIncident_orSomeoneElses_orOfTheOtherPrivacy_isNeverAdopted() {
    Incident first = declared(declaration("DB latency"));
    workspace.take("inc-2024-03-11-db-latency-2"); // someone else's
    workspace.createChannel("inc-2024-03-11-db-latency-3", true); // Candor's, but private: this one is public

    Incident second = declared(declaration("DB latency", "UBOB", "CRANDOM", null));

    assertEquals("inc-2024-03-11-db-latency-4", second.channelName());
    assertEquals(List.of(first.channelId()), repository.byChannel(first.channelId()).stream().map(Incident::channelId)
        .toList());
  }

  @Test
  void declaring_createsAChannelNamedWithTheDateInTheConfiguredZoneAndASlug() {
    Incident incident = declared(declaration("DB latency"));

    assertEquals(List.of("inc-2024-03-11-db-latency"), workspace.attemptedNames());
    assertEquals("inc-2024-03-11-db-latency", incident.channelName());
    assertEquals(workspace.created().get(0).channelId(), incident.channelId());
  }

  @Test
  void declaring_inUtc_usesTheUtcDate() {
    service = serviceIn(ZoneOffset.UTC);

    declared(declaration("DB latency"));

    assertEquals(List.of("inc-2024-03-10-db-latency"), workspace.attemptedNames());
  }

  @Test
  void declaring_inAZoneBehindUtc_usesThePreviousDay() {
    clock.set(Instant.parse("2024-03-11T02:00:00Z"));
    service = serviceIn(ZoneId.of("America/Los_Angeles"));

    declared(declaration("DB latency"));

    assertEquals(List.of("inc-2024-03-10-db-latency"), workspace.attemptedNames());
  }

  @Test
  void declaring_whenTheNameIsTaken_addsSuffixTwo() {
    workspace.take("inc-2024-03-11-db-latency");

    Incident incident = declared(declaration("DB latency"));

    assertEquals(List.of("inc-2024-03-11-db-latency", "inc-2024-03-11-db-latency-2"), workspace.attemptedNames());
    assertEquals("inc-2024-03-11-db-latency-2", incident.channelName());
  }

  @Test
  void declaring_whenTheNameAndSuffixTwoAreTaken_addsSuffixThree() {
    workspace.take("inc-2024-03-11-db-latency", "inc-2024-03-11-db-latency-2");

    Incident incident = declared(declaration("DB latency"));

    assertEquals("inc-2024-03-11-db-latency-3", incident.channelName());
    assertEquals(1, workspace.created().size());
  }

  @Test
  void declaring_whenEveryNameIsTaken_failsAndStoresNothing() {
    for (int attempt = 1; attempt <= 50; attempt++) {
      workspace.take(new ChannelNamer("inc-{date}-{slug}").name(1, "DB latency", LocalDate.of(2024, 3, 11), attempt));
    }

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> service.declare(declaration("DB latency")));

    assertTrue(e.getMessage().contains("DB latency"), e.getMessage());
    assertEquals(List.of(), repository.open());
    assertEquals(List.of(), notifier.all());
  }

  @Test
  void declaring_aPrivateIncident_createsAPrivateChannel() {
    declared(new Declaration("DB latency", Severity.SEV1, "", true, "UALICE", "CGENERAL", null, null, null));

    assertTrue(workspace.created().get(0).privateChannel());
  }

  @Test
  void declaring_aPublicIncident_createsAPublicChannel() {
    declared(declaration("DB latency"));

    assertEquals(false, workspace.created().get(0).privateChannel());
  }

  // --- declare: the incident ------------------------------------------------------------------

  @Test
  void declaring_invitesTheDeclarerAndMakesThemCommander() {
    Incident incident = declared(declaration("DB latency", "UALICE", "CGENERAL", null));

    assertEquals(List.of(new Invite(incident.channelId(), "UALICE")), workspace.invites());
    assertEquals("UALICE", incident.roles().commander());
    assertEquals(Optional.empty(), incident.roles().holder(Role.COMMS));
    assertEquals(Optional.empty(), incident.roles().holder(Role.SCRIBE));
  }

  @Test
  void declaring_storesTitleSeveritySummaryAndTheClocksTime() {
    Incident incident = declared(
        new Declaration("DB latency", Severity.SEV1, "p99 at 4s", false, "UALICE", "CGENERAL", null, null, "req-1"));

    Incident stored = repository.byId(incident.id()).orElseThrow();
    assertEquals("DB latency", stored.title());
    assertEquals(Severity.SEV1, stored.severity());
    assertEquals("p99 at 4s", stored.summary());
    assertEquals(IncidentState.INVESTIGATING, stored.state());
    assertEquals("UALICE", stored.declaredBy());
    assertEquals("CGENERAL", stored.originChannelId());
    assertEquals(LATE_EVENING_UTC, stored.times().declared());
    assertEquals(LATE_EVENING_UTC, stored.times().started());
  }

  @Test
  void declaring_recordsAndAnnouncesTheDeclaredChange() {
    Incident incident = declared(declaration("DB latency"));

    IncidentChange expected = new IncidentChange(incident.id(), Kind.DECLARED, "UALICE", LATE_EVENING_UTC, "SEV2", "DB latency");
    assertEquals(List.of(expected), repository.changes(incident.id()));
    assertEquals(List.of(new RecordingNotifier.Announcement(RecordingNotifier.Type.DECLARED, incident, expected)),
        notifier.all());
  }

  @Test
  void declaring_inTheChannelItCameFrom_createsNoChannelAndInvitesNobody() {
    Incident incident = declared(new Declaration(
        "DB latency", Severity.SEV2, "", false, "UALICE", "CDBTEAM", "CDBTEAM", "db-team", null));

    assertEquals(List.of(), workspace.attempts());
    assertEquals(List.of(), workspace.invites());
    assertEquals("CDBTEAM", incident.channelId());
    assertEquals("db-team", incident.channelName());
    assertEquals(1, notifier.declared().size());
  }

  @Test
  void declaring_fromAnIncidentChannel_inANewChannel_makesASecondIncidentWithItsOwnChannelAndNumber() {
    Incident first = declared(declaration("DB latency"));

    Incident second = declared(declaration("Cache misses", "UBOB", first.channelId(), null));

    assertEquals(2, second.id().value());
    assertEquals(first.channelId(), second.originChannelId());
    assertEquals(2, workspace.attempts().size());
    assertEquals(2, repository.open().size());
    assertTrue(second.channelName().endsWith("cache-misses"), second.channelName());
  }

  @Test
  void declaring_withAnotherLead_makesThemCommander_throughARoleChange_andInvitesThem() {
    Declaration withLead = new Declaration("DB latency", Severity.SEV2, "", false, "UALICE", "CGENERAL", null, null,
        null, "UCAROL");

    Incident incident = declared(withLead);

    assertEquals("UCAROL", incident.roles().commander());
    assertEquals(List.of(IncidentChange.Kind.DECLARED, IncidentChange.Kind.ROLE),
        repository.changes(incident.id()).stream().map(IncidentChange::kind).toList());
    assertEquals("UALICE", repository.changes(incident.id()).get(1).actor());
  }

  @Test
  void declaring_inAnExistingChannelThatIsAnIncidentChannel_isChannelTaken() {
    Incident first = declared(new Declaration(
        "DB latency", Severity.SEV2, "", false, "UALICE", "CDBTEAM", "CDBTEAM", "db-team", null));

    DeclareResult again = service.declare(new Declaration(
        "Cache misses", Severity.SEV2, "", false, "UBOB", "CDBTEAM", "CDBTEAM", "db-team", null));

    assertEquals(new ChannelTaken(first), again);
  }

  // --- declare: the same declaration twice ----------------------------------------------------

  @Test
  void declaring_withTheSameRequestKey_yieldsTheSameIncident_evenMinutesLater() {
    Incident first = declared(declaration("DB latency", "UALICE", "CGENERAL", "trigger-1"));
    clock.advance(Duration.ofMinutes(5));

    DeclareResult redelivery = service.declare(declaration("DB latency", "UALICE", "CGENERAL", "trigger-1"));

    assertEquals(new AlreadyDeclared(first), redelivery);
    assertEquals(1, workspace.created().size());
    assertEquals(1, notifier.all().size());
  }

  @Test
  void declaring_twiceWithinAMinute_yieldsOneIncident() {
    Incident first = declared(declaration("DB latency", "UALICE", "CGENERAL", "trigger-1"));
    clock.advance(Duration.ofSeconds(59));

    DeclareResult second = service.declare(declaration("DB latency", "UALICE", "CGENERAL", "trigger-2"));

    assertEquals(new AlreadyDeclared(first), second);
    assertEquals(1, workspace.created().size());
    assertEquals(List.of(new Invite(first.channelId(), "UALICE")), workspace.invites());
    assertEquals(1, notifier.all().size());
    assertEquals(1, repository.open().size());
  }

  @Test
  void declaring_twiceWithinAMinute_ignoresCaseAndSpacesInTheTitle() {
    Incident first = declared(declaration("DB latency"));
    clock.advance(Duration.ofSeconds(10));

    DeclareResult second = service.declare(declaration("  db    LATENCY "));

    assertEquals(new AlreadyDeclared(first), second);
  }

  @Test
  void declaring_theSameTitleAfterMoreThanAMinute_makesANewIncident() {
    Incident first = declared(declaration("DB latency"));
    clock.advance(Duration.ofSeconds(61));

    Incident second = declared(declaration("DB latency"));

    assertNotEquals(first.id(), second.id());
    assertEquals("inc-2024-03-11-db-latency-2", second.channelName());
    assertEquals(2, repository.open().size());
  }

  @Test
  void declaring_theSameTitleByAnotherPerson_makesANewIncident() {
    declared(declaration("DB latency", "UALICE", "CGENERAL", null));

    DeclareResult second = service.declare(declaration("DB latency", "UBOB", "CGENERAL", null));

    assertInstanceOf(Declared.class, second);
  }

  @Test
  void declaring_theSameTitleFromAnotherChannel_makesANewIncident() {
    declared(declaration("DB latency", "UALICE", "CGENERAL", null));

    DeclareResult second = service.declare(declaration("DB latency", "UALICE", "COPS", null));

    assertInstanceOf(Declared.class, second);
  }

  @Test
  void declaring_anotherTitleWithinAMinute_makesANewIncident() {
    declared(declaration("DB latency"));

    DeclareResult second = service.declare(declaration("Cache misses"));

    assertInstanceOf(Declared.class, second);
  }

  // --- masking: no secret is kept or announced ------------------------------------------------

  @Test
  void declaring_masksSecretsInTheTitleAndSummary_beforeTheChannelIsNamedOrAnythingStored() {
    Incident incident = declared(new Declaration("leak ghp_aB3dE6gH9jK2mN5pQ8sT1vW4yZ7bC0eF3hJ6", Severity.SEV2,
        "dsn postgres://admin:Sup3rS3cretPw@db:5432/x", false, "UALICE", "CGENERAL", null, null, null));

    String stored = repository.byId(incident.id()).orElseThrow().title() + " "
        + repository.byId(incident.id()).orElseThrow().summary() + " " + workspace.attemptedNames()
        + repository.changes(incident.id()) + notifier.all();
    assertFalse(stored.contains("ghp_aB3dE6") || stored.contains("Sup3rS3cretPw"), stored);
    assertTrue(incident.title().contains("[masked "), incident.title());
    assertTrue(incident.summary().contains("[masked password in URL]"), incident.summary());
  }

  @Test
  void anUpdate_masksItsWords_andTheTitleAndSummaryItLeaves_keepingTheHmacOfEachSecretForTheTimeline() {
    Incident incident = declared(declaration("DB latency"));

    Updated note = assertInstanceOf(Updated.class,
        service.update(incident.channelId(), "UBOB", new IncidentUpdate.AddNote("tried password=Hunter2Hunter2x")));
    Updated resolved = assertInstanceOf(Updated.class, service.update(incident.channelId(), "UBOB",
        new IncidentUpdate.Resolve("rotated AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")));

    assertEquals("tried password=[masked password]", note.change().text());
    assertEquals(1, note.change().secretMacs().size());
    assertFalse(resolved.incident().summary().contains("wJalrXUtnFEMI"), resolved.incident().summary());
    String kept = repository.changes(incident.id()) + " " + notifier.all();
    assertFalse(kept.contains("Hunter2Hunter2x") || kept.contains("wJalrXUtnFEMI"), kept);
  }

  // --- update ---------------------------------------------------------------------------------

  @Test
  void updating_recordsTheChangeWithWhoAndWhen_andAnnouncesIt() {
    Incident incident = declared(declaration("DB latency"));
    clock.advance(Duration.ofMinutes(7));
    Instant now = clock.instant();

    UpdateResult result = service.update(incident.channelId(), "UBOB",
        new IncidentUpdate.SetStatus(IncidentState.IDENTIFIED, "the EU cache node is saturated"));

    Updated updated = assertInstanceOf(Updated.class, result);
    IncidentChange expected = new IncidentChange(incident.id(), Kind.STATUS, "UBOB", now, "IDENTIFIED",
        "the EU cache node is saturated");
    assertEquals(expected, updated.change());
    assertEquals(IncidentState.IDENTIFIED, updated.incident().state());
    assertEquals(1, updated.incident().version());
    assertEquals(now, updated.incident().times().lastUpdate());
    assertEquals(List.of(Kind.DECLARED, Kind.STATUS),
        repository.changes(incident.id()).stream().map(IncidentChange::kind).toList());
    assertEquals(expected, repository.changes(incident.id()).get(1));
    assertEquals(List.of(new RecordingNotifier.Announcement(RecordingNotifier.Type.CHANGED, updated.incident(), expected)),
        notifier.changed());
  }

  @Test
  void updating_announcesTheIncidentAsStored() {
    Incident incident = declared(declaration("DB latency"));

    Updated updated = assertInstanceOf(Updated.class,
        service.update(incident.channelId(), "UBOB", new IncidentUpdate.SetSeverity(Severity.SEV1)));

    assertEquals(repository.byId(incident.id()).orElseThrow(), updated.incident());
    assertEquals(repository.byId(incident.id()).orElseThrow(), notifier.changed().get(0).incident());
  }

  @Test
  void updating_whenRefused_writesAndAnnouncesNothing() {
    Incident incident = declared(declaration("DB latency"));

    UpdateResult result = service.update(incident.channelId(), "UBOB", new IncidentUpdate.SetSeverity(Severity.SEV2));

    Rejected rejected = assertInstanceOf(Rejected.class, result);
    assertEquals("INC-" + incident.id().value() + " already is SEV2.", rejected.reason());
    assertEquals(incident, repository.byId(incident.id()).orElseThrow());
    assertEquals(1, repository.changes(incident.id()).size());
    assertEquals(List.of(), notifier.changed());
  }

  @Test
  void updating_aResolvedIncident_isRefusedUntilReopened() {
    Incident incident = declared(declaration("DB latency"));
    service.update(incident.channelId(), "UALICE", new IncidentUpdate.Resolve("rolled back"));

    UpdateResult again = service.update(incident.channelId(), "UALICE", new IncidentUpdate.Resolve(""));
    UpdateResult reopened = service.update(incident.channelId(), "UALICE", new IncidentUpdate.Reopen());

    assertInstanceOf(Rejected.class, again);
    assertEquals(IncidentState.INVESTIGATING, assertInstanceOf(Updated.class, reopened).incident().state());
    assertEquals(List.of(Kind.DECLARED, Kind.RESOLVED, Kind.REOPENED),
        repository.changes(incident.id()).stream().map(IncidentChange::kind).toList());
    assertEquals(2, notifier.changed().size());
  }

  @Test
  void updating_inAChannelWithoutAnIncident_isNoIncident() {
    declared(declaration("DB latency"));

    UpdateResult result = service.update("CGENERAL", "UBOB", new IncidentUpdate.SetSeverity(Severity.SEV1));

    assertEquals(new NoIncident(), result);
    assertEquals(List.of(), notifier.changed());
  }

  @Test
  void updating_afterAConcurrentChange_appliesOnTopOfIt() {
    Incident incident = declared(declaration("DB latency"));
    InterferingRepository interfering = new InterferingRepository(repository, clock.instant());
    service = new IncidentService(interfering, workspace, notifier, new ChannelNamer("inc-{date}-{slug}"), TOKYO, MASK, clock);

    Updated updated = assertInstanceOf(Updated.class,
        service.update(incident.channelId(), "UBOB", new IncidentUpdate.SetSeverity(Severity.SEV1)));

    assertEquals("Checkout latency", updated.incident().title());
    assertEquals(Severity.SEV1, updated.incident().severity());
    assertEquals(2, updated.incident().version());
    assertEquals(List.of(Kind.DECLARED, Kind.TITLE, Kind.SEVERITY),
        repository.changes(incident.id()).stream().map(IncidentChange::kind).toList());
    assertEquals(1, notifier.changed().size());
  }

  /** Lets someone else retitle the incident just before the first update lands, so that update is stale. */
  static final class InterferingRepository implements IncidentRepository {
    private final IncidentRepository delegate;
    private final Instant at;
    private boolean interfered;

    InterferingRepository(IncidentRepository delegate, Instant at) {
      this.delegate = delegate;
      this.at = at;
    }

    @Override
    public long nextNumber() {
      return delegate.nextNumber();
    }

    @Override
    public long numberFor(String requestKey, Instant at) {
      return delegate.numberFor(requestKey, at);
    }

    @Override
    public boolean update(Incident before, Incident after, IncidentChange change) {
      if (!interfered) {
        interfered = true;
        IncidentUpdate.Applied other = (IncidentUpdate.Applied)
            new IncidentUpdate.SetTitle("Checkout latency").applyTo(before, "UCAROL", at);
        assertTrue(delegate.update(before, other.incident(), other.change()));
      }
      return delegate.update(before, after, change);
    }

    @Override
    public Optional<Incident> byId(IncidentId id) {
      return delegate.byId(id);
    }

    @Override
    public Optional<Incident> byChannel(String channelId) {
      return delegate.byChannel(channelId);
    }

    @Override
    public Optional<Incident> byRequestKey(String requestKey) {
      return delegate.byRequestKey(requestKey);
    }

    @Override
    public Optional<Incident> recentDeclare(String declaredBy, String originChannelId, String title, Instant since) {
      return delegate.recentDeclare(declaredBy, originChannelId, title, since);
    }

    @Override
    public Incident insert(NewIncident incident) {
      return delegate.insert(incident);
    }

    @Override
    public List<Incident> open() {
      return delegate.open();
    }

    @Override
    public List<String> scrubChange(IncidentId id, long version) {
      return delegate.scrubChange(id, version);
    }

    @Override
    public List<IncidentChange> changes(IncidentId id) {
      return delegate.changes(id);
    }
  }
}
