package dev.candor.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.candor.incident.SeverityReading.Ask;
import dev.candor.incident.SeverityReading.NotASeverity;
import dev.candor.incident.SeverityReading.Plain;
import dev.candor.incident.SeverityReading.Read;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeverityReadingTest {
  final SeverityReading reading = new SeverityReading(SeverityScale.defaults());

  @ParameterizedTest(name = "\"{0}\" -> {1} \"{2}\"")
  @CsvSource(delimiter = '|', value = {
      "DB down P1          | SEV1 | DB down",
      "P0 DB down          | SEV1 | DB down",
      "DB down p2          | SEV2 | DB down",
      "DB down P4          | SEV4 | DB down",
      "DB down sev-1       | SEV1 | DB down",
      "DB down SEV 2       | SEV2 | DB down",
      "sev3 DB down        | SEV3 | DB down",
      "DB down (sev4)      | SEV4 | DB down",
      "db down - critical  | SEV1 | db down",
      "db down — major     | SEV2 | db down",
      "db down (high)      | SEV2 | db down",
      "[low] db down       | SEV4 | db down",
      "minor: db down      | SEV3 | db down",
  })
  void aCodeAtEitherEnd_orATeamWordSetApart_isRead(String typed, Severity severity, String title) {
    assertEquals(severity, ((Read) reading.read(typed)).severity());
    assertEquals(title, ((Read) reading.read(typed)).title());
  }

  @Test
  void aPlainTeamWordAtTheEnd_isAQuestion() {
    assertEquals(new Ask("checkout latency high", "checkout latency", Severity.SEV2, "high"),
        reading.read("checkout latency high"));
  }

  @Test
  void severityWordsInsideTheTitle_orAPlainFirstWord_stayInIt() {
    assertEquals(new Plain("high error rate on checkout"), reading.read("high error rate on checkout"));
    assertEquals(new Plain("critical path p1 latency"), reading.read("critical path p1 latency"));
    assertEquals(new Plain("fiber cut near Seville"), reading.read("fiber cut near Seville"));
  }

  @Test
  void aCodeThatIsNone_isSaidSo() {
    assertEquals(new NotASeverity("db down", "sev7"), reading.read("db down sev7"));
    assertEquals(new NotASeverity("db down", "P9"), reading.read("db down P9"));
  }
}
