package dev.candor.nudge;

/**
 * One match of a rule: which rule, how sure, the words matched (and where, in the message as written),
 * a blameless way to say it and one line on why. {@code rewrite} is empty for self-blame.
 */
public record Finding(
    String ruleId, Category category, Rule.Sureness sureness, int start, int end, String match, String rewrite,
    String reason) {

  /** Only high-sureness findings reach a person; the others are counted per rule and never shown. */
  public boolean shown() {
    return sureness == Rule.Sureness.HIGH;
  }
}
