package dev.candor.slack.incident;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.incident.Incident;
import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentState;
import dev.candor.incident.Role;
import dev.candor.incident.Severity;
import dev.candor.testing.TeamSeverities;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The DMs of this package name severities as a team's CANDOR_SEVERITIES does (P1..P4), never SEV1..SEV4. */
class TeamSeverityNamesTest {
  static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");
  static final Incident INCIDENT = new Incident(new IncidentId(42), "CINC1", "inc-42-checkout", "Checkout errors", "",
      Severity.SEV1, IncidentState.INVESTIGATING, new Incident.Roles("UALICE", null, null), false, "UALICE",
      "CGENERAL", new Incident.Times(T0, T0, null, null, null, T0), 1);

  @Test
  void theDmToSomeoneGivenARoleOutsideTheChannel_namesTheTeamsSeverity() {
    String text = IncidentMessages.roleGivenToOutsider(INCIDENT, Role.COMMS, "UBOB", TeamSeverities.P_SCALE).text();

    assertTrue(text.contains("*INC-42: Checkout errors* (P1, "), text);
    assertFalse(text.contains("SEV"), text);
  }

  @Test
  void theStaleUpdateDm_namesTheTeamsSeverity() {
    String text = StaleUpdates.reminder(INCIDENT, Duration.ofMinutes(30), TeamSeverities.P_SCALE).text();

    assertTrue(text.contains("No update on INC-42 (Checkout errors, P1) for 30 min."), text);
    assertFalse(text.contains("SEV"), text);
  }
}
