package dev.candor.nudge;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Text in, findings out. Pure: no Slack, no storage, no clock. */
public final class BlameDetector {
  private final List<Rule> rules;
  private final List<Rule> selfBlameRules;

  public BlameDetector(RuleSet rules) {
    this.rules = rules.rules().stream().filter(r -> r.sureness() != Rule.Sureness.LOW).toList();
    this.selfBlameRules = this.rules.stream()
        .filter(r -> r.category().isSelfBlame() && r.sureness() == Rule.Sureness.HIGH).toList();
  }

  /** Every finding in {@code message}, high and medium sureness, in the order of the rules. */
  public List<Finding> findings(String message) {
    if (message == null || message.isBlank()) {
      return List.of();
    }
    Prose prose = Prose.of(message);
    List<Finding> found = new ArrayList<>();
    if (prose.isBlank()) {
      return found;
    }
    Boolean quotesSelfBlame = null;
    java.util.Set<String> words = words(prose.text);
    for (Rule rule : rules) {
      if (!rule.keywords().isEmpty() && java.util.Collections.disjoint(rule.keywords(), words)) {
        continue;
      }
      if (rule.afterQuotedSelfBlame()) {
        if (quotesSelfBlame == null) {
          quotesSelfBlame = !prose.quoted.isBlank() && matchesAny(selfBlameRules, Prose.of(prose.quoted).text);
        }
        if (!quotesSelfBlame) {
          continue;
        }
      }
      if (anyFind(rule.unless(), prose.text)) {
        continue;
      }
      for (Pattern p : rule.patterns()) {
        Matcher m = p.matcher(prose.text);
        if (m.find()) {
          String match = message.substring(m.start(), m.end()).strip();
          found.add(new Finding(rule.id(), rule.category(), rule.sureness(), m.start(), m.end(), match,
              rule.suggest().replace("{match}", match), rule.note()));
          break;
        }
      }
    }
    return found;
  }

  /** What the message comes to, from its high-sureness findings: self-blame first, then blame. */
  public Verdict verdict(String message) {
    return verdict(findings(message));
  }

  public static Verdict verdict(List<Finding> findings) {
    boolean blame = false;
    for (Finding f : findings) {
      if (!f.shown()) {
        continue;
      }
      if (f.category().isSelfBlame()) {
        return Verdict.SELF_BLAME;
      }
      blame = true;
    }
    return blame ? Verdict.BLAME : Verdict.NONE;
  }

  /** The finding a person would be shown, if any: self-blame first, then the first blame. */
  public static java.util.Optional<Finding> shown(List<Finding> findings) {
    return findings.stream().filter(Finding::shown).filter(f -> f.category().isSelfBlame()).findFirst()
        .or(() -> findings.stream().filter(Finding::shown).findFirst());
  }

  /** The message's words, lowercased ({@code don't} stays one word). */
  static java.util.Set<String> words(String text) {
    java.util.Set<String> words = new java.util.HashSet<>();
    int start = -1;
    for (int i = 0; i <= text.length(); i++) {
      char c = i < text.length() ? text.charAt(i) : ' ';
      boolean part = Character.isLetterOrDigit(c) || c == '_' || c == '\'' || c == '’';
      if (part && start < 0) {
        start = i;
      } else if (!part && start >= 0) {
        words.add(text.substring(start, i).toLowerCase(java.util.Locale.ROOT).replace('’', '\''));
        start = -1;
      }
    }
    return words;
  }

  private static boolean matchesAny(List<Rule> rules, String text) {
    for (Rule r : rules) {
      if (!anyFind(r.unless(), text) && anyFind(r.patterns(), text)) {
        return true;
      }
    }
    return false;
  }

  private static boolean anyFind(List<Pattern> patterns, String text) {
    for (Pattern p : patterns) {
      if (p.matcher(text).find()) {
        return true;
      }
    }
    return false;
  }
}
