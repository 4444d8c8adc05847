package dev.candor.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.incident.Incident;
import dev.candor.incident.IncidentChange;
import dev.candor.incident.IncidentChange.Kind;
import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentState;
import dev.candor.incident.Severity;
import dev.candor.jobs.UnitOfWork;
import dev.candor.testing.TeamSeverities;
import dev.candor.testing.TestMask;
import dev.candor.testing.fakes.InMemoryJobStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When Candor pages and resolves: at the threshold, once while a page is open, every open page at the end. */
class PagingTest {
  static final IncidentId ID = new IncidentId(7);
  static final String KEY = "R0ncallR0ncallR0ncallR0ncall0001";
  static final String PAYMENTS = "Paym3ntsPaym3ntsPaym3ntsPaym3nt2";
  static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  final InMemoryJobStore jobs = new InMemoryJobStore();
  final Paging paging = new Paging(Optional.of(KEY), 2, Map.of("payments", PAYMENTS), jobs, UnitOfWork.none(),
      TestMask.MASK, Clock.fixed(NOW, ZoneOffset.UTC));

  static Incident incident(Severity severity, IncidentState state, boolean isPrivate) {
    return new Incident(ID, "CINC", "inc-x", "checkout errors", "", severity, state,
        new Incident.Roles("UALICE", null, null), isPrivate, "UALICE", "CGENERAL",
        new Incident.Times(NOW, NOW, null, null, null, NOW), 1);
  }

  void changed(Severity severity, IncidentState state, Kind kind) {
    paging.incidentChanged(incident(severity, state, false), new IncidentChange(ID, kind, "UALICE", NOW, "", ""));
  }

  List<String> pages() {
    return jobs.list(Paging.prefix(ID)).stream().map(e -> Page.parse(e.payload()))
        .map(p -> p.action() + " " + (p.routingKey().equals(KEY) ? "oncall" : "payments")).toList();
  }

  @Test
  void belowTheThreshold_nothing_thenOnceWhenRaised_andResolvedAtTheEnd_andAgainWhenReopened() {
    changed(Severity.SEV3, IncidentState.INVESTIGATING, Kind.DECLARED);
    assertEquals(List.of(), pages());
    changed(Severity.SEV2, IncidentState.INVESTIGATING, Kind.SEVERITY);
    changed(Severity.SEV1, IncidentState.INVESTIGATING, Kind.SEVERITY);
    assertEquals(List.of("trigger oncall"), pages());
    changed(Severity.SEV1, IncidentState.RESOLVED, Kind.RESOLVED);
    assertEquals(List.of("trigger oncall", "resolve oncall"), pages());
    changed(Severity.SEV1, IncidentState.INVESTIGATING, Kind.REOPENED);
    changed(Severity.SEV1, IncidentState.CANCELLED, Kind.CANCELLED);
    assertEquals(List.of("trigger oncall", "resolve oncall", "trigger oncall", "resolve oncall"), pages());
  }

  @Test
  void aPageByHand_isResolvedWithTheIncident_andAPrivateIncidentsSummaryHasNoTitle() {
    Paging.Asked asked = paging.pageByHand(incident(Severity.SEV4, IncidentState.INVESTIGATING, true), "Payments",
        "db down, password=hunter2", "UBOB");
    assertEquals(new Paging.Sent("payments"), asked);
    assertEquals("payments (asked by <@UBOB>)", Page.parse(jobs.list(Paging.prefix(ID)).get(0).payload()).target());
    String summary = Page.read(Page.parse(jobs.list(Paging.prefix(ID)).get(0).payload()).body())
        .path("payload").path("summary").asText();
    assertTrue(summary.startsWith("INC-7 SEV4 (a private incident"), summary);
    assertTrue(!summary.contains("checkout") && !summary.contains("hunter2"), summary);
    changed(Severity.SEV4, IncidentState.RESOLVED, Kind.RESOLVED);
    assertEquals(List.of("trigger payments", "resolve payments"), pages());
  }

  @Test
  void aPagesSummary_namesTheSeverityAsTheTeamDoes_itsPagerDutySeverityAndCodeStayingMachineFields() {
    Paging team = new Paging(Optional.of(KEY), 2, Map.of(), jobs, UnitOfWork.none(), TestMask.MASK,
        Clock.fixed(NOW, ZoneOffset.UTC), TeamSeverities.P_SCALE);
    team.incidentChanged(incident(Severity.SEV1, IncidentState.INVESTIGATING, false),
        new IncidentChange(ID, Kind.DECLARED, "UALICE", NOW, "", ""));

    var payload = Page.read(Page.parse(jobs.list(Paging.prefix(ID)).get(0).payload()).body()).path("payload");
    assertEquals("INC-7 P1: checkout errors", payload.path("summary").asText());
    assertEquals("critical", payload.path("severity").asText());
    assertEquals("SEV1", payload.path("custom_details").path("severity").asText());
    assertEquals("P1", payload.path("custom_details").path("severity_name").asText());
  }

  @Test
  void anUnknownService_orAResolvedIncident_pagesNoOne() {
    assertTrue(paging.pageByHand(incident(Severity.SEV1, IncidentState.INVESTIGATING, false), "billing", "", "UBOB")
        instanceof Paging.NotSent);
    assertTrue(paging.pageByHand(incident(Severity.SEV1, IncidentState.RESOLVED, false), "payments", "", "UBOB")
        instanceof Paging.NotSent);
    assertEquals(List.of(), pages());
  }
}
