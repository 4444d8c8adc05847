package dev.candor.config;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The issue tracker follow-ups are kept in, for the whole workspace ({@code CANDOR_TRACKER}: {@code none} or
 * {@code github}). For GitHub Issues: a token that may write issues ({@code GITHUB_TOKEN}), the repository
 * ({@code GITHUB_REPO}, {@code owner/name}), the API's address ({@code GITHUB_API_URL}), the secret its webhook signs
 * with ({@code GITHUB_WEBHOOK_SECRET}; without it Candor polls), how often it polls ({@code CANDOR_TRACKER_POLL}), and
 * which Slack user is which GitHub login ({@code GITHUB_USERS}, {@code U012AB=octocat,…}).
 */
public record TrackerSettings(String kind, Optional<String> token, String repo, URI apiUrl,
    Optional<String> webhookSecret, Duration poll, Map<String, String> users) {
  public static final String DEFAULT_API_URL = "https://api.github.com";
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

  static TrackerSettings read(Optional<String> kind, Optional<String> token, Optional<String> repo,
      Optional<String> apiUrl, Optional<String> secret, Optional<String> poll, Optional<String> users) {
    String k = kind.orElse("none").strip().toLowerCase(Locale.ROOT);
    if (k.equals("none")) {
      return none();
    }
    if (!k.equals("github")) {
      throw new ConfigException("CANDOR_TRACKER must be none or github (Linear and Jira are not supported yet), not \""
          + kind.get() + "\"");
    }
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
    Duration every = BotConfig.duration("CANDOR_TRACKER_POLL", poll.orElse("2m"));
    if (every.compareTo(Duration.ofSeconds(10)) < 0) {
      throw new ConfigException("CANDOR_TRACKER_POLL must be 10s or more (GitHub allows 5,000 calls an hour)");
    }
    return new TrackerSettings(k, token.map(String::strip), r.strip(), url(apiUrl), secret, every, users(users));
  }

  private static URI url(Optional<String> value) {
    String v = value.orElse(DEFAULT_API_URL);
    URI uri;
    try {
      uri = URI.create(v.endsWith("/") ? v.substring(0, v.length() - 1) : v);
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    boolean https = uri != null && uri.getHost() != null && "https".equals(uri.getScheme());
    boolean local = uri != null && uri.getHost() != null && "http".equals(uri.getScheme())
        && WebhookSettings.LOCAL_HOSTS.contains(uri.getHost());
    if (!https && !local) {
      throw new ConfigException("GITHUB_API_URL must be an https URL such as " + DEFAULT_API_URL
          + " (GitHub Enterprise: https://HOST/api/v3; http only for localhost), not \"" + v + "\"");
    }
    return uri;
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
    return github() ? "github " + repo + (webhookSecret.isPresent() ? ", webhook" : ", polled every " + poll)
        : "none";
  }
}
