package dev.candor.nudge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules made ready to be tried fast: each distinct pattern once, with the anchors every match of it holds
 * ({@link RegexAnchors}), and one automaton ({@link LiteralScanner}) over all anchor literals and all keywords, so
 * that one pass over a message tells which rules may apply and where each pattern can start
 * ({@link MessageScan}). Immutable; shared by all threads.
 */
final class RuleIndex {
  final List<Rule> rules;
  /** For each rule, the ids of its patterns and of its exceptions, in {@link #patterns}. */
  final int[][] patternIds;
  final int[][] unlessIds;
  /** Each distinct pattern (by expression and flags) once. */
  final Pattern[] patterns;
  /**
   * For each pattern, its anchors (every match holds one); null for a pattern without anchors, which is tried at
   * every position, as {@code find()} does.
   */
  final Anchor[][] anchors;
  /** For each pattern, whether every match starts where {@code \b} holds. */
  final boolean[] wordStart;
  /**
   * For each pattern, sets of literals (in the scanner) of which a text must hold one of each for the pattern to
   * match it ({@link RegexAnchors#requirements}); none for a pattern nothing is known of.
   */
  final int[][][] required;
  /** For each rule, its keywords as pairs (literal, keyword); null for a rule without keywords (always tried). */
  final int[][] ruleKeywords;
  /** Keywords, lowercase with {@code '} for apostrophes. */
  final String[] keywords;

  final LiteralScanner scanner;
  /** Each thread's matchers, one per pattern, made once and reset for each text (a matcher is not cheap to make). */
  private final ThreadLocal<Matcher[]> matchers;

  RuleIndex(List<Rule> rules) {
    this.rules = List.copyOf(rules);
    Map<String, Integer> ids = new HashMap<>();
    List<Pattern> distinct = new ArrayList<>();
    this.patternIds = new int[rules.size()][];
    this.unlessIds = new int[rules.size()][];
    for (int r = 0; r < rules.size(); r++) {
      patternIds[r] = idsOf(rules.get(r).patterns(), ids, distinct);
      unlessIds[r] = idsOf(rules.get(r).unless(), ids, distinct);
    }
    this.patterns = distinct.toArray(new Pattern[0]);
    this.anchors = new Anchor[patterns.length][];
    this.wordStart = new boolean[patterns.length];
    this.required = new int[patterns.length][][];

    Literals literals = new Literals();
    for (int p = 0; p < patterns.length; p++) {
      required[p] = RegexAnchors.requirements(patterns[p]).stream()
          .map(set -> set.stream().mapToInt(literals::id).toArray())
          .toArray(int[][]::new);
      Optional<RegexAnchors.Anchoring> anchoring = RegexAnchors.of(patterns[p]);
      if (anchoring.isEmpty()) {
        continue;
      }
      wordStart[p] = anchoring.get().wordStart();
      anchors[p] = anchoring.get().anchors().stream()
          .map(a -> new Anchor(a.literals().stream().mapToInt(literals::id).toArray(),
              a.prefix().isEmpty() ? null : new RegexTree.Seq(a.prefix())))
          .toArray(Anchor[]::new);
    }

    Map<String, Integer> keywordIds = new HashMap<>();
    List<String> keywordList = new ArrayList<>();
    this.ruleKeywords = new int[rules.size()][];
    for (int r = 0; r < rules.size(); r++) {
      if (rules.get(r).keywords().isEmpty()) {
        continue;
      }
      List<Integer> pairs = new ArrayList<>();
      for (String k : rules.get(r).keywords()) {
        String word = k.replace('’', '\'');
        if (word.startsWith("'") || word.endsWith("'")) {
          continue; // a word's quote marks are not part of it: such a keyword is never among a message's words
        }
        int keyword = keywordIds.computeIfAbsent(word, w -> {
          keywordList.add(w);
          return keywordList.size() - 1;
        });
        // The literal is the word up to its first apostrophe (which the text may write ' or ’), cut like anchor
        // literals; the whole word is checked on each hit.
        int apostrophe = word.indexOf('\'');
        pairs.add(literals.id(cut(CaseFold.fold(apostrophe < 0 ? word : word.substring(0, apostrophe)))));
        pairs.add(keyword);
      }
      ruleKeywords[r] = pairs.stream().mapToInt(Integer::intValue).toArray();
    }
    this.keywords = keywordList.toArray(new String[0]);
    this.scanner = new LiteralScanner(literals.list);
    int count = patterns.length;
    this.matchers = ThreadLocal.withInitial(() -> new Matcher[count]);
  }

  /**
   * A matcher of the pattern over {@code text}, with the default region and bounds: this thread's, so it serves one
   * search at a time.
   */
  Matcher matcher(int pattern, String text) {
    Matcher[] mine = matchers.get();
    Matcher m = mine[pattern];
    if (m == null) {
      m = mine[pattern] = patterns[pattern].matcher(text);
    } else {
      m.reset(text);
    }
    return m.useTransparentBounds(false).useAnchoringBounds(true);
  }

  /**
   * One of a pattern's anchors: the literals (in the scanner) of which a match holds one, and what comes before it
   * in the match (null for nothing: the match starts with the literal).
   */
  record Anchor(int[] literals, RegexTree.Node prefix) {}

  /** Each distinct literal once. */
  private static final class Literals {
    final List<String> list = new ArrayList<>();
    final Map<String, Integer> ids = new HashMap<>();

    int id(String literal) {
      return ids.computeIfAbsent(literal, l -> {
        list.add(l);
        return list.size() - 1;
      });
    }
  }

  private static String cut(String literal) {
    return literal.length() > RegexAnchors.MAX_LITERAL ? literal.substring(0, RegexAnchors.MAX_LITERAL) : literal;
  }

  private static int[] idsOf(List<Pattern> list, Map<String, Integer> ids, List<Pattern> distinct) {
    int[] out = new int[list.size()];
    for (int i = 0; i < out.length; i++) {
      Pattern p = list.get(i);
      out[i] = ids.computeIfAbsent(p.flags() + "/" + p.pattern(), k -> {
        distinct.add(p);
        return distinct.size() - 1;
      });
    }
    return out;
  }
}
