package dev.candor.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChannelNamerTest {
  static final LocalDate DAY = LocalDate.of(2024, 3, 9);
  final ChannelNamer namer = new ChannelNamer(ChannelNamer.DEFAULT_TEMPLATE);

  @Test
  void naming_byDefault_isIncTheNumberAndTheSlug() {
    assertEquals("inc-42-db-latency", namer.name(42, "DB latency", DAY, 1));
  }

  @Test
  void naming_laterAttempts_addANumericSuffix() {
    assertEquals("inc-42-db-latency-2", namer.name(42, "DB latency", DAY, 2));
    assertEquals("inc-42-db-latency-3", namer.name(42, "DB latency", DAY, 3));
  }

  @Test
  void naming_withATemplate_fillsNumberDateAndSlug() {
    assertEquals("ops_2024-03-09-db-latency", new ChannelNamer("ops_{date}-{slug}").name(7, "DB latency", DAY, 1));
    assertEquals("incident-7", new ChannelNamer("incident-{number}").name(7, "DB latency", DAY, 1));
    assertEquals("7-2024-03-09-db-latency",
        new ChannelNamer("{number}-{date}-{slug}").name(7, "DB latency", DAY, 1));
  }

  @Test
  void anOldPrefix_standsForThePrefixTheNumberAndTheSlug() {
    assertEquals("ops_7-db-latency",
        new ChannelNamer(ChannelNamer.templateForPrefix("ops_")).name(7, "DB latency", DAY, 1));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"inc-{date}", "Inc-{number}", "inc.{number}", "inc {slug}", "inc-{id}-{slug}", "",
      "a-very-long-prefix-that-goes-on-{number}"})
  void aTemplate_withoutNumberOrSlug_orWithWhatSlackRefuses_isRefused(String template) {
    assertTrue(ChannelNamer.problem(template).isPresent(), template);
    assertThrows(IllegalArgumentException.class, () -> new ChannelNamer(template));
  }

  @ParameterizedTest(name = "\"{0}\" -> {1}")
  @CsvSource(delimiter = '|', value = {
      "DB latency                 | db-latency",
      "  Checkout: 500s on EU!!   | checkout-500s-on-eu",
      "Café über-slow             | cafe-uber-slow",
      "Łódź outage, Ørsted feed   | lodz-outage-orsted-feed",
      "API_gateway   timeouts     | api-gateway-timeouts",
      "<!channel> payments down   | channel-payments-down",
      "!!!                        | incident",
      "数据库故障                   | 数据库故障",
      "База данных недоступна     | база-данных-недоступна",
      "Йошкар-Ола: сбой           | йошкар-ола-сбой",
      "Βάση δεδομένων εκτός       | βάση-δεδομένων-εκτός",
      "قاعدة البيانات معطلة       | قاعدة-البيانات-معطلة",
      "決済 API が遅い              | 決済-api-が遅い",
      "🔥🔥 ... 🔥                 | incident",
  })
  void slugging_keepsEveryScriptReadable_latinWithoutAccents_inLowercaseWithSingleDashes(String title, String slug) {
    assertEquals("inc-1-" + slug, namer.name(1, title, DAY, 1));
  }

  @Test
  void naming_aLongTitle_staysWithinSlacksEightyCharactersWithTheSuffix() {
    String title = "the primary database in eu-west-1 stopped accepting writes after the storage volume filled up";

    String first = namer.name(42, title, DAY, 1);
    String fiftieth = namer.name(42, title, DAY, 50);

    assertEquals("inc-42-the-primary-database-in-eu-west-1-stopped-accepting-writes-after-the-stor", first);
    assertEquals(80, fiftieth.length());
    assertTrue(fiftieth.endsWith("-50"), fiftieth);
    assertFalse(fiftieth.contains("--"), fiftieth);
  }

  @Test
  void naming_aLongTitleInAnotherScript_countsCharactersNotBytes() {
    String name = namer.name(3, "сбой ".repeat(40), DAY, 1);

    assertTrue(name.codePointCount(0, name.length()) <= 80, name);
    assertTrue(name.startsWith("inc-3-сбой-сбой"), name);
    assertFalse(name.endsWith("-"), name);
  }

  @Test
  void naming_aLongTitleCutAtADash_leavesNoDoubleOrTrailingDash() {
    // 74 characters of room after "inc-42-": the cut falls right after "aaaa...a-"
    String title = "a".repeat(73) + " bbbbbbbbbbbbbbbbbbbb";

    String name = namer.name(42, title, DAY, 1);

    assertEquals("inc-42-" + "a".repeat(73), name);
    String withSuffix = namer.name(42, title, DAY, 2);
    assertFalse(withSuffix.contains("--"), withSuffix);
    assertTrue(withSuffix.endsWith("-2"), withSuffix);
  }
}
