package dev.candor.incident;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A team's names for Candor's severities: for each, what the team calls it, one line on what it means and the words
 * people use for it ("critical", "high"). The one place a severity's label for people is made.
 */
public final class SeverityScale {
  /** Slack's limit for an option's text and description in a select menu. */
  public static final int MAX_DESCRIPTION = 75;
  public static final int MAX_NAME = 20;
  public static final int MAX_WORD = 20;

  /** One severity as a team sees it; {@code words} are lowercase. */
  public record Level(Severity severity, String name, String description, List<String> words) {
    public Level {
      words = words.stream().map(w -> w.strip().toLowerCase(Locale.ROOT)).toList();
    }
  }

  private static final SeverityScale DEFAULTS = new SeverityScale(List.of(
      new Level(Severity.SEV1, "SEV1", "Customers can't use a core feature, or data is at risk",
          List.of("critical")),
      new Level(Severity.SEV2, "SEV2", "A core feature is badly degraded for many customers",
          List.of("major", "high")),
      new Level(Severity.SEV3, "SEV3", "Some customers see a problem, and there is a workaround",
          List.of("minor", "medium")),
      new Level(Severity.SEV4, "SEV4", "Little or no customer impact yet", List.of("low"))));

  private final Map<Severity, Level> levels = new EnumMap<>(Severity.class);
  /** Each word and name, lowercase with spaces, dashes and underscores taken out, to its severity. */
  private final Map<String, Severity> byWord = new HashMap<>();

  private SeverityScale(List<Level> levels) {
    for (Level level : levels) {
      this.levels.put(level.severity(), level);
      byWord.put(key(level.name()), level.severity());
      level.words().forEach(w -> byWord.put(key(w), level.severity()));
    }
  }

  /** Candor's own names: SEV1 (critical) to SEV4 (low). */
  public static SeverityScale defaults() {
    return DEFAULTS;
  }

  /**
   * A team's scale, one level for each severity; throws {@link IllegalArgumentException} naming the first problem: a
   * severity missing, a blank or over-long name or description, or a word or name that two severities share.
   */
  public static SeverityScale of(List<Level> levels) {
    Map<Severity, Level> seen = new EnumMap<>(Severity.class);
    Map<String, Severity> words = new HashMap<>();
    for (Level level : levels) {
      String sev = level.severity().name();
      if (seen.put(level.severity(), level) != null) {
        throw new IllegalArgumentException(sev + " is given twice");
      }
      check(sev + "'s name", level.name(), MAX_NAME);
      check(sev + "'s description", level.description(), MAX_DESCRIPTION);
      List<String> all = new ArrayList<>(level.words());
      all.add(level.name());
      for (String word : all) {
        check(sev + "'s word \"" + word + "\"", word, MAX_WORD);
        Severity other = words.put(key(word), level.severity());
        if (other != null && other != level.severity()) {
          throw new IllegalArgumentException("\"" + word + "\" is a word for both " + other + " and " + sev);
        }
      }
    }
    for (Severity s : Severity.values()) {
      if (!seen.containsKey(s)) {
        throw new IllegalArgumentException(s + " is missing: give a name, a description and words for each of "
            + "SEV1, SEV2, SEV3 and SEV4");
      }
    }
    return new SeverityScale(levels);
  }

  private static void check(String what, String value, int max) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " is empty");
    }
    if (value.strip().length() > max || value.contains("\n")) {
      throw new IllegalArgumentException(what + " must be one line of at most " + max + " characters");
    }
  }

  static String key(String word) {
    return word.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_-]+", "");
  }

  public Level level(Severity severity) {
    return levels.get(severity);
  }

  /**
   * How messages name {@code severity}: the team's name, with its first word when that says more ({@code SEV2
   * (major)}, or {@code P1} for a team that calls SEV1 "P1" and gives no words).
   */
  public String label(Severity severity) {
    Level level = levels.get(severity);
    String first = level.words().isEmpty() ? null : level.words().get(0);
    return first == null || key(first).equals(key(level.name())) ? level.name() : level.name() + " (" + first + ")";
  }

  /** The word that says what {@code severity} means: its first word, or the team's name when it has none. */
  public String meaning(Severity severity) {
    Level level = levels.get(severity);
    return level.words().isEmpty() || !level.name().equals(severity.name()) ? level.name() : level.words().get(0);
  }

  /** What {@code severity} means to the team, in one line within Slack's 75 characters (the declare form's). */
  public String description(Severity severity) {
    return levels.get(severity).description();
  }

  /** The severity a team's word or name stands for ("critical", "P1", "sev-2"), ignoring case, spaces and dashes. */
  public Optional<Severity> byWord(String word) {
    return Optional.ofNullable(byWord.get(key(word)));
  }

  /** Every level, SEV1 first. */
  public List<Level> levels() {
    return List.copyOf(levels.values());
  }
}
