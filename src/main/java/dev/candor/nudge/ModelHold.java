package dev.candor.nudge;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where the words say plainly what a message is not, the learned model is held back from reading it as {@code
 * categories}: a line of the rules file, {@code {"hold_back_model": ["blame"], "patterns": ["{BLAMELESS}"], "note":
 * …}}. The model reads a message as a whole and can miss its stance ("no blame on the contractor, our doc had the
 * wrong endpoint" has a person and a mistake in it); the rules name the stances of blame-language.md, section 6, so
 * the rules the team can read and change decide where the model stays silent.
 *
 * @param categories the findings held back ("blame" in the file is all seven blame categories)
 * @param patterns any one matching in the message's prose holds them back
 */
public record ModelHold(Set<Category> categories, List<Pattern> patterns, String note) {
  public ModelHold {
    categories = Set.copyOf(categories);
    patterns = List.copyOf(patterns);
  }

  /** Whether this hold applies to {@code prose}. */
  boolean holds(String prose) {
    for (Pattern p : patterns) {
      if (p.matcher(prose).find()) {
        return true;
      }
    }
    return false;
  }
}
