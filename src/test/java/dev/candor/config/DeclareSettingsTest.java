package dev.candor.config;

import static dev.candor.config.BotConfigTest.httpMode;
import static dev.candor.config.BotConfigTest.httpModeWith;
import static dev.candor.config.BotConfigTest.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.incident.Severity;
import dev.candor.incident.SeverityScale;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CANDOR_SEVERITIES (a team's severity scale, from a JSON file) and CANDOR_CHANNEL_NAME, read once at start. */
class DeclareSettingsTest {
  @TempDir Path dir;

  static final String TEAM_SCALE = """
      {
        "SEV1": {"name": "P1", "description": "Customers can't pay or log in", "words": ["critical", "outage"]},
        "SEV2": {"name": "P2", "description": "A core feature is degraded", "words": ["high", "major"]},
        "SEV3": {"name": "P3", "description": "A workaround exists", "words": ["medium"]},
        "SEV4": {"name": "P4", "description": "Cosmetic, or internal only"}
      }
      """;

  Map<String, String> withSeverities(String json) throws IOException {
    Path file = Files.writeString(dir.resolve("severities.json"), json);
    return httpModeWith("CANDOR_SEVERITIES", file.toString());
  }

  @Test
  void unset_usesCandorsOwnScale_andNamesChannelsIncNumberSlug() {
    DeclareSettings settings = BotConfig.fromEnvironment(httpMode()).declare();

    assertEquals("inc-{number}-{slug}", settings.channelName());
    assertEquals("SEV1 (critical)", settings.severities().label(Severity.SEV1));
    assertEquals("SEV2 (major)", settings.severities().label(Severity.SEV2));
    assertEquals(Optional.of(Severity.SEV2), settings.severities().byWord("high"));
    assertEquals(Optional.empty(), settings.severitiesFile());
  }

  @Test
  void aTeamsFile_givesItsNamesDescriptionsAndWords() throws IOException {
    SeverityScale scale = BotConfig.fromEnvironment(withSeverities(TEAM_SCALE)).declare().severities();

    assertEquals("P1 (critical)", scale.label(Severity.SEV1));
    assertEquals("P4", scale.label(Severity.SEV4));
    assertEquals("Customers can't pay or log in", scale.description(Severity.SEV1));
    assertEquals(Optional.of(Severity.SEV1), scale.byWord("Outage"));
    assertEquals(Optional.of(Severity.SEV3), scale.byWord("p3"));
    assertEquals(List.of("medium"), scale.level(Severity.SEV3).words());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "not JSON                 | { nope                                                   | is not valid JSON",
      "not an object            | [1, 2]                                                   | must be a JSON object",
      "an unknown severity      | {\"SEV5\": {}}                                             | not \"SEV5\"",
      "a severity missing       | {\"SEV1\": {\"name\": \"P1\", \"description\": \"d\"}}           | SEV2 is missing",
      "no name                  | {\"SEV1\": {\"description\": \"d\"}}                          | SEV1 needs a \"name\"",
      "an unknown field         | {\"SEV1\": {\"name\": \"P1\", \"description\": \"d\", \"colour\": \"red\"}} | has \"colour\"",
      "words not a list         | {\"SEV1\": {\"name\": \"P1\", \"description\": \"d\", \"words\": \"x\"}} | must be a list",
  })
  void aBadFile_stopsTheStart_withOneLineNamingTheSettingAndTheProblem(String what, String json, String says)
      throws IOException {
    String message = refused(withSeverities(json), "CANDOR_SEVERITIES");

    assertTrue(message.contains(says), message);
  }

  @Test
  void aWordTwoSeveritiesShare_isRefused() throws IOException {
    String message = refused(withSeverities(TEAM_SCALE.replace("\"medium\"", "\"high\"")), "CANDOR_SEVERITIES");

    assertTrue(message.contains("\"high\" is a word for both SEV2 and SEV3"), message);
  }

  @Test
  void aDescriptionLongerThanSlackShows_isRefused() throws IOException {
    String message = refused(withSeverities(TEAM_SCALE.replace("A workaround exists", "w".repeat(76))),
        "CANDOR_SEVERITIES");

    assertTrue(message.contains("SEV3's description must be one line of at most 75 characters"), message);
  }

  @Test
  void aMissingFile_isRefused() {
    String message = refused(httpModeWith("CANDOR_SEVERITIES", dir.resolve("none.json").toString()),
        "CANDOR_SEVERITIES");

    assertTrue(message.contains("cannot be read"), message);
  }

  @Test
  void aChannelNameTemplate_isUsed_andABadOneIsRefused() {
    assertEquals("ops-{date}-{number}",
        BotConfig.fromEnvironment(httpModeWith("CANDOR_CHANNEL_NAME", "ops-{date}-{number}")).declare().channelName());

    assertTrue(refused(httpModeWith("CANDOR_CHANNEL_NAME", "Incident {date}"), "CANDOR_CHANNEL_NAME")
        .contains("\"Incident {date}\""));
  }

  @Test
  void anOldChannelPrefix_standsForPrefixNumberSlug_andCannotBeSetWithAName() {
    assertEquals("ops_{number}-{slug}",
        BotConfig.fromEnvironment(httpModeWith("CANDOR_CHANNEL_PREFIX", "ops_")).declare().channelName());

    Map<String, String> both = httpModeWith("CANDOR_CHANNEL_PREFIX", "ops_");
    both.put("CANDOR_CHANNEL_NAME", "inc-{number}");
    refused(both, "CANDOR_CHANNEL_NAME");
  }
}
