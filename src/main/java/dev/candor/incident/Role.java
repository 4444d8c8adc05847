package dev.candor.incident;

import java.util.Locale;
import java.util.Optional;

/** The roles of an incident response. */
public enum Role {
  COMMANDER,
  COMMS,
  SCRIBE;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Role> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "commander", "ic", "lead" -> Optional.of(COMMANDER);
      case "comms", "communications" -> Optional.of(COMMS);
      case "scribe" -> Optional.of(SCRIBE);
      default -> Optional.empty();
    };
  }
}
