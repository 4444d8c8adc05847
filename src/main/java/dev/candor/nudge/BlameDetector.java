package dev.candor.nudge;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Text in, findings out. Pure: no Slack, no storage, no clock. */
public final class BlameDetector {
  private final List<Rule> rules;
  private final List<Rule> selfBlameRules;
  /** For each keyword, the indexes (in {@link #rules}) of the rules it lets through, tried near that word. */
  private final java.util.Map<String, int[]> rulesByKeyword = new java.util.HashMap<>();
  /** Rules without keywords: always tried. */
  private final java.util.BitSet alwaysTried = new java.util.BitSet();

  public BlameDetector(RuleSet rules) {
    this.rules = rules.rules().stream().filter(r -> r.sureness() != Rule.Sureness.LOW).toList();
    this.selfBlameRules = this.rules.stream()
        .filter(r -> r.category().isSelfBlame() && r.sureness() == Rule.Sureness.HIGH).toList();
    java.util.Map<String, List<Integer>> index = new java.util.HashMap<>();
    for (int i = 0; i < this.rules.size(); i++) {
      if (this.rules.get(i).keywords().isEmpty()) {
        alwaysTried.set(i);
      }
      for (String k : this.rules.get(i).keywords()) {
        index.computeIfAbsent(k, x -> new ArrayList<>()).add(i);
      }
    }
    index.forEach((k, v) -> rulesByKeyword.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
  }

  /** Every finding in {@code message}, high and medium sureness, in the order of the rules. */
  public List<Finding> findings(String message) {
    return scan(message, Mode.ALL);
  }

  /**
   * What a live message needs, and no more: the finding its author would be shown (self-blame first, then
   * the first blame), and the medium findings, which are only counted. The same outcome as
   * {@link #findings} followed by {@link #shown}, without trying every high rule.
   */
  public Judgement judge(String message) {
    List<Finding> shown = scan(message, Mode.VERDICT);
    return new Judgement(shown.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(shown.get(0)),
        scan(message, Mode.MEDIUM));
  }

  /** The finding to show, if any, and the medium findings to count. */
  public record Judgement(java.util.Optional<Finding> shown, List<Finding> counted) {}

  private enum Mode {
    ALL,
    VERDICT,
    MEDIUM
  }

  /**
   * The rules' findings in {@code message}. With {@code verdictOnly}, only what the verdict needs: the high
   * self-blame rules first, then the other high rules until one matches (the same verdict, less work).
   */
  private List<Finding> scan(String message, Mode mode) {
    boolean verdictOnly = mode == Mode.VERDICT;
    if (message == null || message.isBlank()) {
      return List.of();
    }
    Prose prose = Prose.of(message);
    List<Finding> found = new ArrayList<>();
    if (prose.isBlank()) {
      return found;
    }
    Boolean quotesSelfBlame = null;
    int[][] near = keywordsNear(prose.text);
    java.util.Map<String, Boolean> vetoes = new java.util.HashMap<>();
    for (int pass = verdictOnly ? 0 : 1; pass < 2; pass++) {
      for (int i = 0; i < rules.size(); i++) {
        Rule rule = rules.get(i);
        if (verdictOnly && (rule.sureness() != Rule.Sureness.HIGH
            || rule.category().isSelfBlame() != (pass == 0))) {
          continue;
        }
        if (mode == Mode.MEDIUM && rule.sureness() != Rule.Sureness.MEDIUM) {
          continue;
        }
        if (near[i] == null && !alwaysTried.get(i)) {
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
        Matcher m = firstMatch(rule, prose.text, near[i]);
        // The exceptions veto the rule; they are checked only once a pattern matched (same outcome, less work),
        // and each distinct exception once per message (many rules share one, such as blameless framing).
        if (m != null && !vetoed(rule, prose.text, vetoes)) {
          String match = message.substring(m.start(), m.end()).strip();
          found.add(new Finding(rule.id(), rule.category(), rule.sureness(), m.start(), m.end(), match,
              rule.suggest().replace("{match}", match), rule.note()));
          if (verdictOnly) {
            return found;
          }
        }
      }
    }
    return found;
  }

  private static boolean vetoed(Rule rule, String text, java.util.Map<String, Boolean> vetoes) {
    for (Pattern p : rule.unless()) {
      Boolean hit = vetoes.get(p.pattern());
      if (hit == null) {
        hit = p.matcher(text).find();
        vetoes.put(p.pattern(), hit);
      }
      if (hit) {
        return true;
      }
    }
    return false;
  }

  /** What the message comes to, from its high-sureness findings: self-blame first, then blame. */
  public Verdict verdict(String message) {
    return verdict(scan(message, Mode.VERDICT));
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

  /**
   * How far before one of its keywords a rule's match may start, in characters. A pattern is meant to match a
   * phrase that holds one of its rule's keywords ("jen nuked the cluster" for the keyword "nuked"); it is tried
   * only at the word starts up to this far before each keyword, never across the whole message: that keeps a
   * rule's cost to the few places it could match. Lookarounds still see the whole message.
   */
  static final int BEFORE = 60;

  /** The first match of one of the rule's patterns: starting near its keywords ({@code near}), or anywhere if it has none. */
  private static Matcher firstMatch(Rule rule, String text, int[] near) {
    for (Pattern p : rule.patterns()) {
      Matcher m = p.matcher(text);
      if (near == null) {
        if (m.find()) {
          return m;
        }
        continue;
      }
      m.useTransparentBounds(true).useAnchoringBounds(false);
      int tried = -1;
      for (int k = 0; k < near.length && near[k] >= 0; k++) {
        int keyword = near[k];
        for (int start = Math.max(tried + 1, keyword - BEFORE); start <= keyword; start++) {
          if (start > 0 && start < text.length() && Character.isLetterOrDigit(text.charAt(start))
              && Character.isLetterOrDigit(text.charAt(start - 1))) {
            continue; // inside a word
          }
          if (m.region(start, text.length()).lookingAt()) {
            return m;
          }
        }
        tried = Math.max(tried, keyword);
      }
    }
    return null;
  }

  /**
   * For each rule with one of its keywords among the words of {@code text}, where those words start (ascending,
   * ended by -1 or the array's end); null for the other rules.
   */
  private int[][] keywordsNear(String text) {
    int[][] near = new int[rules.size()][];
    char[] buf = new char[32];
    int start = -1;
    int n = 0;
    for (int i = 0; i <= text.length(); i++) {
      char c = i < text.length() ? text.charAt(i) : ' ';
      if (Character.isLetterOrDigit(c) || c == '_' || c == '\'' || c == '’') {
        if (start < 0) {
          start = i;
          n = 0;
        }
        if (n < buf.length) {
          buf[n] = c == '’' ? '\'' : Character.toLowerCase(c);
        }
        n++;
      } else if (start >= 0) {
        // Quote marks around a word are not part of it: 'human error' has the word human.
        int lo = 0;
        int hi = Math.min(n, buf.length);
        while (lo < hi && buf[lo] == '\'') {
          lo++;
        }
        while (hi > lo && buf[hi - 1] == '\'') {
          hi--;
        }
        int[] hit = n <= buf.length && hi > lo ? rulesByKeyword.get(new String(buf, lo, hi - lo)) : null;
        if (hit != null) {
          for (int r : hit) {
            near[r] = add(near[r], start + lo);
          }
        }
        start = -1;
      }
    }
    return near;
  }

  private static int[] add(int[] positions, int position) {
    if (positions == null) {
      int[] p = new int[4];
      java.util.Arrays.fill(p, -1);
      p[0] = position;
      return p;
    }
    int last = 0;
    while (last + 1 < positions.length && positions[last + 1] >= 0) {
      last++;
    }
    if (last + 1 >= positions.length) {
      positions = java.util.Arrays.copyOf(positions, positions.length * 2);
      java.util.Arrays.fill(positions, last + 1, positions.length, -1);
    }
    positions[last + 1] = position;
    return positions;
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
