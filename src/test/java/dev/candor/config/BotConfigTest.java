package dev.candor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BotConfigTest {
  static final String BOT_TOKEN = "xoxb-1111-2222-secretbot";
  static final String SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  static final String APP_TOKEN = "xapp-1-A111-222-secretapp";

  /** The least an HTTP-mode Candor needs. */
  static Map<String, String> httpMode() {
    Map<String, String> env = new HashMap<>();
    env.put("SLACK_BOT_TOKEN", BOT_TOKEN);
    env.put("SLACK_SIGNING_SECRET", SIGNING_SECRET);
    return env;
  }

  static Map<String, String> httpModeWith(String name, String value) {
    Map<String, String> env = httpMode();
    env.put(name, value);
    return env;
  }

  /** Expects {@code env} to be refused with a message that begins with the variable's name. */
  static String refused(Map<String, String> env, String variable) {
    ConfigException e = assertThrows(ConfigException.class, () -> BotConfig.fromEnvironment(env));
    assertTrue(e.getMessage().startsWith(variable + " "), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    return e.getMessage();
  }

  // --- defaults -------------------------------------------------------------------------------

  @Test
  void reading_onlyTheEssentials_givesEveryDefault() {
    BotConfig config = BotConfig.fromEnvironment(httpMode());

    assertEquals(BOT_TOKEN, config.botToken());
    assertEquals(Optional.of(SIGNING_SECRET), config.signingSecret());
    assertEquals(Optional.empty(), config.appToken());
    assertFalse(config.socketMode());
    assertEquals("https://slack.com/api/", config.slackApiUrl());
    assertEquals(3000, config.port());
    assertEquals("jdbc:sqlite:data/candor.db", config.databaseUrl());
    assertEquals(Optional.empty(), config.incidentsChannel());
    assertEquals("inc-", config.channelPrefix());
    assertEquals(ZoneId.of("UTC"), config.timezone());
  }

  @Test
  void reading_blankOptionalSettings_treatsThemAsUnset() {
    Map<String, String> env = httpMode();
    for (String name : new String[] {"SLACK_APP_TOKEN", "SLACK_API_URL", "PORT", "DATABASE_URL",
        "INCIDENTS_CHANNEL", "CANDOR_CHANNEL_PREFIX", "CANDOR_TIMEZONE"}) {
      env.put(name, "  ");
    }

    assertEquals(BotConfig.fromEnvironment(httpMode()), BotConfig.fromEnvironment(env));
  }

  @Test
  void reading_everySetting_keepsEachValue() {
    Map<String, String> env = httpMode();
    env.put("SLACK_API_URL", "http://127.0.0.1:9999/api/");
    env.put("PORT", " 8080 ");
    env.put("DATABASE_URL", "jdbc:sqlite:/var/lib/candor/candor.db");
    env.put("INCIDENTS_CHANNEL", "C0123ABCD");
    env.put("CANDOR_CHANNEL_PREFIX", "ops_");
    env.put("CANDOR_TIMEZONE", "Europe/Berlin");

    BotConfig config = BotConfig.fromEnvironment(env);

    assertEquals("http://127.0.0.1:9999/api/", config.slackApiUrl());
    assertEquals(8080, config.port());
    assertEquals("jdbc:sqlite:/var/lib/candor/candor.db", config.databaseUrl());
    assertEquals(Optional.of("C0123ABCD"), config.incidentsChannel());
    assertEquals("ops_", config.channelPrefix());
    assertEquals(ZoneId.of("Europe/Berlin"), config.timezone());
  }

  // --- tokens and secret ----------------------------------------------------------------------

  @Test
  void theNudgeModel_isOnByDefault_offWhenSaid_andAnythingElseIsRefusedByName() {
    assertTrue(BotConfig.fromEnvironment(httpMode()).nudgeModel());
    Map<String, String> env = httpMode();
    env.put("CANDOR_NUDGE_MODEL", " OFF ");
    assertFalse(BotConfig.fromEnvironment(env).nudgeModel());
    assertFalse(BotConfig.nudgeModelFrom(env));
    env.put("CANDOR_NUDGE_MODEL", "yes");

    assertTrue(refused(env, "CANDOR_NUDGE_MODEL").contains("on or off"));
  }

  @Test
  void theCatchupOnJoin_isOnByDefault_offWhenSaid_andAnythingElseIsRefusedByName() {
    assertTrue(BotConfig.fromEnvironment(httpMode()).catchupOnJoin());
    Map<String, String> env = httpMode();
    env.put("CANDOR_CATCHUP_ON_JOIN", "off");
    assertFalse(BotConfig.fromEnvironment(env).catchupOnJoin());
    assertTrue(BotConfig.fromEnvironment(env).toString().contains("catchupOnJoin=off"));
    env.put("CANDOR_CATCHUP_ON_JOIN", "sometimes");

    assertTrue(refused(env, "CANDOR_CATCHUP_ON_JOIN").contains("on or off"));
  }

  @Test
  void reading_withoutABotToken_namesSlackBotToken() {
    Map<String, String> env = httpMode();
    env.remove("SLACK_BOT_TOKEN");

    assertTrue(refused(env, "SLACK_BOT_TOKEN").contains("required"));
  }

  @Test
  void reading_aBlankBotToken_namesSlackBotToken() {
    refused(httpModeWith("SLACK_BOT_TOKEN", "   "), "SLACK_BOT_TOKEN");
  }

  @Test
  void reading_aUserTokenAsBotToken_namesSlackBotTokenWithoutEchoingIt() {
    String message = refused(httpModeWith("SLACK_BOT_TOKEN", "xoxp-user-secret"), "SLACK_BOT_TOKEN");

    assertTrue(message.contains("xoxb-"), message);
    assertFalse(message.contains("xoxp-user-secret"), message);
  }

  @Test
  void reading_httpModeWithoutASigningSecret_namesSlackSigningSecret() {
    Map<String, String> env = httpMode();
    env.remove("SLACK_SIGNING_SECRET");

    String message = refused(env, "SLACK_SIGNING_SECRET");

    assertTrue(message.contains("SLACK_APP_TOKEN"), "says how to use Socket Mode instead: " + message);
  }

  @Test
  void reading_socketModeWithoutASigningSecret_isFine() {
    Map<String, String> env = httpMode();
    env.remove("SLACK_SIGNING_SECRET");
    env.put("SLACK_APP_TOKEN", APP_TOKEN);

    BotConfig config = BotConfig.fromEnvironment(env);

    assertTrue(config.socketMode());
    assertEquals(Optional.of(APP_TOKEN), config.appToken());
    assertEquals(Optional.empty(), config.signingSecret());
  }

  @Test
  void reading_anAppTokenThatIsNotXapp_namesSlackAppTokenWithoutEchoingIt() {
    String message = refused(httpModeWith("SLACK_APP_TOKEN", "xoxb-wrong-kind-secret"), "SLACK_APP_TOKEN");

    assertTrue(message.contains("xapp-"), message);
    assertFalse(message.contains("xoxb-wrong-kind-secret"), message);
  }

  // --- the other settings ---------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"slack.com/api", "ftp://slack.com/api/", "http://", "not a url", "https:///api"})
  void reading_aMalformedApiUrl_namesSlackApiUrl(String value) {
    assertTrue(refused(httpModeWith("SLACK_API_URL", value), "SLACK_API_URL").contains(value));
  }

  @Test
  void reading_anApiUrlWithoutTrailingSlash_addsOne() {
    assertEquals("http://localhost:9999/api/",
        BotConfig.fromEnvironment(httpModeWith("SLACK_API_URL", "http://localhost:9999/api")).slackApiUrl());
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "-1", "65536", "80.5", "3000x", "99999999999"})
  void reading_aMalformedPort_namesPort(String value) {
    assertTrue(refused(httpModeWith("PORT", value), "PORT").contains("\"" + value + "\""));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "65535"})
  void reading_aPortAtEitherEnd_isAccepted(String value) {
    assertEquals(Integer.parseInt(value), BotConfig.fromEnvironment(httpModeWith("PORT", value)).port());
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdbc:mysql://localhost/candor", "jdbc:postgresql:", "jdbc:sqlite:",
      "data/candor.db", "sqlite:candor.db", "postgresql://localhost/candor"})
  void reading_aDatabaseUrlThatIsNeitherSqliteNorPostgresql_namesDatabaseUrl(String value) {
    refused(httpModeWith("DATABASE_URL", value), "DATABASE_URL");
  }

  // --- PostgreSQL and the evidence key ---------------------------------------------------------

  static final String KEY_HEX = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

  static Map<String, String> onPostgres() {
    Map<String, String> env = httpModeWith("DATABASE_URL", "jdbc:postgresql://db.example.com/candor?user=candor"
        + "&password=pg-secret-pw");
    return env;
  }

  @Test
  void reading_aPostgresqlUrlWithAKeyFromTheEnvironment_keepsBoth() {
    Map<String, String> env = onPostgres();
    env.put("CANDOR_KEY", KEY_HEX);

    BotConfig config = BotConfig.fromEnvironment(env);

    assertEquals("jdbc:postgresql://db.example.com/candor?user=candor&password=pg-secret-pw", config.databaseUrl());
    assertEquals(Optional.of(KEY_HEX), config.evidenceKey().hex());
  }

  @Test
  void theJobsPoll_is15sOnSqlite_and5sOnPostgresql_soADeadReplicasClaimsAreTakenOverWithin20s() {
    Map<String, String> env = onPostgres();
    env.put("CANDOR_KEY", KEY_HEX);

    assertEquals(Duration.ofSeconds(15), BotConfig.fromEnvironment(httpMode()).jobsPoll());
    assertEquals(Duration.ofSeconds(5), BotConfig.fromEnvironment(env).jobsPoll());
    env.put("CANDOR_JOBS_POLL", "30s");
    assertEquals(Duration.ofSeconds(30), BotConfig.fromEnvironment(env).jobsPoll());
  }

  @Test
  void reading_aPostgresqlUrlWithoutAKey_isRefused_sayingTheKeyIsNeverInTheDatabase() {
    String message = refused(onPostgres(), "CANDOR_KEY_FILE");

    assertTrue(message.contains("PostgreSQL") && message.contains("never kept in the database"), message);
    assertFalse(message.contains("pg-secret-pw"), message);
  }

  @Test
  void reading_aKeyFileThatIsMissing_namesCandorKeyFile(@TempDir Path dir) {
    Map<String, String> env = onPostgres();
    env.put("CANDOR_KEY_FILE", dir.resolve("missing.key").toString());

    assertTrue(refused(env, "CANDOR_KEY_FILE").contains("missing.key"));
  }

  @Test
  void reading_aKeyFile_keepsItsPath_andSqliteNeedsNone(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("candor.key"), KEY_HEX + "\n");
    Map<String, String> env = onPostgres();
    env.put("CANDOR_KEY_FILE", file.toString());

    assertEquals(Optional.of(file), BotConfig.fromEnvironment(env).evidenceKey().file());
    assertTrue(BotConfig.fromEnvironment(httpMode()).evidenceKey().besideDatabase());
  }

  @Test
  void reading_bothKeySettings_isRefused(@TempDir Path dir) throws Exception {
    Map<String, String> env = onPostgres();
    env.put("CANDOR_KEY_FILE", Files.writeString(dir.resolve("candor.key"), KEY_HEX).toString());
    env.put("CANDOR_KEY", KEY_HEX);

    refused(env, "CANDOR_KEY_FILE");
  }

  @ParameterizedTest
  @ValueSource(strings = {"not-hex-at-all-not-hex-at-all-not-hex-at-all-not-hex-at-all-xx", "00112233", "abc"})
  void reading_aKeyThatIsNot32BytesOfHex_isRefused_withoutQuotingIt(String value) {
    Map<String, String> env = onPostgres();
    env.put("CANDOR_KEY", value);

    assertFalse(refused(env, "CANDOR_KEY").contains(value));
  }

  @Test
  void printing_aPostgresqlConfig_hidesItsPasswordAndItsKey() {
    Map<String, String> env = onPostgres();
    env.put("CANDOR_KEY", KEY_HEX);

    String printed = BotConfig.fromEnvironment(env).toString();

    assertTrue(printed.contains("jdbc:postgresql://db.example.com/candor?user=candor&password=***"), printed);
    assertFalse(printed.contains("pg-secret-pw"), printed);
    assertFalse(printed.contains(KEY_HEX), printed);
    assertTrue(printed.contains("evidenceKey=CANDOR_KEY"), printed);
  }

  @ParameterizedTest
  @ValueSource(strings = {"#incidents", "incidents", "c0123abcd", "U0123ABCD", "C01"})
  void reading_anIncidentsChannelThatIsNoChannelId_namesIncidentsChannel(String value) {
    assertTrue(refused(httpModeWith("INCIDENTS_CHANNEL", value), "INCIDENTS_CHANNEL").contains(value));
  }

  @Test
  void reading_aPrivateChannelIdAsIncidentsChannel_isAccepted() {
    assertEquals(Optional.of("G0123ABCD"),
        BotConfig.fromEnvironment(httpModeWith("INCIDENTS_CHANNEL", "G0123ABCD")).incidentsChannel());
  }

  @ParameterizedTest
  @ValueSource(strings = {"INC-", "in c-", "inc.", "#inc-", "incidents-of-the-day-x"})
  void reading_aPrefixSlackWouldRefuse_namesCandorChannelPrefix(String value) {
    assertTrue(refused(httpModeWith("CANDOR_CHANNEL_PREFIX", value), "CANDOR_CHANNEL_PREFIX").contains(value));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Mars/Olympus_Mons", "CEST-ish", "UTC+25"})
  void reading_anUnknownTimezone_namesCandorTimezone(String value) {
    assertTrue(refused(httpModeWith("CANDOR_TIMEZONE", value), "CANDOR_TIMEZONE").contains(value));
  }

  @Test
  void theJobLease_andTheWaitBeforeAskingAboutLevels_haveDefaults_andCanBeSet() {
    BotConfig defaults = BotConfig.fromEnvironment(httpMode());
    assertEquals(Duration.ofSeconds(15), defaults.jobsLease(), "short: a heartbeat renews a live runner's claims");
    assertEquals(Duration.ofHours(4), defaults.followUpLevelsAfter());
    Map<String, String> env = httpModeWith("CANDOR_JOBS_LEASE", "2s");
    env.put("CANDOR_FOLLOWUP_LEVELS_AFTER", "1d");
    BotConfig set = BotConfig.fromEnvironment(env);
    assertEquals(Duration.ofSeconds(2), set.jobsLease());
    assertEquals(Duration.ofDays(1), set.followUpLevelsAfter());
  }

  @Test
  void theJobsRetention_isThirtyDaysByDefault_canBeSet_andIsAtLeastAWeek() {
    assertEquals(Duration.ofDays(30), BotConfig.fromEnvironment(httpMode()).jobsRetention());
    assertEquals(Duration.ofDays(90), BotConfig.fromEnvironment(httpModeWith("CANDOR_JOBS_RETENTION", "90d"))
        .jobsRetention());
    assertEquals(Duration.ofDays(7), BotConfig.fromEnvironment(httpModeWith("CANDOR_JOBS_RETENTION", "168h"))
        .jobsRetention());
    String tooShort = refused(httpModeWith("CANDOR_JOBS_RETENTION", "6d"), "CANDOR_JOBS_RETENTION");
    assertTrue(tooShort.contains("at least 7d") && tooShort.contains("\"6d\""), tooShort);
  }

  @ParameterizedTest
  @ValueSource(strings = {"CANDOR_JOBS_LEASE", "CANDOR_FOLLOWUP_LEVELS_AFTER", "CANDOR_JOBS_RETENTION"})
  void aDurationThatIsNotOne_namesItsVariable(String variable) {
    assertTrue(refused(httpModeWith(variable, "soon"), variable).contains("\"soon\""));
    refused(httpModeWith(variable, "0s"), variable);
  }

  @Test
  void readingOnlyThePort_forTheHealthcheck_needsNoTokens() {
    assertEquals(3000, BotConfig.portFrom(Map.of()));
    assertEquals(8081, BotConfig.portFrom(Map.of("PORT", "8081")));
    assertTrue(assertThrows(ConfigException.class, () -> BotConfig.portFrom(Map.of("PORT", "abc")))
        .getMessage().startsWith("PORT "));
  }

  // --- printing -------------------------------------------------------------------------------

  @Test
  void printing_httpMode_showsTheSettingsButNeverTheTokenOrSecret() {
    String printed = BotConfig.fromEnvironment(httpModeWith("INCIDENTS_CHANNEL", "C0123ABCD")).toString();

    assertFalse(printed.contains(BOT_TOKEN), printed);
    assertFalse(printed.contains(SIGNING_SECRET), printed);
    assertFalse(printed.contains("secret"), printed);
    assertTrue(printed.contains("port=3000"), printed);
    assertTrue(printed.contains("C0123ABCD"), printed);
    assertTrue(printed.contains("mode=http"), printed);
  }

  @Test
  void printing_socketMode_neverShowsTheAppToken() {
    Map<String, String> env = httpMode();
    env.put("SLACK_APP_TOKEN", APP_TOKEN);

    String printed = BotConfig.fromEnvironment(env).toString();

    assertFalse(printed.contains(APP_TOKEN), printed);
    assertFalse(printed.contains(BOT_TOKEN), printed);
    assertFalse(printed.contains(SIGNING_SECRET), printed);
    assertTrue(printed.contains("mode=socket"), printed);
  }
}
