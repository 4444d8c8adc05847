package dev.candor.config;

import static dev.candor.config.OutboundSettingsTest.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** CANDOR_TRACKER and the GitHub settings, read once, refused in one line naming the setting. */
class TrackerSettingsTest {
  static final String TOKEN = "github_pat_11ABCDEFG0123456789";

  static Map<String, String> github(String... more) {
    Map<String, String> env = with("CANDOR_TRACKER", "github", "GITHUB_TOKEN", TOKEN, "GITHUB_REPO", "octo-org/ops");
    Map<String, String> extra = with(more);
    env.putAll(extra);
    return env;
  }

  @Test
  void noTracker_byDefault() {
    TrackerSettings none = BotConfig.fromEnvironment(with()).tracker();
    assertFalse(none.github());
    assertEquals("none", none.toString());
  }

  @Test
  void github_readsItsTokenRepositoryApiSecretPollAndUsers() {
    TrackerSettings s = BotConfig.fromEnvironment(github("GITHUB_API_URL", "https://ghe.example.com/api/v3/",
        "GITHUB_WEBHOOK_SECRET", "0123456789abcdef0123", "CANDOR_TRACKER_POLL", "5m", "GITHUB_USERS",
        "U012AB3CD=octocat, W99ZZ=@hubot")).tracker();
    assertTrue(s.github());
    assertEquals(Optional.of(TOKEN), s.token());
    assertEquals("octo-org/ops", s.repo());
    assertEquals(URI.create("https://ghe.example.com/api/v3"), s.apiUrl(), "no trailing slash");
    assertEquals(Duration.ofMinutes(5), s.poll());
    assertEquals(Map.of("U012AB3CD", "octocat", "W99ZZ", "hubot"), s.users());
    assertEquals("github octo-org/ops, webhook", s.toString());
  }

  @Test
  void github_withoutAWebhookSecret_polls_andDefaultsToGitHubCom() {
    TrackerSettings s = BotConfig.fromEnvironment(github()).tracker();
    assertEquals(URI.create("https://api.github.com"), s.apiUrl());
    assertEquals(Duration.ofMinutes(2), s.poll());
    assertEquals("github octo-org/ops, polled every PT2M", s.toString());
  }

  @Test
  void badTrackerSettings_areRefused_inOneLineNamingThem_neverPrintingTheToken() {
    BotConfigTest.refused(with("CANDOR_TRACKER", "youtrack"), "CANDOR_TRACKER");
    BotConfigTest.refused(with("CANDOR_TRACKER", "github", "GITHUB_REPO", "octo-org/ops"), "GITHUB_TOKEN");
    BotConfigTest.refused(with("CANDOR_TRACKER", "github", "GITHUB_TOKEN", TOKEN), "GITHUB_REPO");
    BotConfigTest.refused(github("GITHUB_REPO", "just-a-name"), "GITHUB_REPO");
    BotConfigTest.refused(github("GITHUB_API_URL", "http://github.example.com"), "GITHUB_API_URL");
    BotConfigTest.refused(github("GITHUB_WEBHOOK_SECRET", "short"), "GITHUB_WEBHOOK_SECRET");
    BotConfigTest.refused(github("CANDOR_TRACKER_POLL", "5s"), "CANDOR_TRACKER_POLL");
    BotConfigTest.refused(github("GITHUB_USERS", "octocat"), "GITHUB_USERS");
    String message = BotConfigTest.refused(github("GITHUB_TOKEN", "two words"), "GITHUB_TOKEN");
    assertFalse(message.contains("two words"), message);
    assertFalse(BotConfig.fromEnvironment(github()).toString().contains(TOKEN), "the token is never printed");
  }

  static Map<String, String> linear(String... more) {
    Map<String, String> env = with("CANDOR_TRACKER", "Linear", "LINEAR_API_KEY", "lin_api_0123456789",
        "LINEAR_TEAM_ID", "9cfb482a-81e3-4154-b5b9-2c805e70a02d");
    env.putAll(with(more));
    return env;
  }

