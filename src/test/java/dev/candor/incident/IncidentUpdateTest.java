package dev.candor.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.incident.IncidentChange.Kind;
import dev.candor.incident.IncidentUpdate.Applied;
import dev.candor.incident.IncidentUpdate.Refused;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class IncidentUpdateTest {
  static final Instant DECLARED = Instant.parse("2024-03-10T10:00:00Z");
  static final Instant EARLIER = Instant.parse("2024-03-10T10:05:00Z");
  static final Instant NOW = Instant.parse("2024-03-10T10:20:00Z");
  static final IncidentId ID = new IncidentId(42);
  static final String ACTOR = "UBOB";

  static Incident incident(IncidentState state) {
    return new Incident(ID, "CINC1", "inc-2024-03-10-db-latency", "DB latency", "p99 at 4s", Severity.SEV3,
        state, new Incident.Roles("UALICE", null, null), false, "UALICE", "CGENERAL",
        new Incident.Times(DECLARED, DECLARED, null, null, null, DECLARED), 3);
  }

  static Incident withTimes(Incident i, Instant mitigated, Instant resolved) {
    return i.withTimes(new Incident.Times(DECLARED, DECLARED, mitigated, resolved, null, DECLARED));
  }

  static Incident open() {
    return incident(IncidentState.INVESTIGATING);
  }

  static Incident resolved() {
    return withTimes(incident(IncidentState.RESOLVED), EARLIER, EARLIER);
  }

  static Applied applied(IncidentUpdate update, Incident incident) {
    return assertInstanceOf(Applied.class, update.applyTo(incident, ACTOR, NOW));
  }

  static String refused(IncidentUpdate update, Incident incident) {
    return assertInstanceOf(Refused.class, update.applyTo(incident, ACTOR, NOW)).reason();
  }

  static IncidentChange change(Kind kind, String value, String text) {
    return new IncidentChange(ID, kind, ACTOR, NOW, value, text);
  }

  // --- every applied update records who, when, what -------------------------------------------

  static Stream<IncidentUpdate> everyUpdateThatAppliesToAFreshIncident() {
    return Stream.of(
        new IncidentUpdate.SetStatus(IncidentState.IDENTIFIED, "cache node saturated"),
        new IncidentUpdate.SetStatus(null, "still looking"),
        new IncidentUpdate.MarkMitigated("rolled back"),
        new IncidentUpdate.SetSeverity(Severity.SEV1),
        new IncidentUpdate.AssignRole(Role.SCRIBE, "UCAROL"),
        new IncidentUpdate.SetTitle("Checkout latency"),
        new IncidentUpdate.SetSummary("Card payments failed for 20% of EU users"),
        new IncidentUpdate.Resolve("fixed by failover"),
        new IncidentUpdate.Cancel("false alarm"),
        new IncidentUpdate.MarkKeyEvent("1710064800.000100", "UALICE", "restarted the primary"));
  }

  @ParameterizedTest
  @MethodSource("everyUpdateThatAppliesToAFreshIncident")
  void applying_anyUpdate_recordsTheIncidentTheActorAndTheTime(IncidentUpdate update) {
    Applied applied = applied(update, open());

    assertEquals(ID, applied.change().incidentId());
    assertEquals(ID, applied.incident().id());
    assertEquals(ACTOR, applied.change().actor());
    assertEquals(NOW, applied.change().at());
  }

  @ParameterizedTest
  @MethodSource("everyUpdateThatAppliesToAFreshIncident")
  void applying_anyUpdate_leavesTheVersionToTheRepository(IncidentUpdate update) {
    assertEquals(3, applied(update, open()).incident().version());
  }

  // --- status ---------------------------------------------------------------------------------

  @Test
  void status_withAState_setsTheStateAndKeepsTheUpdateText() {
    Applied applied = applied(new IncidentUpdate.SetStatus(IncidentState.IDENTIFIED, "cache node saturated"), open());

    assertEquals(IncidentState.IDENTIFIED, applied.incident().state());
    assertEquals(NOW, applied.incident().times().lastUpdate());
    assertEquals(change(Kind.STATUS, "IDENTIFIED", "cache node saturated"), applied.change());
  }

  @Test
  void status_withoutAState_keepsTheCurrentState() {
    Incident monitoring = incident(IncidentState.MONITORING);

    Applied applied = applied(new IncidentUpdate.SetStatus(null, "error rate falling"), monitoring);

    assertEquals(IncidentState.MONITORING, applied.incident().state());
    assertEquals(change(Kind.STATUS, "MONITORING", "error rate falling"), applied.change());
  }

  @Test
  void status_onAResolvedIncident_isRefusedWithAHintToReopen() {
    String reason = refused(new IncidentUpdate.SetStatus(null, "news"), resolved());

    assertEquals("Can't post a status update: INC-42 is resolved. Type `/incident reopen` first.", reason);
  }

  @Test
  void status_onACancelledIncident_isRefused() {
    String reason = refused(new IncidentUpdate.SetStatus(IncidentState.MONITORING, "news"),
        incident(IncidentState.CANCELLED));

    assertEquals("Can't post a status update: INC-42 is cancelled. Type `/incident reopen` first.", reason);
  }

  @Test
  void status_onAClosedIncident_isRefusedWithoutSuggestingReopen() {
    String reason = refused(new IncidentUpdate.SetStatus(null, "news"), incident(IncidentState.CLOSED));

    assertEquals("Can't post a status update: INC-42 is closed.", reason);
  }

  // --- mitigated ------------------------------------------------------------------------------

  @Test
  void mitigated_theFirstTime_setsTheMitigatedTimeAndMonitoring() {
    Applied applied = applied(new IncidentUpdate.MarkMitigated("rolled back"), open());

    assertEquals(IncidentState.MONITORING, applied.incident().state());
    assertEquals(NOW, applied.incident().times().mitigated());
    assertEquals(NOW, applied.incident().times().lastUpdate());
    assertNull(applied.incident().times().resolved());
    assertEquals(change(Kind.MITIGATED, "MONITORING", "rolled back"), applied.change());
  }

  @Test
  void mitigated_aSecondTime_isRefused() {
    Incident mitigated = withTimes(incident(IncidentState.MONITORING), EARLIER, null);

    String reason = refused(new IncidentUpdate.MarkMitigated("again"), mitigated);

    assertEquals("INC-42 is already marked mitigated. Post news with `/incident status <update>`.", reason);
  }

  @Test
  void mitigated_onAResolvedIncident_isRefused() {
    assertEquals("Can't mark it mitigated: INC-42 is resolved. Type `/incident reopen` first.",
        refused(new IncidentUpdate.MarkMitigated(""), incident(IncidentState.RESOLVED)));
  }

  // --- severity -------------------------------------------------------------------------------

  @Test
  void severity_different_changesItAndSaysWhatItWas() {
    Applied applied = applied(new IncidentUpdate.SetSeverity(Severity.SEV1), open());

    assertEquals(Severity.SEV1, applied.incident().severity());
    assertEquals(change(Kind.SEVERITY, "SEV1", "was SEV3"), applied.change());
  }

  @Test
  void severity_same_isRefused() {
    assertEquals("INC-42 already is SEV3.", refused(new IncidentUpdate.SetSeverity(Severity.SEV3), open()));
  }

  @Test
  void severity_ofAResolvedIncident_canStillBeCorrected() {
    Applied applied = applied(new IncidentUpdate.SetSeverity(Severity.SEV2), resolved());

    assertEquals(Severity.SEV2, applied.incident().severity());
    assertEquals(IncidentState.RESOLVED, applied.incident().state());
  }

  @ParameterizedTest
  @EnumSource(value = IncidentState.class, names = {"CLOSED", "CANCELLED"})
  void severity_ofAClosedOrCancelledIncident_isRefused(IncidentState state) {
    String reason = refused(new IncidentUpdate.SetSeverity(Severity.SEV1), incident(state));

    assertTrue(reason.startsWith("Can't change its severity: INC-42 is " + state.word() + "."), reason);
  }

  // --- roles ----------------------------------------------------------------------------------

  @Test
  void role_assignsThePersonAndKeepsTheOtherRoles() {
    Applied applied = applied(new IncidentUpdate.AssignRole(Role.COMMS, "UCAROL"), open());

    assertEquals(new Incident.Roles("UALICE", "UCAROL", null), applied.incident().roles());
    assertEquals(change(Kind.ROLE, "COMMS=UCAROL", ""), applied.change());
  }

  @Test
  void role_commander_handsOverFromTheDeclarer() {
    Applied applied = applied(new IncidentUpdate.AssignRole(Role.COMMANDER, "UBOB"), open());

    assertEquals("UBOB", applied.incident().roles().commander());
    assertEquals(change(Kind.ROLE, "COMMANDER=UBOB", ""), applied.change());
  }

  @Test
  void role_toThePersonWhoAlreadyHoldsIt_isRefused() {
    assertEquals("That person already is commander of INC-42.",
        refused(new IncidentUpdate.AssignRole(Role.COMMANDER, "UALICE"), open()));
  }

  @Test
  void role_inAResolvedIncident_canStillBeAssigned() {
    Applied applied = applied(new IncidentUpdate.AssignRole(Role.SCRIBE, "UCAROL"), resolved());

    assertEquals("UCAROL", applied.incident().roles().scribe());
  }

  @Test
  void role_inACancelledIncident_isRefused() {
    assertEquals("Can't assign roles: INC-42 is cancelled. Type `/incident reopen` first.",
        refused(new IncidentUpdate.AssignRole(Role.SCRIBE, "UCAROL"), incident(IncidentState.CANCELLED)));
  }

  // --- title and summary ----------------------------------------------------------------------

  @Test
  void title_new_replacesItAndRecordsTheNewTitle() {
    Applied applied = applied(new IncidentUpdate.SetTitle("Checkout latency"), open());

    assertEquals("Checkout latency", applied.incident().title());
    assertEquals(change(Kind.TITLE, "", "Checkout latency"), applied.change());
  }

  @Test
  void title_same_isRefused() {
    assertEquals("INC-42 already has that title.", refused(new IncidentUpdate.SetTitle("DB latency"), open()));
  }

  @Test
  void summary_replacesItAndRecordsTheText() {
    Applied applied = applied(new IncidentUpdate.SetSummary("Card payments failed"), open());

    assertEquals("Card payments failed", applied.incident().summary());
    assertEquals("DB latency", applied.incident().title());
    assertEquals(change(Kind.SUMMARY, "", "Card payments failed"), applied.change());
  }

  // --- resolve, reopen, cancel ----------------------------------------------------------------

  @Test
  void resolve_setsResolvedAndAlsoMitigatedWhenItWasNotSet() {
    Applied applied = applied(new IncidentUpdate.Resolve("failover to the replica"), open());

    assertEquals(IncidentState.RESOLVED, applied.incident().state());
    assertEquals(NOW, applied.incident().times().resolved());
    assertEquals(NOW, applied.incident().times().mitigated());
    assertEquals(NOW, applied.incident().times().lastUpdate());
    assertEquals("failover to the replica", applied.incident().summary());
    assertEquals(change(Kind.RESOLVED, "RESOLVED", "failover to the replica"), applied.change());
  }

  @Test
  void resolve_keepsAnEarlierMitigatedTime() {
    Incident mitigated = withTimes(incident(IncidentState.MONITORING), EARLIER, null);

    Applied applied = applied(new IncidentUpdate.Resolve(""), mitigated);

    assertEquals(EARLIER, applied.incident().times().mitigated());
    assertEquals(NOW, applied.incident().times().resolved());
  }

  @Test
  void resolve_withoutASummary_keepsTheSummary() {
    Applied applied = applied(new IncidentUpdate.Resolve(""), open());

    assertEquals("p99 at 4s", applied.incident().summary());
    assertEquals(change(Kind.RESOLVED, "RESOLVED", ""), applied.change());
  }

  @Test
  void resolve_twice_isRefusedWithAHintToReopen() {
    assertEquals("INC-42 is resolved already. To work on it again, type `/incident reopen`.",
        refused(new IncidentUpdate.Resolve("again"), resolved()));
  }

  @Test
  void resolve_ofACancelledIncident_isRefused() {
    assertEquals("INC-42 is cancelled already. To work on it again, type `/incident reopen`.",
        refused(new IncidentUpdate.Resolve(""), incident(IncidentState.CANCELLED)));
  }

  @Test
  void reopen_fromResolved_goesBackToInvestigatingAndClearsTheResolution() {
    Applied applied = applied(new IncidentUpdate.Reopen(), resolved());

    assertEquals(IncidentState.INVESTIGATING, applied.incident().state());
    assertNull(applied.incident().times().resolved());
    assertNull(applied.incident().times().closed());
    assertEquals(DECLARED, applied.incident().times().started());
    assertEquals(NOW, applied.incident().times().lastUpdate());
    assertEquals(change(Kind.REOPENED, "INVESTIGATING", ""), applied.change());
  }

  @Test
  void reopen_fromCancelled_goesBackToInvestigating() {
    Applied applied = applied(new IncidentUpdate.Reopen(), incident(IncidentState.CANCELLED));

    assertEquals(IncidentState.INVESTIGATING, applied.incident().state());
    assertEquals(Kind.REOPENED, applied.change().kind());
  }

  @ParameterizedTest
  @EnumSource(value = IncidentState.class, names = {"INVESTIGATING", "IDENTIFIED", "MONITORING"})
  void reopen_ofAnOpenIncident_isRefused(IncidentState state) {
    assertEquals("INC-42 is still open (" + state.word() + ").", refused(new IncidentUpdate.Reopen(), incident(state)));
  }

  @Test
  void reopen_ofAClosedIncident_isRefusedBecauseTheRecordIsFinal() {
    String reason = refused(new IncidentUpdate.Reopen(), incident(IncidentState.CLOSED));

    assertTrue(reason.startsWith("INC-42 is closed; its record is final."), reason);
  }

  @Test
  void cancel_setsCancelledAndKeepsTheReason() {
    Applied applied = applied(new IncidentUpdate.Cancel("false alarm from a flaky probe"), open());

    assertEquals(IncidentState.CANCELLED, applied.incident().state());
    assertEquals(NOW, applied.incident().times().lastUpdate());
    assertNull(applied.incident().times().resolved());
    assertEquals(change(Kind.CANCELLED, "CANCELLED", "false alarm from a flaky probe"), applied.change());
  }

  @Test
  void cancel_ofAResolvedIncident_isRefused() {
    assertEquals("Can't cancel it: INC-42 is resolved. Type `/incident reopen` first.",
        refused(new IncidentUpdate.Cancel("oops"), resolved()));
  }

  @Test
  void keyEvent_leavesTheIncidentAsItIsAndRecordsTheMessage() {
    Incident incident = open();

    Applied applied = applied(new IncidentUpdate.MarkKeyEvent("1710064800.000100", "UALICE", "restarted the primary"), incident);

    assertEquals(incident, applied.incident());
    assertEquals(change(Kind.KEY_EVENT, "1710064800.000100@UALICE", "restarted the primary"), applied.change());
  }
}
