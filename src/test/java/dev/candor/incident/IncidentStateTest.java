package dev.candor.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class IncidentStateTest {

  @Test
  void open_isOnlyTheThreeWorkingStates() {
    List<IncidentState> open = Arrays.stream(IncidentState.values()).filter(IncidentState::isOpen).toList();

    assertEquals(List.of(IncidentState.INVESTIGATING, IncidentState.IDENTIFIED, IncidentState.MONITORING), open);
  }

  @ParameterizedTest
  @CsvSource({"investigating, INVESTIGATING", "Identified, IDENTIFIED", "' MONITORING ', MONITORING"})
  void parsingAWorkingState_readsItInAnyCase(String text, IncidentState expected) {
    assertEquals(Optional.of(expected), IncidentState.parseWorking(text));
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "resolved", "closed", "cancelled", "investigate", "the cache is full"})
  void parsingAWorkingState_refusesStatesAResponderCannotSetWithStatus(String text) {
    assertEquals(Optional.empty(), IncidentState.parseWorking(text));
  }

  @Test
  void words_andLabels_readNaturally() {
    assertEquals("monitoring", IncidentState.MONITORING.word());
    assertEquals("Monitoring", IncidentState.MONITORING.label());
  }
}
