package dev.candor.incident;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a typed title says about severity, read and never silently replaced. A code ({@code P0}-{@code P4},
 * {@code sev1}, {@code sev-1}, {@code SEV 2}, or a team's name for a severity) counts at either end of the title; a
 * team's word ({@code critical}, {@code high}) counts only when set apart at an end ({@code db down - critical},
 * {@code (high)}, {@code critical: db down}); a plain last word ({@code checkout latency high}) is a question for the
 * person. Anywhere else, the words stay part of the title. P0 and P1 are both the worst severity, SEV1.
 */
public final class SeverityReading {
  /** What the title said. */
  public sealed interface Reading {}

  /** No severity in it: the title as typed. */
  public record Plain(String title) implements Reading {}

  /** {@code typed} at an end of the title is {@code severity}; {@code title} is the rest. */
  public record Read(String title, Severity severity, String typed) implements Reading {}

  /**
   * The last word, {@code word}, may be {@code severity} or part of the title: {@code title} is the whole, {@code
   * without} the title without it.
   */
  public record Ask(String title, String without, Severity severity, String word) implements Reading {}

  /** {@code typed} at an end looks like a severity code but is none ({@code sev9}, {@code p7}, {@code sevx}). */
  public record NotASeverity(String title, String typed) implements Reading {}

  private static final String CODE = "(?:sev[\\s_-]?(?:\\d{1,2}|[a-z])|p[\\s-]?\\d{1,2})";
  private static final Pattern CODE_ONLY = Pattern.compile("(?i)" + CODE);
  private static final String WORD = "[\\p{L}\\p{Nd}][\\p{L}\\p{Nd}_-]*";
  private static final String SEPARATOR = "(?:\\s+[-–—|:,/]+|[:,|]+)";
  private static final Pattern TRAIL_BRACKET = Pattern.compile("(?i)^(.*?)\\s*[(\\[]\\s*(" + CODE + "|" + WORD
      + ")\\s*[)\\]]$");
  private static final Pattern TRAIL_SEPARATED = Pattern.compile("(?i)^(.*?)" + SEPARATOR + "\\s*(" + CODE + "|"
      + WORD + ")$");
  private static final Pattern TRAIL_PLAIN = Pattern.compile("(?i)^(.*?\\S)\\s+(" + CODE + "|" + WORD + ")$");
  private static final Pattern LEAD_BRACKET = Pattern.compile("(?i)^[(\\[]\\s*(" + CODE + "|" + WORD
      + ")\\s*[)\\]]\\s*(.*)$");
  private static final Pattern LEAD_SEPARATED = Pattern.compile("(?i)^(" + CODE + "|" + WORD + ")\\s*(?:[-–—|:,]+)"
      + "\\s+(.*)$");
  private static final Pattern LEAD_PLAIN = Pattern.compile("(?i)^(" + CODE + ")\\s+(.*)$");

  private final SeverityScale scale;

  public SeverityReading(SeverityScale scale) {
    this.scale = scale;
  }

  public Reading read(String typed) {
    String title = typed.strip().replaceAll("\\s+", " ");
    if (CODE_ONLY.matcher(title).matches()) {
      return code("", title).orElseThrow();
    }
    for (Pattern p : new Pattern[] {TRAIL_BRACKET, TRAIL_SEPARATED}) {
      Matcher m = p.matcher(title);
      if (m.matches()) {
        Optional<Reading> r = setApart(m.group(1), m.group(2));
        if (r.isPresent()) {
          return r.get();
        }
      }
    }
    for (Pattern p : new Pattern[] {LEAD_BRACKET, LEAD_SEPARATED}) {
      Matcher m = p.matcher(title);
      if (m.matches()) {
        Optional<Reading> r = setApart(m.group(2), m.group(1));
        if (r.isPresent()) {
          return r.get();
        }
      }
    }
    Matcher trailing = TRAIL_PLAIN.matcher(title);
    if (trailing.matches()) {
      String word = trailing.group(2);
      String rest = trailing.group(1).strip();
      Optional<Reading> code = code(rest, word);
      if (code.isPresent()) {
        return code.get();
      }
      Optional<Severity> s = scale.byWord(word);
      if (s.isPresent()) {
        return new Ask(title, rest, s.get(), word);
      }
    }
    Matcher leading = LEAD_PLAIN.matcher(title);
    if (leading.matches()) {
      Optional<Reading> code = code(leading.group(2).strip(), leading.group(1));
      if (code.isPresent()) {
        return code.get();
      }
    }
    return new Plain(title);
  }

  /** {@code typed}, set apart from {@code rest}: a code or a team's word is read; anything else is no severity. */
  private Optional<Reading> setApart(String rest, String typed) {
    Optional<Reading> code = code(rest.strip(), typed);
    if (code.isPresent()) {
      return code;
    }
    return scale.byWord(typed).map(s -> new Read(rest.strip(), s, typed));
  }

  /**
   * {@code typed} as a code: what the team means by it first (a team that calls SEV2 "P1"), then Candor's sev and P
   * codes.
   */
  private Optional<Reading> code(String rest, String typed) {
    if (!CODE_ONLY.matcher(typed).matches()) {
      return Optional.empty();
    }
    Optional<Severity> named = scale.byWord(typed);
    if (named.isPresent()) {
      return Optional.of(new Read(rest, named.get(), typed));
    }
    String plain = typed.toLowerCase(Locale.ROOT).replaceAll("[\\s_-]", "");
    Optional<Severity> s = plain.startsWith("sev")
        ? Severity.parse(plain)
        : Severity.parse(String.valueOf(Math.max(1, Integer.parseInt(plain.substring(1)))));
    return Optional.of(s.<Reading>map(sev -> new Read(rest, sev, typed)).orElse(new NotASeverity(rest, typed)));
  }
}
