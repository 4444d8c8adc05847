package dev.candor.slack.catchup;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.catchup.Catchup;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentState;
import dev.candor.incident.Severity;
import dev.candor.slack.platform.SlackMessage;
import dev.candor.testing.TeamSeverities;
import dev.candor.timeline.EntryKind;
import dev.candor.timeline.SlackTs;
import dev.candor.timeline.Source;
import dev.candor.timeline.Timeline;
import dev.candor.timeline.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The catch-up names the incident's severity as the team's CANDOR_SEVERITIES does. */
class CatchupViewTest {
  static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");

  @Test
  void theCatchUp_namesTheSeverityAsTheTeamDoes() {
    Incident incident = new Incident(new IncidentId(42), "CINC1", "inc-42-checkout", "Checkout errors", "",
        Severity.SEV2, IncidentState.INVESTIGATING, new Incident.Roles("UALICE", null, null), false, "UALICE",
        "CGENERAL", new Incident.Times(T0, T0, null, null, null, T0), 1);
    TimelineEntry raised = new TimelineEntry(incident.id(), 3, EntryKind.ACTION, "ACTION:3", "CINC1",
        SlackTs.of(T0.plusSeconds(600)), null, "UBOB", "", "mac3", List.of(), null, "SEVERITY SEV2", Source.CANDOR,
        T0.plusSeconds(600), "prev3", "hash3");
    Timeline.Item event = Timeline.of(incident, List.of(raised)).items().get(0);
    SlackMessage m = CatchupView.message(new Catchup(incident, Duration.ofMinutes(40), Duration.ofMinutes(10),
        List.of(), List.of(event), List.of()), TeamSeverities.P_SCALE);

    assertTrue(m.text().contains("investigating, P2, commander"), m.text());
    assertTrue(m.blocks().toString().contains("*Severity:* P2 ·"), m.blocks().toString());
    assertTrue(m.blocks().toString().contains("set the severity to P2"), m.blocks().toString());
    assertFalse(m.text().contains("SEV") || m.blocks().toString().contains("SEV2"), m.toString());
  }
}