  @Test
  void linear_readsItsKeyTeamEndpointSecretAndUsersByEmail() {
    TrackerSettings s = BotConfig.fromEnvironment(linear("LINEAR_WEBHOOK_SECRET", "lin_wh_0123456789abcdef",
        "LINEAR_USERS", "U012AB3CD=Ana@Example.com, W99ZZ=bo@example.org")).tracker();
    assertTrue(s.linear());
    assertFalse(s.github());
    assertEquals(Optional.of("lin_api_0123456789"), s.token());
    assertEquals("9cfb482a-81e3-4154-b5b9-2c805e70a02d", s.team());
    assertEquals(URI.create("https://api.linear.app/graphql"), s.apiUrl());
    assertEquals(Map.of("U012AB3CD", "ana@example.com", "W99ZZ", "bo@example.org"), s.users());
    assertEquals("linear 9cfb482a-81e3-4154-b5b9-2c805e70a02d, webhook", s.toString());
    assertEquals("linear 9cfb482a-81e3-4154-b5b9-2c805e70a02d, polled every PT2M",
        BotConfig.fromEnvironment(linear()).tracker().toString());
  }

  @Test
  void badLinearSettings_areRefused_inOneLineNamingThem_neverPrintingTheKey() {
    BotConfigTest.refused(with("CANDOR_TRACKER", "linear", "LINEAR_TEAM_ID", "abc"), "LINEAR_API_KEY");
    BotConfigTest.refused(with("CANDOR_TRACKER", "linear", "LINEAR_API_KEY", "lin_api_1"), "LINEAR_TEAM_ID");
    BotConfigTest.refused(linear("LINEAR_TEAM_ID", "the ops team"), "LINEAR_TEAM_ID");
    BotConfigTest.refused(linear("LINEAR_API_URL", "http://api.linear.example"), "LINEAR_API_URL");
    BotConfigTest.refused(linear("LINEAR_WEBHOOK_SECRET", "short"), "LINEAR_WEBHOOK_SECRET");
    BotConfigTest.refused(linear("LINEAR_USERS", "U012AB3CD=ana"), "LINEAR_USERS");
    BotConfigTest.refused(linear("CANDOR_TRACKER_POLL", "1s"), "CANDOR_TRACKER_POLL");
    String message = BotConfigTest.refused(linear("LINEAR_API_KEY", "lin api secret"), "LINEAR_API_KEY");
    assertFalse(message.contains("lin api secret"), message);
    assertFalse(BotConfig.fromEnvironment(linear()).toString().contains("lin_api_0123456789"),
        "the key is never printed");
  }

  static Map<String, String> jira(String... more) {
    Map<String, String> env = with("CANDOR_TRACKER", "jira", "JIRA_URL", "https://acme.atlassian.net/",
        "JIRA_EMAIL", "bot@example.com", "JIRA_API_TOKEN", "ATATT3xFf0123", "JIRA_PROJECT", "OPS");
    env.putAll(with(more));
    return env;
  }

  @Test
  void jira_readsItsSiteAccountTokenProjectSecretAndUsers() {
    TrackerSettings s = BotConfig.fromEnvironment(jira("JIRA_WEBHOOK_SECRET", "0123456789abcdef0123",
        "JIRA_USERS", "U012AB3CD=Ana@Example.com")).tracker();
    assertTrue(s.jira());
    assertEquals(URI.create("https://acme.atlassian.net"), s.apiUrl());
    assertEquals(Optional.of("bot@example.com:ATATT3xFf0123"), s.token());
    assertEquals("OPS", s.repo());
    assertEquals(Map.of("U012AB3CD", "ana@example.com"), s.users());
    assertEquals("jira OPS, webhook", s.toString());
  }

  @Test
  void badJiraSettings_areRefused_inOneLineNamingThem_neverPrintingTheToken() {
    BotConfigTest.refused(with("CANDOR_TRACKER", "jira"), "JIRA_URL");
    BotConfigTest.refused(jira("JIRA_URL", "http://acme.atlassian.net"), "JIRA_URL");
    BotConfigTest.refused(jira("JIRA_EMAIL", "bot"), "JIRA_EMAIL");
    BotConfigTest.refused(jira("JIRA_API_TOKEN", "two words"), "JIRA_API_TOKEN");
    BotConfigTest.refused(jira("JIRA_PROJECT", "ops team"), "JIRA_PROJECT");
    BotConfigTest.refused(jira("JIRA_WEBHOOK_SECRET", "short"), "JIRA_WEBHOOK_SECRET");
    BotConfigTest.refused(jira("JIRA_USERS", "U012AB3CD=ana"), "JIRA_USERS");
    assertFalse(BotConfig.fromEnvironment(jira()).toString().contains("ATATT3xFf0123"), "the token is never printed");
  }
}
