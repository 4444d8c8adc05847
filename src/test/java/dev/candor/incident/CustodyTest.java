package dev.candor.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The record is held by the declarer, then by each commander its holder hands the role to; taking it brings nothing. */
class CustodyTest {
  static final IncidentId ID = new IncidentId(7);
  static final Instant T = Instant.parse("2026-12-01T12:00:00Z");
  final List<IncidentChange> changes = new ArrayList<>(List.of(
      new IncidentChange(ID, IncidentChange.Kind.DECLARED, "UALICE", T, "SEV2", "")));

  static Incident incident() {
    return new Incident(ID, "CINC", "inc-x", "x", "", Severity.SEV2, IncidentState.INVESTIGATING,
        new Incident.Roles("UALICE", null, null), false, "UALICE", "CGENERAL",
        new Incident.Times(T, T, null, null, null, T), 1);
  }

  private void role(String actor, Role role, String user) {
    changes.add(new IncidentChange(ID, IncidentChange.Kind.ROLE, actor, T, role.name() + "=" + user, ""));
  }

  @Test
  void theDeclarerHoldsIt_untilSheHandsTheCommandOn() {
    assertEquals("UALICE", Custody.keeper(incident(), changes));
    role("UALICE", Role.COMMANDER, "UBOB");
    assertEquals("UBOB", Custody.keeper(incident(), changes));
    role("UBOB", Role.COMMANDER, "UCAROL");
    assertEquals("UCAROL", Custody.keeper(incident(), changes));
  }

  @Test
  void takingTheRole_orBeingGivenItBySomeoneWhoDoesNotHoldIt_bringsNothing() {
    role("UBOB", Role.COMMANDER, "UBOB");
    assertEquals("UALICE", Custody.keeper(incident(), changes));
    role("UBOB", Role.COMMANDER, "UCAROL");
    assertEquals("UALICE", Custody.keeper(incident(), changes));
    role("UALICE", Role.SCRIBE, "UDAVE"); // another role hands nothing
    assertEquals("UALICE", Custody.keeper(incident(), changes));
    role("UALICE", Role.COMMANDER, "UDAVE");
    assertEquals("UDAVE", Custody.keeper(incident(), changes));
  }
}
