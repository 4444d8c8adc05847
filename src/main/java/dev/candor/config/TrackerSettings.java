package dev.candor.config;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The issue tracker follow-ups are kept in, for the whole workspace ({@code CANDOR_TRACKER}: {@code none},
 * {@code github}, {@code linear} or {@code jira}). For Jira Cloud: the site ({@code JIRA_URL}, in {@link #apiUrl()}),
 * {@code JIRA_EMAIL:JIRA_API_TOKEN} (in {@link #token()}), the project's key ({@code JIRA_PROJECT}, in
 * {@link #repo()}), {@code JIRA_WEBHOOK_SECRET} and {@code JIRA_USERS} (emails). For Linear: an API key ({@code LINEAR_API_KEY}, in {@link #token()}), the team
 * issues go into ({@code LINEAR_TEAM_ID}, in {@link #repo()}), the GraphQL endpoint ({@code LINEAR_API_URL}), the
 * webhook's signing secret ({@code LINEAR_WEBHOOK_SECRET}), the poll, and which Slack user is which Linear user's
 * email ({@code LINEAR_USERS}, {@code U012AB=ana@example.com,…}). For GitHub Issues: a token that may write issues ({@code GITHUB_TOKEN}), the repository
 * ({@code GITHUB_REPO}, {@code owner/name}), the API's address ({@code GITHUB_API_URL}), the secret its webhook signs
 * with ({@code GITHUB_WEBHOOK_SECRET}; without it Candor polls), how often it polls ({@code CANDOR_TRACKER_POLL}), and
 * which Slack user is which GitHub login ({@code GITHUB_USERS}, {@code U012AB=octocat,…}).
 */
public record TrackerSettings(String kind, Optional<String> token, String repo, URI apiUrl,
    Optional<String> webhookSecret, Duration poll, Map<String, String> users) {
  public static final String DEFAULT_API_URL = "https://api.github.com";
  public static final String DEFAULT_LINEAR_URL = "https://api.linear.app/graphql";
  private static final Pattern TEAM = Pattern.compile("[A-Za-z0-9-]{1,64}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s,=]+@[^@\\s,=]+\\.[^@\\s,=]+");
  private static final Pattern REPO = Pattern.compile("[A-Za-z0-9_.-]{1,100}/[A-Za-z0-9_.-]{1,100}");
  private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})");
  private static final Pattern SLACK_USER = Pattern.compile("[UW][A-Z0-9]{2,}");

  public TrackerSettings {
    users = Map.copyOf(users);
  }

  public static TrackerSettings none() {
    return new TrackerSettings("none", Optional.empty(), "", URI.create(DEFAULT_API_URL), Optional.empty(),
        Duration.ofMinutes(2), Map.of());
  }

  public boolean github() {
    return kind.equals("github");
  }

  public boolean linear() {
    return kind.equals("linear");
  }

  /** Linear's team issues go into ({@code LINEAR_TEAM_ID}). */
  public String team() {
    return repo;
  }

  static TrackerSettings read(Function<String, Optional<String>> env) {
    Optional<String> kind = env.apply("CANDOR_TRACKER");
    String k = kind.orElse("none").strip().toLowerCase(Locale.ROOT);
    if (k.equals("none")) {
      return none();
    }
    if (k.equals("linear")) {
      return linear(env);
    }
    if (k.equals("jira")) {
      return jira(env);
    }
    if (!k.equals("github")) {
      throw new ConfigException("CANDOR_TRACKER must be none, github, linear or jira, not \"" + kind.get() + "\"");
    }
    return github(env.apply("GITHUB_TOKEN"), env.apply("GITHUB_REPO"), env.apply("GITHUB_API_URL"),
        env.apply("GITHUB_WEBHOOK_SECRET"), env.apply("CANDOR_TRACKER_POLL"), env.apply("GITHUB_USERS"));
  }

  private static TrackerSettings linear(Function<String, Optional<String>> env) {
    Optional<String> key = env.apply("LINEAR_API_KEY");
    if (key.isEmpty()) {
      throw new ConfigException("LINEAR_API_KEY is required with CANDOR_TRACKER=linear: a personal API key "
          + "(Linear: Settings, Security & access, Personal API keys) that may create and edit the team's issues");
    }
    if (key.get().chars().anyMatch(Character::isWhitespace)) {
      throw new ConfigException("LINEAR_API_KEY must be one key, with no spaces in it");
    }
    String team = env.apply("LINEAR_TEAM_ID").orElseThrow(() -> new ConfigException(
        "LINEAR_TEAM_ID is required with CANDOR_TRACKER=linear: the id of the team issues go into"));
    if (!TEAM.matcher(team.strip()).matches()) {
      throw new ConfigException("LINEAR_TEAM_ID must be a team's id (a UUID, as Linear's API gives it), not \""
          + team + "\"");
    }
    Optional<String> secret = env.apply("LINEAR_WEBHOOK_SECRET");
    if (secret.isPresent() && (secret.get().length() < 16 || secret.get().chars().anyMatch(Character::isWhitespace))) {
      throw new ConfigException("LINEAR_WEBHOOK_SECRET must be the webhook's signing secret as Linear shows it "
          + "(16 characters or more, no spaces)");
    }
    Duration every = poll(env.apply("CANDOR_TRACKER_POLL"), "Linear allows 5,000 requests an hour");
    URI api = ServiceUrl.of("LINEAR_API_URL", env.apply("LINEAR_API_URL").orElse(DEFAULT_LINEAR_URL), DEFAULT_LINEAR_URL,
        "");
    Map<String, String> users = emails("LINEAR_USERS", env.apply("LINEAR_USERS"));
    return new TrackerSettings("linear", key.map(String::strip), team.strip(), api, secret, every, users);
  }

  private static TrackerSettings jira(Function<String, Optional<String>> env) {
    String site = env.apply("JIRA_URL").orElseThrow(() -> new ConfigException(
        "JIRA_URL is required with CANDOR_TRACKER=jira: the site, such as https://acme.atlassian.net"));
    URI url = ServiceUrl.of("JIRA_URL", site, "https://acme.atlassian.net", "");
    String email = env.apply("JIRA_EMAIL").orElseThrow(() -> new ConfigException(
        "JIRA_EMAIL is required with CANDOR_TRACKER=jira: the email of the account whose API token Candor uses"));
    if (!EMAIL.matcher(email.strip()).matches()) {
      throw new ConfigException("JIRA_EMAIL must be an email address, not \"" + email + "\"");
    }
    Optional<String> token = env.apply("JIRA_API_TOKEN");
    if (token.isEmpty() || token.get().chars().anyMatch(Character::isWhitespace)) {
      throw new ConfigException("JIRA_API_TOKEN is required with CANDOR_TRACKER=jira: one API token (Atlassian "
          + "account: Security, API tokens), with no spaces in it");
    }
    String project = env.apply("JIRA_PROJECT").orElseThrow(() -> new ConfigException(
        "JIRA_PROJECT is required with CANDOR_TRACKER=jira: the key of the project issues go into (OPS)"));
    if (!project.strip().matches("[A-Z][A-Z0-9_]{1,9}")) {
      throw new ConfigException("JIRA_PROJECT must be a project key (OPS), not \"" + project + "\"");
    }
    Optional<String> secret = env.apply("JIRA_WEBHOOK_SECRET");
    if (secret.isPresent() && secret.get().length() < 16) {
      throw new ConfigException("JIRA_WEBHOOK_SECRET must be at least 16 characters (make one with: openssl rand "
          + "-hex 32), the same as the Jira webhook's secret");
    }
    Duration every = poll(env.apply("CANDOR_TRACKER_POLL"), "Jira limits the rate of calls");
    Map<String, String> users = emails("JIRA_USERS", env.apply("JIRA_USERS"));
    return new TrackerSettings("jira", Optional.of(email.strip() + ":" + token.get().strip()), project.strip(), url,
        secret, every, users);
  }

  private static Map<String, String> emails(String name, Optional<String> value) {
    Map<String, String> users = new LinkedHashMap<>();
    for (String part : value.map(v -> v.split(",")).orElse(new String[0])) {
      if (part.isBlank()) {
        continue;
      }
      String[] pair = part.strip().split("=", 2);
      if (pair.length != 2 || !SLACK_USER.matcher(pair[0].strip()).matches()
          || !EMAIL.matcher(pair[1].strip()).matches()) {
        throw new ConfigException(name + " must be SlackUserId=email pairs, comma-separated, with each person's "
            + "email in the tracker (U012AB3CD=ana@example.com); \"" + part.strip() + "\" is not one");
      }
      users.put(pair[0].strip(), pair[1].strip().toLowerCase(Locale.ROOT));
    }
    return users;
  }

  public boolean jira() {
    return kind.equals("jira");
  }

  private static Duration poll(Optional<String> poll, String why) {
    Duration every = BotConfig.duration("CANDOR_TRACKER_POLL", poll.orElse("2m"));
    if (every.compareTo(Duration.ofSeconds(10)) < 0) {
      throw new ConfigException("CANDOR_TRACKER_POLL must be 10s or more (" + why + ")");
    }
    return every;
  }

  private static TrackerSettings github(Optional<String> token, Optional<String> repo, Optional<String> apiUrl,
      Optional<String> secret, Optional<String> poll, Optional<String> users) {
    String k = "github";
    if (token.isEmpty()) {
      throw new ConfigException("GITHUB_TOKEN is required with CANDOR_TRACKER=github: a token that may read and write "
          + "the repository's issues (a fine-grained token with Issues: read and write)");
    }
    if (token.get().chars().anyMatch(Character::isWhitespace)) {
      throw new ConfigException("GITHUB_TOKEN must be one token, with no spaces in it");
    }
    String r = repo.orElseThrow(() -> new ConfigException(
        "GITHUB_REPO is required with CANDOR_TRACKER=github: the repository issues go into, as owner/name"));
    if (!REPO.matcher(r.strip()).matches()) {
      throw new ConfigException("GITHUB_REPO must be owner/name (octo-org/ops), not \"" + r + "\"");
    }
    if (secret.isPresent() && secret.get().length() < 16) {
      throw new ConfigException("GITHUB_WEBHOOK_SECRET must be at least 16 characters (make one with: openssl rand "
          + "-hex 32), the same as the repository webhook's secret");
    }
    Duration every = poll(poll, "GitHub allows 5,000 calls an hour");
    return new TrackerSettings(k, token.map(String::strip), r.strip(),
        ServiceUrl.of("GITHUB_API_URL", apiUrl.orElse(DEFAULT_API_URL), DEFAULT_API_URL,
            " (GitHub Enterprise: https://HOST/api/v3; http only for localhost)"),
        secret, every, users(users));
  }

  private static Map<String, String> users(Optional<String> value) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String part : value.map(v -> v.split(",")).orElse(new String[0])) {
      if (part.isBlank()) {
        continue;
      }
      String[] pair = part.strip().split("=", 2);
      if (pair.length != 2 || !SLACK_USER.matcher(pair[0].strip()).matches()
          || !LOGIN.matcher(pair[1].strip().replaceFirst("^@", "")).matches()) {
        throw new ConfigException("GITHUB_USERS must be SlackUserId=github-login pairs, comma-separated "
            + "(U012AB3CD=octocat); \"" + part.strip() + "\" is not one");
      }
      out.put(pair[0].strip(), pair[1].strip().replaceFirst("^@", ""));
    }
    return out;
  }

  @Override
  public String toString() {
    return github() || linear() || jira()
        ? kind + " " + repo + (webhookSecret.isPresent() ? ", webhook" : ", polled every " + poll)
        : "none";
  }
}
