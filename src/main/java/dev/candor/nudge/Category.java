package dev.candor.nudge;

import java.util.Locale;
import java.util.Optional;

/** The kinds of blame in incident chat (blame-language.md, section 3). */
public enum Category {
  PERSON_AS_CAUSE,
  CULPRIT_HUNT,
  COUNTERFACTUAL,
  CHARACTER_JUDGMENT,
  HUMAN_ERROR_CAUSE,
  BLAME_SHIFTING,
  SARCASM_PILEON,
  /** The author blames themselves: met with support, never a rewrite. */
  SELF_BLAME;

  /** The id used in rules files and reports: {@code person_as_cause}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean isSelfBlame() {
    return this == SELF_BLAME;
  }

  public static Optional<Category> parse(String id) {
    for (Category c : values()) {
      if (c.id().equals(id)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
