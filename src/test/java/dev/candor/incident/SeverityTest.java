package dev.candor.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class SeverityTest {

  @ParameterizedTest(name = "\"{0}\" is {1}")
  @CsvSource({"sev1, SEV1", "SEV2, SEV2", "Sev3, SEV3", "4, SEV4", "' sev2 ', SEV2", "1, SEV1"})
  void parsing_acceptsSevNAnyCaseOrABareNumber(String text, Severity expected) {
    assertEquals(Optional.of(expected), Severity.parse(text));
  }

  @ParameterizedTest(name = "\"{0}\" is no severity")
  @NullSource
  @ValueSource(strings = {"", "sev", "sev0", "sev5", "5", "0", "sev 2", "sevv1", "critical", "-1", "sev12"})
  void parsing_anythingElse_isEmpty(String text) {
    assertEquals(Optional.empty(), Severity.parse(text));
  }

  @Test
  void severities_areOrderedFromWorstToLeastWithTheirMeaning() {
    assertEquals("critical", Severity.SEV1.meaning());
    assertEquals("major", Severity.SEV2.meaning());
    assertEquals("minor", Severity.SEV3.meaning());
    assertEquals("low", Severity.SEV4.meaning());
    assertEquals("SEV2", Severity.SEV2.label());
  }
}
