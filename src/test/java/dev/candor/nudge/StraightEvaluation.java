package dev.candor.nudge;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules evaluated the plain way, as their data says, with none of the detector's shortcuts: every rule (high
 * and medium), in file order; its keywords looked up among the prose's words; each pattern tried with
 * {@code find()} over the whole prose; each exception too; a pile-on rule only when the quoted lines hold
 * self-blame. What the fast path must give, finding for finding.
 */
final class StraightEvaluation {
  private final List<Rule> rules;
  private final List<Rule> selfBlame;

  StraightEvaluation(RuleSet rules) {
    this.rules = rules.rules().stream().filter(r -> r.sureness() != Rule.Sureness.LOW).toList();
    this.selfBlame = this.rules.stream()
        .filter(r -> r.category().isSelfBlame() && r.sureness() == Rule.Sureness.HIGH).toList();
  }

  List<Finding> findings(String message) {
    List<Finding> out = new ArrayList<>();
    if (message == null || message.isBlank()) {
      return out;
    }
    Prose prose = Prose.of(message);
    if (prose.isBlank()) {
      return out;
    }
    Set<String> words = words(prose.text);
    for (Rule rule : rules) {
      if (!rule.keywords().isEmpty() && rule.keywords().stream().noneMatch(k -> words.contains(k.replace('’', '\'')))) {
        continue;
      }
      if (rule.afterQuotedSelfBlame() && (prose.quoted.isBlank() || !holdsSelfBlame(Prose.of(prose.quoted).text))) {
        continue;
      }
      Matcher hit = null;
      for (Pattern p : rule.patterns()) {
        Matcher m = p.matcher(prose.text);
        if (m.find()) {
          hit = m;
          break;
        }
      }
      if (hit != null && !anyFinds(rule.unless(), prose.text)) {
        String match = message.substring(hit.start(), hit.end()).strip();
        out.add(new Finding(rule.id(), rule.category(), rule.sureness(), hit.start(), hit.end(), match,
            rule.suggest().replace("{match}", match), rule.note()));
      }
    }
    return out;
  }

  private boolean holdsSelfBlame(String text) {
    return selfBlame.stream().anyMatch(r -> !anyFinds(r.unless(), text) && anyFinds(r.patterns(), text));
  }

  private static boolean anyFinds(List<Pattern> patterns, String text) {
    return patterns.stream().anyMatch(p -> p.matcher(text).find());
  }

  /**
   * The words of a text: runs of letters, digits, {@code _} and apostrophes ({@code ’} read as {@code '}), each
   * char lowercased, without the quote marks at either end.
   */
  static Set<String> words(String text) {
    Set<String> words = new HashSet<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i <= text.length(); i++) {
      char c = i < text.length() ? text.charAt(i) : ' ';
      if (Character.isLetterOrDigit(c) || c == '_' || c == '\'' || c == '’') {
        word.append(c == '’' ? '\'' : Character.toLowerCase(c));
      } else if (word.length() > 0) {
        int lo = 0;
        int hi = word.length();
        while (lo < hi && word.charAt(lo) == '\'') {
          lo++;
        }
        while (hi > lo && word.charAt(hi - 1) == '\'') {
          hi--;
        }
        if (hi > lo) {
          words.add(word.substring(lo, hi));
        }
        word.setLength(0);
      }
    }
    return words;
  }
}
