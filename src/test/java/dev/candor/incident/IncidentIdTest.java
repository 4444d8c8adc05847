package dev.candor.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class IncidentIdTest {

  @Test
  void showing_anId_readsIncDashNumber() {
    assertEquals("INC-42", new IncidentId(42).toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"INC-42", "inc-42", "42", " INC-42 "})
  void parsing_theShortFormOrTheNumber_givesTheId(String text) {
    assertEquals(Optional.of(new IncidentId(42)), IncidentId.parse(text));
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "INC-", "INC42x", "INC 42", "#42", "INC--42", "1234567890123456789"})
  void parsing_anythingElse_isEmpty(String text) {
    assertEquals(Optional.empty(), IncidentId.parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"INC-0", "0", "000"})
  void parsing_zero_isEmptyRatherThanThrowing(String text) {
    assertEquals(Optional.empty(), IncidentId.parse(text));
  }

  @Test
  void creating_aNonPositiveId_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> new IncidentId(0));
    assertThrows(IllegalArgumentException.class, () -> new IncidentId(-1));
  }
}
