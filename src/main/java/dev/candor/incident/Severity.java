package dev.candor.incident;

import java.util.Locale;
import java.util.Optional;

/**
 * How bad an incident is: SEV1 is the worst. These are Candor's codes, for machines and the stored record; what people
 * read is the team's name for each ({@link SeverityScale}).
 */
public enum Severity {
  SEV1,
  SEV2,
  SEV3,
  SEV4;

  /** The code, as machine fields carry it ({@code SEV2}). */
  public String label() {
    return name();
  }

  /** Reads {@code sev2}, {@code SEV2} or {@code 2}. */
  public static Optional<Severity> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.startsWith("sev")) {
      t = t.substring(3);
      t = t.startsWith("-") ? t.substring(1) : t;
    }
    return switch (t) {
      case "1" -> Optional.of(SEV1);
      case "2" -> Optional.of(SEV2);
      case "3" -> Optional.of(SEV3);
      case "4" -> Optional.of(SEV4);
      default -> Optional.empty();
    };
  }
}
