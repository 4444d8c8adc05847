package dev.candor.nudge;

import java.util.OptionalDouble;

/**
 * One match of a rule: which rule, how sure, the words matched (and where, in the message as written),
 * a blameless way to say it and one line on why. {@code rewrite} is empty for self-blame.
 *
 * <p>A finding of the learned model ({@link #fromModel()}) has the rule id {@code model-<category>}, quotes no
 * words ({@code match} is empty: it read the message as a whole) and carries its probability.
 */
public record Finding(
    String ruleId, Category category, Rule.Sureness sureness, int start, int end, String match, String rewrite,
    String reason, OptionalDouble probability) {

  /** The rule id prefix of the model's findings. */
  public static final String MODEL = "model";

  /** A rule's finding. */
  public Finding(String ruleId, Category category, Rule.Sureness sureness, int start, int end, String match,
      String rewrite, String reason) {
    this(ruleId, category, sureness, start, end, match, rewrite, reason, OptionalDouble.empty());
  }

  /** The learned model's finding: the category's blameless wording, no phrase, and how sure the model was. */
  static Finding ofModel(Category category, double probability) {
    return new Finding(MODEL + "-" + category.id().replace('_', '-'), category, Rule.Sureness.HIGH, 0, 0, "",
        category.isSelfBlame() ? "" : ModelWording.rewrite(category), ModelWording.reason(category),
        OptionalDouble.of(probability));
  }

  /** This finding at medium sureness: counted, never shown. */
  Finding asMedium() {
    return new Finding(ruleId, category, Rule.Sureness.MEDIUM, start, end, match, rewrite, reason, probability);
  }

  /** Whether {@code ruleId} is the learned model's (one of its categories, {@code model-culprit-hunt}), not a rule's. */
  public static boolean isModel(String ruleId) {
    return ruleId.startsWith(MODEL + "-");
  }

  /** Only high-sureness findings reach a person; the others are counted per rule and never shown. */
  public boolean shown() {
    return sureness == Rule.Sureness.HIGH;
  }

  /** Whether the learned model spoke, rather than a rule. */
  public boolean fromModel() {
    return probability.isPresent();
  }
}
