package dev.candor.incident;

import java.util.Locale;
import java.util.Optional;

/** Where an incident stands. The first three are the working states a responder sets. */
public enum IncidentState {
  INVESTIGATING,
  IDENTIFIED,
  MONITORING,
  RESOLVED,
  CLOSED,
  CANCELLED;

  /** Open means someone is still working on it. */
  public boolean isOpen() {
    return this == INVESTIGATING || this == IDENTIFIED || this == MONITORING;
  }

  /** The state as a word in a sentence: {@code investigating}. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String label() {
    String n = name().toLowerCase(Locale.ROOT);
    return Character.toUpperCase(n.charAt(0)) + n.substring(1);
  }

  /** Reads one of the working states a responder may set with {@code status}. */
  public static Optional<IncidentState> parseWorking(String text) {
    if (text == null) {
      return Optional.empty();
    }
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "investigating" -> Optional.of(INVESTIGATING);
      case "identified" -> Optional.of(IDENTIFIED);
      case "monitoring" -> Optional.of(MONITORING);
      default -> Optional.empty();
    };
  }
}
