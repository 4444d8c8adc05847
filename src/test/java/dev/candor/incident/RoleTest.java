package dev.candor.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class RoleTest {

  @ParameterizedTest
  @CsvSource({"commander, COMMANDER", "IC, COMMANDER", "lead, COMMANDER", "Comms, COMMS",
      "communications, COMMS", "scribe, SCRIBE"})
  void parsing_readsEachRoleAndItsAliases(String text, Role expected) {
    assertEquals(Optional.of(expected), Role.parse(text));
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "owner", "commanders", "@alex"})
  void parsing_anythingElse_isEmpty(String text) {
    assertEquals(Optional.empty(), Role.parse(text));
  }

  @Test
  void roles_canBeHeldAndReplacedOneAtATime() {
    Incident.Roles roles = new Incident.Roles("UALICE", null, null).with(Role.SCRIBE, "UBOB");

    assertEquals(new Incident.Roles("UALICE", null, "UBOB"), roles);
    assertEquals(Optional.of("UBOB"), roles.holder(Role.SCRIBE));
    assertEquals(Optional.empty(), roles.holder(Role.COMMS));
    assertEquals("scribe", Role.SCRIBE.label());
  }
}
