package dev.candor.config;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every setting Candor reads, validated once at start. Build it with {@link #fromEnvironment(Map)};
 * a missing or malformed variable throws a {@link ConfigException} naming it.
 */
public record BotConfig(
    String botToken,
    Optional<String> signingSecret,
    Optional<String> appToken,
    String slackApiUrl,
    int port,
    String databaseUrl,
    Optional<String> incidentsChannel,
    Optional<String> postmortemsChannel,
    String channelPrefix,
    ZoneId timezone,
    String keyEmoji,
    Duration backfillWindow,
    Duration nudgeCooldown,
    Optional<Path> nudgeRules,
    boolean nudgeModel,
    Duration jobsPoll,
    int followUpRemindDays,
    Duration statusReminder,
    Duration postmortemPromptAfter,
    Duration jobsLease,
    Duration followUpLevelsAfter,
    Duration jobsRetention,
    KeySource evidenceKey,
    WebhookSettings webhooks,
    PagingSettings paging,
    CallLink callLink,
    DeclareSettings declare,
    boolean catchupOnJoin,
    TrackerSettings tracker) {

  public static final String DEFAULT_API_URL = "https://slack.com/api/";
  public static final String DEFAULT_DATABASE_URL = "jdbc:sqlite:data/candor.db";
  private static final String SQLITE = "jdbc:sqlite:";
  private static final String POSTGRESQL = "jdbc:postgresql:";
  /** 32 bytes or more, as hex. */
  private static final Pattern KEY_HEX = Pattern.compile("(?:[0-9a-fA-F]{2}){32,}");
  private static final Pattern CHANNEL_ID = Pattern.compile("[CG][A-Z0-9]{6,}");
  private static final Pattern PREFIX = Pattern.compile("[a-z0-9_-]{0,20}");
  /** The shortest jobs retention: a week, since a weekly digest's job tells whether that week's was sent. */
  static final Duration MIN_JOBS_RETENTION = Duration.ofDays(7);

  public boolean socketMode() {
    return appToken.isPresent();
  }

  public static BotConfig fromEnvironment(Map<String, String> env) {
    Settings s = new Settings(env);
    String botToken = s.required("SLACK_BOT_TOKEN",
        "the bot token (xoxb-…) from your Slack app's OAuth & Permissions page");
    if (!botToken.startsWith("xoxb-")) {
      throw new ConfigException("SLACK_BOT_TOKEN must be a bot token starting with xoxb-");
    }
    Optional<String> appToken = s.optional("SLACK_APP_TOKEN");
    if (appToken.isPresent() && !appToken.get().startsWith("xapp-")) {
      throw new ConfigException("SLACK_APP_TOKEN must be an app-level token starting with xapp-");
    }
    Optional<String> signingSecret = s.optional("SLACK_SIGNING_SECRET");
    if (appToken.isEmpty() && signingSecret.isEmpty()) {
      throw new ConfigException("SLACK_SIGNING_SECRET is required in HTTP mode (Basic Information > "
          + "App Credentials), or set SLACK_APP_TOKEN to run in Socket Mode");
    }
    String databaseUrl = databaseUrl(s.optional("DATABASE_URL").orElse(DEFAULT_DATABASE_URL));
    return new BotConfig(
        botToken,
        signingSecret,
        appToken,
        apiUrl(s.optional("SLACK_API_URL").orElse(DEFAULT_API_URL)),
        port(s.optional("PORT").orElse("3000")),
        databaseUrl,
        channelId(s, "INCIDENTS_CHANNEL"),
        channelId(s, "POSTMORTEMS_CHANNEL"),
        prefix(s.optional("CANDOR_CHANNEL_PREFIX").orElse("inc-")),
        zone(s.optional("CANDOR_TIMEZONE").orElse("UTC")),
        emoji(s.optional("CANDOR_KEY_EMOJI").orElse("pushpin")),
        duration("CANDOR_BACKFILL_WINDOW", s.optional("CANDOR_BACKFILL_WINDOW").orElse("24h")),
        duration("CANDOR_NUDGE_COOLDOWN", s.optional("CANDOR_NUDGE_COOLDOWN").orElse("10m")),
        readableFile("CANDOR_NUDGE_RULES", s.optional("CANDOR_NUDGE_RULES")),
        onOff("CANDOR_NUDGE_MODEL", s.optional("CANDOR_NUDGE_MODEL").orElse("on")),
        // replicas share a PostgreSQL: a job another one scheduled or a dead one held is looked for more often, so a
        // dead replica's claim (CANDOR_JOBS_LEASE) is taken over within 20 s of its death
        duration("CANDOR_JOBS_POLL", s.optional("CANDOR_JOBS_POLL")
            .orElse(databaseUrl.startsWith(POSTGRESQL) ? "5s" : "15s")),
        remindDays(s.optional("CANDOR_FOLLOWUP_REMIND_DAYS").orElse("2")),
        duration("CANDOR_STATUS_REMINDER", s.optional("CANDOR_STATUS_REMINDER").orElse("30m")),
        duration("CANDOR_POSTMORTEM_PROMPT_AFTER", s.optional("CANDOR_POSTMORTEM_PROMPT_AFTER").orElse("24h")),
        duration("CANDOR_JOBS_LEASE", s.optional("CANDOR_JOBS_LEASE").orElse("15s")),
        duration("CANDOR_FOLLOWUP_LEVELS_AFTER", s.optional("CANDOR_FOLLOWUP_LEVELS_AFTER").orElse("4h")),
        jobsRetention(s.optional("CANDOR_JOBS_RETENTION").orElse("30d")),
        keySource(s, databaseUrl),
        WebhookSettings.read(s.optional("CANDOR_WEBHOOK_URLS"), s.optional("CANDOR_WEBHOOK_SECRET")),
        PagingSettings.read(s.optional("PAGERDUTY_ROUTING_KEY"), s.optional("CANDOR_PAGE_AT"),
            s.optional("PAGERDUTY_SERVICES"), s.optional("PAGERDUTY_EVENTS_URL")),
        CallLink.read(s.optional("CANDOR_CALL_URL")),
        DeclareSettings.read(s.optional("CANDOR_CHANNEL_NAME"), s.optional("CANDOR_CHANNEL_PREFIX"),
            s.optional("CANDOR_SEVERITIES")),
        onOff("CANDOR_CATCHUP_ON_JOIN", s.optional("CANDOR_CATCHUP_ON_JOIN").orElse("on")),
        TrackerSettings.read(s::optional));
  }

  /** Reads only where the evidence key comes from, for the commands that read timelines (export, verify). */
  public static KeySource keySourceFrom(Map<String, String> env) {
    Settings s = new Settings(env);
    return keySource(s, databaseUrl(s.optional("DATABASE_URL").orElse(DEFAULT_DATABASE_URL)));
  }

  private static KeySource keySource(Settings s, String databaseUrl) {
    Optional<String> file = s.optional("CANDOR_KEY_FILE");
    Optional<String> hex = s.optional("CANDOR_KEY");
    if (file.isPresent() && hex.isPresent()) {
      throw new ConfigException("CANDOR_KEY_FILE and CANDOR_KEY are both set: the evidence key comes from one of them");
    }
    if (hex.isPresent() && !KEY_HEX.matcher(hex.get()).matches()) {
      throw new ConfigException("CANDOR_KEY must be the evidence key as 64 or more hex characters (make one with "
          + "openssl rand -hex 32); the value given is not");
    }
    if (file.isPresent() && !Files.isRegularFile(Path.of(file.get()))) {
      throw new ConfigException("CANDOR_KEY_FILE must name the evidence key's file; there is none at \"" + file.get()
          + "\" (make one with: openssl rand -hex 32 > " + file.get() + ")");
    }
    if (file.isEmpty() && hex.isEmpty() && databaseUrl.startsWith(POSTGRESQL)) {
      throw new ConfigException("CANDOR_KEY_FILE or CANDOR_KEY is required with PostgreSQL: the evidence key is "
          + "never kept in the database, and every replica needs the same one (make one with openssl rand -hex 32)");
    }
    return new KeySource(file.map(Path::of), hex);
  }

  /** Reads only {@code PORT}, for commands that need nothing else (healthcheck). */
  public static int portFrom(Map<String, String> env) {
    return port(new Settings(env).optional("PORT").orElse("3000"));
  }

  /** Reads only {@code DATABASE_URL}, for commands that need nothing else (export, verify). */
  public static String databaseUrlFrom(Map<String, String> env) {
    return databaseUrl(new Settings(env).optional("DATABASE_URL").orElse(DEFAULT_DATABASE_URL));
  }

  /** Reads only {@code CANDOR_KEY_EMOJI}, for commands that need nothing else (replay). */
  public static String keyEmojiFrom(Map<String, String> env) {
    return emoji(new Settings(env).optional("CANDOR_KEY_EMOJI").orElse("pushpin"));
  }

  /** Reads only {@code CANDOR_TIMEZONE}, for commands that need nothing else (replay). */
  public static ZoneId zoneFrom(Map<String, String> env) {
    return zone(new Settings(env).optional("CANDOR_TIMEZONE").orElse("UTC"));
  }

  /** Reads only {@code CANDOR_NUDGE_COOLDOWN}, for commands that need nothing else (replay). */
  public static Duration nudgeCooldownFrom(Map<String, String> env) {
    return duration("CANDOR_NUDGE_COOLDOWN", new Settings(env).optional("CANDOR_NUDGE_COOLDOWN").orElse("10m"));
  }

  /** Reads only {@code CANDOR_NUDGE_RULES}, for commands that need nothing else (replay). */
  public static Optional<Path> nudgeRulesFrom(Map<String, String> env) {
    return readableFile("CANDOR_NUDGE_RULES", new Settings(env).optional("CANDOR_NUDGE_RULES"));
  }

  /** Reads only {@code CANDOR_NUDGE_MODEL}, for commands that need nothing else (check, replay). */
  public static boolean nudgeModelFrom(Map<String, String> env) {
    return onOff("CANDOR_NUDGE_MODEL", new Settings(env).optional("CANDOR_NUDGE_MODEL").orElse("on"));
  }

  private static boolean onOff(String name, String value) {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "on" -> true;
      case "off" -> false;
      default -> throw new ConfigException(name + " must be on or off, not \"" + value + "\"");
    };
  }

  private static String apiUrl(String value) {
    try {
      URI uri = URI.create(value);
      if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
        throw new IllegalArgumentException();
      }
    } catch (IllegalArgumentException e) {
      throw new ConfigException("SLACK_API_URL must be an http(s) URL such as " + DEFAULT_API_URL
          + ", not \"" + value + "\"");
    }
    return value.endsWith("/") ? value : value + "/";
  }

  private static int port(String value) {
    try {
      int port = Integer.parseInt(value);
      if (port < 0 || port > 65_535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new ConfigException("PORT must be a number from 0 to 65535, not \"" + value + "\"");
    }
  }

  private static String databaseUrl(String value) {
    boolean sqlite = value.startsWith(SQLITE) && value.length() > SQLITE.length();
    boolean postgresql = value.startsWith(POSTGRESQL) && value.length() > POSTGRESQL.length();
    if (!sqlite && !postgresql) {
      throw new ConfigException("DATABASE_URL must be a SQLite JDBC URL such as " + DEFAULT_DATABASE_URL
          + " or a PostgreSQL one such as jdbc:postgresql://db.example.com/candor, not \"" + DatabaseUrls.redacted(value) + "\"");
    }
    return value;
  }


  private static Optional<String> channelId(Settings s, String name) {
    Optional<String> value = s.optional(name);
    if (value.isPresent() && !CHANNEL_ID.matcher(value.get()).matches()) {
      throw new ConfigException(name + " must be a channel id such as C0123ABCD (in Slack: channel "
          + "details > About), not \"" + value.get() + "\"");
    }
    return value;
  }

  private static String prefix(String value) {
    if (!PREFIX.matcher(value).matches()) {
      throw new ConfigException("CANDOR_CHANNEL_PREFIX may hold only lowercase letters, digits, - and _ "
          + "(at most 20), not \"" + value + "\"");
    }
    return value;
  }

  private static ZoneId zone(String value) {
    try {
      return ZoneId.of(value);
    } catch (DateTimeException e) {
      throw new ConfigException("CANDOR_TIMEZONE must be a time zone such as UTC or Europe/Berlin, not \""
          + value + "\"");
    }
  }

  private static Duration jobsRetention(String value) {
    Duration d = duration("CANDOR_JOBS_RETENTION", value);
    if (d.compareTo(MIN_JOBS_RETENTION) < 0) {
      throw new ConfigException("CANDOR_JOBS_RETENTION must be at least 7d (a weekly digest's job is read for a "
          + "week), not \"" + value + "\"");
    }
    return d;
  }

  private static int remindDays(String value) {
    try {
      int days = Integer.parseInt(value.trim());
      if (days < 0 || days > 60) {
        throw new NumberFormatException();
      }
      return days;
    } catch (NumberFormatException e) {
      throw new ConfigException("CANDOR_FOLLOWUP_REMIND_DAYS must be a number of days from 0 to 60, not \"" + value + "\"");
    }
  }

  private static Optional<Path> readableFile(String name, Optional<String> value) {
    if (value.isEmpty()) {
      return Optional.empty();
    }
    Path file = Path.of(value.get());
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new ConfigException(name + " must name a readable rules file; \"" + value.get() + "\" is not one");
    }
    return Optional.of(file);
  }

  private static final Pattern EMOJI = Pattern.compile("[a-z0-9_+'-]{1,100}");
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})([smhd])");

  private static String emoji(String value) {
    String name = value.replaceAll("^:|:$", "");
    if (!EMOJI.matcher(name).matches()) {
      throw new ConfigException("CANDOR_KEY_EMOJI must be an emoji name such as pushpin or :star:, not \"" + value + "\"");
    }
    return name;
  }

  /** Reads {@code 90s}, {@code 10m}, {@code 24h}, {@code 7d} or ISO-8601 ({@code PT10M}); must be positive. */
  static Duration duration(String name, String value) {
    Duration d = null;
    var m = SHORT_DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      d = switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    } else {
      try {
        d = Duration.parse(value.trim().toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        d = null;
      }
    }
    if (d == null || d.isNegative() || d.isZero()) {
      throw new ConfigException(name + " must be a positive duration such as 90s, 10m, 24h, 7d or PT10M, not \""
          + value + "\"");
    }
    return d;
  }

  /** Reads variables, treating blank as unset. */
  private record Settings(Map<String, String> env) {
    Optional<String> optional(String name) {
      String v = env.get(name);
      return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    String required(String name, String what) {
      return optional(name).orElseThrow(() -> new ConfigException(name + " is required: " + what));
    }
  }

  @Override
  public String toString() {
    // never print secrets
    return "BotConfig[mode=" + (socketMode() ? "socket" : "http") + ", slackApiUrl=" + slackApiUrl
        + ", port=" + port + ", databaseUrl=" + DatabaseUrls.redacted(databaseUrl) + ", evidenceKey=" + evidenceKey
        + ", incidentsChannel="
        + incidentsChannel.orElse("-") + ", postmortemsChannel=" + postmortemsChannel.orElse("-") + ", channelPrefix=" + channelPrefix + ", timezone=" + timezone
        + ", keyEmoji=" + keyEmoji + ", backfillWindow=" + backfillWindow + ", nudgeCooldown=" + nudgeCooldown
        + ", nudgeRules=" + nudgeRules.map(Object::toString).orElse("built-in") + ", nudgeModel="
        + (nudgeModel ? "on" : "off") + ", jobsPoll=" + jobsPoll
        + ", followUpRemindDays=" + followUpRemindDays + ", statusReminder=" + statusReminder
        + ", postmortemPromptAfter=" + postmortemPromptAfter + ", jobsLease=" + jobsLease
        + ", followUpLevelsAfter=" + followUpLevelsAfter + ", jobsRetention=" + jobsRetention + ", webhooks=" + webhooks
        + ", paging=" + paging + ", callLink=" + callLink + ", " + declare
        + ", catchupOnJoin=" + (catchupOnJoin ? "on" : "off") + ", tracker=" + tracker + "]";
  }
}
