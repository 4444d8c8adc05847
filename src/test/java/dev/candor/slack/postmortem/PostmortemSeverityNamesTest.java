package dev.candor.slack.postmortem;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.incident.Incident;
import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentState;
import dev.candor.incident.Severity;
import dev.candor.postmortem.Postmortem;
import dev.candor.testing.TeamSeverities;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What POSTMORTEMS_CHANNEL hears when an incident closes names its severity as the team's scale does. */
class PostmortemSeverityNamesTest {
  static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");

  @Test
  void theClosingSummary_namesTheSeverityAsTheTeamDoes() {
    Incident incident = new Incident(new IncidentId(42), "CINC1", "inc-42-checkout", "Checkout errors", "",
        Severity.SEV3, IncidentState.CLOSED, new Incident.Roles("UALICE", null, null), false, "UALICE", "CGENERAL",
        new Incident.Times(T0, T0, null, T0.plusSeconds(3_600), T0.plusSeconds(7_200), T0.plusSeconds(3_600)), 3);
    Postmortem p = Postmortem.pending(incident.id()).notNeeded("UALICE", T0.plusSeconds(7_200), "a blip");

    String text = PostmortemMessages.published(incident, p, List.of(), TeamSeverities.P_SCALE).text();

    assertTrue(text.contains("*INC-42: Checkout errors* — P3, resolved after 1 h"), text);
    assertFalse(text.contains("SEV3"), text);
  }
}
