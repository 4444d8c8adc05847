package dev.candor.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChannelNamerTest {
  static final LocalDate DAY = LocalDate.of(2024, 3, 9);
  final ChannelNamer namer = new ChannelNamer("inc-");

  @Test
  void naming_theFirstAttempt_isPrefixDateAndSlug() {
    assertEquals("inc-2024-03-09-db-latency", namer.name("DB latency", DAY, 1));
  }

  @Test
  void naming_laterAttempts_addANumericSuffix() {
    assertEquals("inc-2024-03-09-db-latency-2", namer.name("DB latency", DAY, 2));
    assertEquals("inc-2024-03-09-db-latency-3", namer.name("DB latency", DAY, 3));
  }

  @Test
  void naming_withAnotherPrefix_usesIt() {
    assertEquals("ops_2024-03-09-db-latency", new ChannelNamer("ops_").name("DB latency", DAY, 1));
  }

  @ParameterizedTest(name = "\"{0}\" -> {1}")
  @CsvSource(delimiter = '|', value = {
      "DB latency                 | db-latency",
      "  Checkout: 500s on EU!!   | checkout-500s-on-eu",
      "Café über-slow             | cafe-uber-slow",
      "API_gateway   timeouts     | api-gateway-timeouts",
      "<!channel> payments down   | channel-payments-down",
      "!!!                        | incident",
      "数据库故障                   | incident",
  })
  void slugging_keepsOnlyLowercaseLettersDigitsAndSingleDashes(String title, String slug) {
    assertEquals("inc-2024-03-09-" + slug, namer.name(title, DAY, 1));
  }

  @Test
  void naming_aLongTitle_staysWithinSlacksEightyCharactersWithTheSuffix() {
    String title = "the primary database in eu-west-1 stopped accepting writes after the storage volume filled up";

    String first = namer.name(title, DAY, 1);
    String fiftieth = namer.name(title, DAY, 50);

    assertEquals("inc-2024-03-09-the-primary-database-in-eu-west-1-stopped-accepting-writes-after", first);
    assertEquals("inc-2024-03-09-the-primary-database-in-eu-west-1-stopped-accepting-writes-aft-50", fiftieth);
    assertEquals(80, fiftieth.length());
  }

  @Test
  void naming_aLongTitleCutAtADash_leavesNoDoubleOrTrailingDash() {
    // 65 characters of room after "inc-2024-03-09-": the cut falls right after "aaaa...a-"
    String title = "a".repeat(64) + " bbbbbbbbbbbbbbbbbbbb";

    String name = namer.name(title, DAY, 1);

    assertEquals("inc-2024-03-09-" + "a".repeat(64), name);
    assertFalse(name.contains("--"), name);
    String withSuffix = namer.name(title, DAY, 2);
    assertFalse(withSuffix.contains("--"), withSuffix);
    assertTrue(withSuffix.endsWith("-2"), withSuffix);
  }
}
