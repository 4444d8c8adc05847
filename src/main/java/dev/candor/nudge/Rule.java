package dev.candor.nudge;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One rule, as data: patterns that catch a phrase, exceptions checked first, a rewrite and a reason.
 *
 * @param patterns any one matching (in the message's prose) makes a finding
 * @param unless any one matching anywhere in the prose means the rule does not apply
 * @param afterQuotedSelfBlame the rule applies only to a reply quoting someone's self-blame (a pile-on)
 * @param keywords lowercase words of which at least one must be in the message for the rule to be tried
 *     (a fast filter; empty means always try)
 */
public record Rule(
    String id,
    Category category,
    Sureness sureness,
    List<Pattern> patterns,
    List<Pattern> unless,
    String suggest,
    String note,
    boolean afterQuotedSelfBlame,
    Set<String> keywords) {

  /** How often the phrase really is blame in incident chat: high nudges, medium is only counted, low is off. */
  public enum Sureness {
    HIGH,
    MEDIUM,
    LOW
  }

  public Rule {
    patterns = List.copyOf(patterns);
    unless = List.copyOf(unless);
    keywords = Set.copyOf(keywords);
  }
}
