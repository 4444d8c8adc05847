package dev.candor.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code CANDOR_CALL_URL}: the call an incident is run on, a fixed https bridge or a template with {@code {number}}
 * (the incident's number, {@code 42} for INC-42) and {@code {slug}} (its title in lowercase letters, digits and
 * dashes). Checked once at start: https, a host, no other placeholder, nothing Slack would read as markup.
 */
public record CallLink(Optional<String> template) {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");
  private static final Pattern UNSAFE = Pattern.compile("[\\s<>|\"`]");
  private static final int SLUG_MAX = 40;

  public static CallLink none() {
    return new CallLink(Optional.empty());
  }

  /** Reads the setting; a bad one fails with one line naming it. */
  public static CallLink read(Optional<String> value) {
    if (value.isEmpty()) {
      return none();
    }
    String t = value.get();
    Matcher m = PLACEHOLDER.matcher(t);
    while (m.find()) {
      if (!m.group(1).equals("number") && !m.group(1).equals("slug")) {
        throw new ConfigException("CANDOR_CALL_URL may hold only the placeholders {number} and {slug}, not {"
            + m.group(1) + "}");
      }
    }
    String sample = t.replace("{number}", "42").replace("{slug}", "db-down");
    try {
      URI uri = new URI(sample);
      if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || UNSAFE.matcher(sample).find()
          || sample.contains("{") || sample.contains("}")) {
        throw new URISyntaxException(sample, "not an https URL");
      }
    } catch (URISyntaxException e) {
      throw new ConfigException("CANDOR_CALL_URL must be an https URL such as https://meet.example.com/inc-{number}, "
          + "not \"" + t + "\"");
    }
    return new CallLink(Optional.of(t));
  }

  /** The call of incident number {@code number} titled {@code title}, when there is a call. */
  public Optional<String> link(long number, String title) {
    return template.map(t -> t.replace("{number}", String.valueOf(number)).replace("{slug}", slug(title)));
  }

  static String slug(String title) {
    String s = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (s.length() > SLUG_MAX) {
      s = s.substring(0, SLUG_MAX).replaceAll("-+$", "");
    }
    return s.isEmpty() ? "incident" : s;
  }

  @Override
  public String toString() {
    return template.orElse("-");
  }
}
