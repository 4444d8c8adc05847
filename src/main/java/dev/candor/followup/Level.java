package dev.candor.followup;

import java.util.Locale;
import java.util.Optional;

/** Where a follow-up's learning lands: above the code as well as in it. */
public enum Level {
  ORGANIZATION,
  CULTURE,
  PROCESS,
  ENGINEERING,
  SOFTWARE;

  /** The tag a person types: {@code #process}. */
  public String tag() {
    return "#" + name().toLowerCase(Locale.ROOT);
  }

  public String label() {
    return this == ENGINEERING ? "engineering practice" : name().toLowerCase(Locale.ROOT);
  }

  /** Reads {@code #organization}, {@code #culture}, {@code #process}, {@code #engineering}, {@code #software}. */
  public static Optional<Level> parseTag(String tag) {
    for (Level l : values()) {
      if (l.tag().equalsIgnoreCase(tag)) {
        return Optional.of(l);
      }
    }
    return Optional.empty();
  }
}
