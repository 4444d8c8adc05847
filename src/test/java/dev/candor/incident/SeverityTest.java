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
  void severities_areOrderedFromWorstToLeast_withTheirMeaningInCandorsOwnScale() {
    assertEquals(java.util.List.of(Severity.SEV1, Severity.SEV2, Severity.SEV3, Severity.SEV4),
        java.util.List.of(Severity.values()));
    SeverityScale own = SeverityScale.defaults();
    assertEquals("critical", own.meaning(Severity.SEV1));
    assertEquals("major", own.meaning(Severity.SEV2));
    assertEquals("minor", own.meaning(Severity.SEV3));
    assertEquals("low", own.meaning(Severity.SEV4));
    assertEquals("SEV2", Severity.SEV2.label());
  }
}
