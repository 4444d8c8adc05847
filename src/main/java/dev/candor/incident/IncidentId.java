package dev.candor.incident;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The short human id of an incident, shown as {@code INC-42}. */
public record IncidentId(long value) {
  private static final Pattern FORM = Pattern.compile("(?i)(?:INC-)?(\\d{1,18})");

  public IncidentId {
    if (value <= 0) {
      throw new IllegalArgumentException("incident id must be positive: " + value);
    }
  }

  /** Reads {@code INC-42} or {@code 42}; empty when the text is neither. */
  public static Optional<IncidentId> parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    long value = Long.parseLong(m.group(1));
    return value > 0 ? Optional.of(new IncidentId(value)) : Optional.empty();
  }

  @Override
  public String toString() {
    return "INC-" + value;
  }
}
