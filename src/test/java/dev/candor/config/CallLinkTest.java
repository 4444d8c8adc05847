package dev.candor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code CANDOR_CALL_URL}: a fixed https bridge or a template with {number} and {slug}, checked at start. */
class CallLinkTest {

  @Test
  void aTemplate_isFilledWithTheIncidentsNumberAndATitleSlug() {
    CallLink link = CallLink.read(Optional.of("https://meet.example.com/inc-{number}-{slug}"));
    assertEquals(Optional.of("https://meet.example.com/inc-42-db-down-on-eu-1"),
        link.link(42, "DB down on EU-1 <primary> & replicas!".substring(0, 15)));
    assertEquals(Optional.of("https://meet.example.com/inc-7-incident"), link.link(7, "データベース"));
  }

  @Test
  void aFixedBridge_isTheSameForEveryIncident_andNoSettingMeansNoCall() {
    assertEquals(Optional.of("https://zoom.example.com/j/123"),
        CallLink.read(Optional.of("https://zoom.example.com/j/123")).link(3, "x"));
    assertEquals(Optional.empty(), CallLink.read(Optional.empty()).link(3, "x"));
  }

  @Test
  void aBadSetting_failsAtStart_withOneLineNamingIt() {
    for (String bad : List.of("http://meet.example.com/x", "https://meet.example.com/{id}", "meet.example.com",
        "https://meet.example.com/a|b", "https://meet.example.com/<x>", "https:///nohost")) {
      ConfigException e = assertThrows(ConfigException.class, () -> CallLink.read(Optional.of(bad)), bad);
      assertTrue(e.getMessage().startsWith("CANDOR_CALL_URL"), e.getMessage());
      assertTrue(!e.getMessage().contains("\n"), "one line");
    }
  }

  @Test
  void aLongTitle_makesASlugOfAtMostFortyCharacters() {
    String slug = CallLink.slug("a very long title about the database cluster that fell over at night");
    assertTrue(slug.length() <= 40 && !slug.endsWith("-"), slug);
  }
}
