package dev.candor.nudge;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A list of words as one regular expression, factored by shared prefixes ({@code al(?:ert|l)} for
 * "alert" and "all"), so a long word list stays readable in the rules file and fast to match.
 */
final class WordTrie {
  private WordTrie() {}

  static String of(List<String> words) {
    TreeSet<String> sorted = new TreeSet<>();
    for (String w : words) {
      if (!w.isEmpty()) {
        sorted.add(w);
      }
    }
    return "(?:" + build(sorted) + ")";
  }

  private static String build(TreeSet<String> words) {
    boolean end = false;
    Map<Character, TreeSet<String>> byFirst = new TreeMap<>();
    for (String w : words) {
      if (w.isEmpty()) {
        end = true;
      } else {
        byFirst.computeIfAbsent(w.charAt(0), c -> new TreeSet<>()).add(w.substring(1));
      }
    }
    StringBuilder alternatives = new StringBuilder();
    int count = 0;
    for (Map.Entry<Character, TreeSet<String>> e : byFirst.entrySet()) {
      if (count++ > 0) {
        alternatives.append('|');
      }
      char c = e.getKey();
      alternatives.append(Character.isLetterOrDigit(c) ? String.valueOf(c) : Pattern.quote(String.valueOf(c)))
          .append(build(e.getValue()));
    }
    if (count == 0) {
      return "";
    }
    if (end) {
      return "(?:" + alternatives + ")?";
    }
    return count == 1 ? alternatives.toString() : "(?:" + alternatives + ")";
  }
}
