package dev.candor.nudge;

import dev.candor.nudge.RegexTree.Alt;
import dev.candor.nudge.RegexTree.Chars;
import dev.candor.nudge.RegexTree.Empty;
import dev.candor.nudge.RegexTree.Node;
import dev.candor.nudge.RegexTree.Repeat;
import dev.candor.nudge.RegexTree.Seq;
import dev.candor.nudge.RegexTree.Unknown;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What any match of a regular expression must hold, read from the expression itself ({@link RegexTree}): one of a
 * few sets of literal words, each after a part of the expression (its prefix) whose length is known or which can be
 * read backwards over a text. {@code \bwho (?:broke|took down)\b} gives "who brok" or "who took" at the start;
 * {@code (?:@\w+|\b[a-z]{2,15}) (?:broke|nuked)} gives "@" at the start, or "broke" or "nuked" after a word of 2 to
 * 15 letters and a space. A match can then only start where a prefix, read back from where its literal occurs,
 * leads ({@link Reach}), and the expression is tried there and nowhere else.
 *
 * <p>Where an expression starts with an alternation, each alternative is analysed apart (a mention brings "@", a
 * name brings the verb after it); of the ways to anchor, the one with the fewest expected tries wins
 * ({@link AnchorCost}). Sound by construction: every match holds one of the anchors; an expression the tree reader
 * gives up on, or one with no literal every match holds, gets none, and is then tried at every position of the
 * text, as {@code find()} would.
 */
final class RegexAnchors {
  static final int INF = RegexTree.INF;
  /** At most this many strings in a set of exact alternatives ({@code (?:a|b)(?:c|d)} is four). */
  private static final int MAX_EXACT = 64;
  /** At most this many alternatives analysed apart (per expression) when an alternation starts a sequence. */
  private static final int MAX_SPLITS = 1024;
  /** Beyond this estimated cost (tries per char of text, {@link AnchorCost}), trying everywhere is as good. */
  private static final double NOT_WORTH_IT = 1.0;
  /**
   * Literals are cut to this many chars (the start of a literal a match holds is held too, at the same place):
   * longer ones are hardly rarer, and many long ones would make a large automaton.
   */
  static final int MAX_LITERAL = 8;

  /**
   * A match holds one of {@code literals} (case-folded) starting {@code lo} to {@code hi} chars after the match's
   * own start ({@code hi} may be unbounded), after text that {@code prefix} matches: read backwards from where the
   * literal occurs, the prefix tells where the match can start ({@link Reach}).
   */
  record Anchor(List<String> literals, int lo, int hi, List<Node> prefix) {
    Anchor {
      Set<String> cut = new LinkedHashSet<>();
      for (String l : literals) {
        cut.add(l.length() > MAX_LITERAL ? l.substring(0, MAX_LITERAL) : l);
      }
      literals = List.copyOf(cut);
      prefix = List.copyOf(prefix);
    }
  }

  /**
   * Where a pattern can match: every match holds one of {@code anchors}; with {@code wordStart}, no match starts
   * between two ASCII letters or digits (as when it starts with {@code \b}).
   */
  record Anchoring(List<Anchor> anchors, boolean wordStart) {
    Anchoring {
      anchors = List.copyOf(anchors);
    }
  }

  private RegexAnchors() {}

  /**
   * The anchoring of {@code pattern}; empty when there are no anchors worth using or the expression could not be
   * read with certainty (then it is to be tried everywhere).
   */
  static Optional<Anchoring> of(Pattern pattern) {
    int unsupported = Pattern.COMMENTS | Pattern.UNICODE_CHARACTER_CLASS | Pattern.CANON_EQ | Pattern.LITERAL;
    if ((pattern.flags() & unsupported) != 0) {
      return Optional.empty();
    }
    Node root;
    try {
      root = RegexTree.parse(pattern.pattern());
    } catch (RegexTree.Unreadable e) {
      return Optional.empty();
    }
    Analysis analysis = new Analysis();
    Info info = analysis.info(root);
    // A match could start on the second half of a surrogate pair, where find() may or may not try one (it
    // depends on internals of Pattern): not worth the doubt.
    if (info.firstMaySurrogate() || info.cover() == null || info.cost() > NOT_WORTH_IT) {
      return Optional.empty();
    }
    List<Anchor> compact = new ArrayList<>();
    for (Anchor a : info.cover()) {
      compact.add(new Anchor(a.literals(), a.lo(), a.hi(), a.prefix().stream().map(analysis::compact).toList()));
    }
    return Optional.of(new Anchoring(merged(compact), analysis.startsOutsideWord(List.of(root))));
  }

  /** At most this many literals in one requirement ({@link #requirements}): a longer list hardly ever rules out. */
  private static final int MAX_REQUIRED = 256;
  /** A requirement expected more often than this per char of text ({@link AnchorCost}) rarely rules a pattern out. */
  private static final double TOO_COMMON = 0.05;

  /**
   * Sets of literals (case-folded, cut as anchors are) of which every match of {@code pattern} holds one of each:
   * one per item of the expression's outermost sequence that has anchors of its own ({@code \bwho (?:is )?(?:broke|
   * nuked)} holds "who" and one of "broke" and "nuked"). So the expression can only match a text in which each set
   * has a literal; a cheap test before any anchor is read back or any match tried. Empty when the expression cannot
   * be read (nothing is then ruled out).
   */
  static List<Set<String>> requirements(Pattern pattern) {
    int unsupported = Pattern.COMMENTS | Pattern.UNICODE_CHARACTER_CLASS | Pattern.CANON_EQ | Pattern.LITERAL;
    if ((pattern.flags() & unsupported) != 0) {
      return List.of();
    }
    Node root;
    try {
      root = RegexTree.parse(pattern.pattern());
    } catch (RegexTree.Unreadable e) {
      return List.of();
    }
    Analysis analysis = new Analysis();
    List<Node> items = root instanceof Seq s ? analysis.flatten(s.items()) : List.of(root);
    List<Set<String>> out = new ArrayList<>();
    // A run of items whose strings are known (the chars of "who ", a word list) is one literal, as in anchors.
    Set<String> run = Set.of("");
    for (Node item : items) {
      Info info = analysis.info(item);
      Set<String> exact = info.exact();
      Set<String> longer = exact == null || (exact.contains("") && exact.size() > 1) ? null : product(run, exact);
      if (longer != null) {
        run = longer;
        continue;
      }
      require(run, out);
      run = exact != null && !exact.contains("") ? exact : Set.of("");
      if (info.cover() != null) {
        Set<String> literals = new LinkedHashSet<>();
        info.cover().forEach(a -> literals.addAll(a.literals()));
        require(literals, out);
      }
    }
    require(run, out);
    return List.copyOf(out);
  }

  /** Adds a set of literals (cut as anchors are) to the requirements, if it could rule out a text at all. */
  private static void require(Set<String> strings, List<Set<String>> out) {
    Set<String> literals = new LinkedHashSet<>();
    for (String l : strings) {
      literals.add(l.length() > MAX_LITERAL ? l.substring(0, MAX_LITERAL) : l);
    }
    if (!literals.isEmpty() && !literals.contains("") && literals.size() <= MAX_REQUIRED
        && AnchorCost.of(literals, 0, 0) / 2 <= TOO_COMMON && !out.contains(literals)) {
      out.add(Set.copyOf(literals));
    }
  }

  /**
   * Fewer anchors, each read back once: those after the very same prefix made one, their literals together; then
   * those with the same literals made one, their prefixes factored from the end ({@code (?:he|she|@\w+) should}
   * rather than three anchors on "should"), so that what they share is read once.
   */
  private static List<Anchor> merged(List<Anchor> anchors) {
    Map<Items, List<Anchor>> byPrefix = new LinkedHashMap<>();
    for (Anchor a : anchors) {
      byPrefix.computeIfAbsent(new Items(a.prefix()), k -> new ArrayList<>()).add(a);
    }
    List<Anchor> joined = new ArrayList<>();
    for (List<Anchor> same : byPrefix.values()) {
      Set<String> literals = new LinkedHashSet<>();
      same.forEach(a -> literals.addAll(a.literals()));
      int lo = same.stream().mapToInt(Anchor::lo).min().orElseThrow();
      int hi = same.stream().mapToInt(Anchor::hi).max().orElseThrow();
      joined.add(same.size() == 1 ? same.get(0) : new Anchor(List.copyOf(literals), lo, hi, same.get(0).prefix()));
    }
    Map<Set<String>, List<Anchor>> byLiterals = new LinkedHashMap<>();
    for (Anchor a : joined) {
      byLiterals.computeIfAbsent(Set.copyOf(a.literals()), k -> new ArrayList<>()).add(a);
    }
    List<Anchor> out = new ArrayList<>();
    for (List<Anchor> same : byLiterals.values()) {
      if (same.size() == 1) {
        out.add(same.get(0));
        continue;
      }
      int lo = same.stream().mapToInt(Anchor::lo).min().orElseThrow();
      int hi = same.stream().mapToInt(Anchor::hi).max().orElseThrow();
      Node prefix = factored(same.stream().map(Anchor::prefix).toList());
      out.add(new Anchor(same.get(0).literals(), lo, hi, prefix instanceof Empty ? List.of() : List.of(prefix)));
    }
    return out;
  }

  /** One node matching what any of the sequences matches, sharing their common last items (by identity). */
  private static Node factored(List<List<Node>> sequences) {
    Map<Node, List<List<Node>>> byLast = new IdentityHashMap<>();
    List<Node> order = new ArrayList<>();
    boolean anyEmpty = false;
    for (List<Node> seq : sequences) {
      if (seq.isEmpty()) {
        anyEmpty = true;
        continue;
      }
      Node last = seq.get(seq.size() - 1);
      if (!byLast.containsKey(last)) {
        order.add(last);
      }
      byLast.computeIfAbsent(last, k -> new ArrayList<>()).add(seq.subList(0, seq.size() - 1));
    }
    List<Node> branches = new ArrayList<>();
    if (anyEmpty) {
      branches.add(new Empty(false));
    }
    for (Node last : order) {
      Node before = factored(byLast.get(last));
      branches.add(before instanceof Empty e && !e.notInWord() ? last : new Seq(List.of(before, last)));
    }
    return branches.size() == 1 ? branches.get(0) : new Alt(branches);
  }

  /** A list of nodes compared by identity (records compare deep, which is slow on large trees). */
  private record Items(List<Node> nodes) {
    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Items other) || other.nodes.size() != nodes.size()) {
        return false;
      }
      for (int i = 0; i < nodes.size(); i++) {
        if (nodes.get(i) != other.nodes.get(i)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public int hashCode() {
      int h = 1;
      for (Node n : nodes) {
        h = 31 * h + System.identityHashCode(n);
      }
      return h;
    }
  }

  // ---- What a node tells: lengths, exact strings, anchors ----

  /**
   * @param exact the strings a match can be, when few (case-folded), else null
   * @param cover anchors of which every match holds one, or null
   * @param cost the estimated tries per char of text with {@code cover}
   * @param firstMaySurrogate whether the first char a match consumes could be a lone surrogate
   */
  private record Info(int min, int max, Set<String> exact, List<Anchor> cover, double cost, boolean firstMaySurrogate) {}

  private static final class Analysis {
    private final Map<Node, Info> done = new IdentityHashMap<>();
    private final Map<Items, Info> sequences = new HashMap<>();
    private final Map<Node, Node> compacted = new IdentityHashMap<>();
    private int splits;
    private int boundaryChecks;

    /**
     * Whether no match of the sequence {@code items} can start between two ASCII letters or digits: each starts
     * with {@code \b}, {@code ^}, a lookbehind of a non-letter, or a char that is none of those.
     */
    boolean startsOutsideWord(List<Node> items) {
      if (items.isEmpty() || ++boundaryChecks > MAX_SPLITS) {
        return false; // (too many ways to start: say no, which only means trying more places)
      }
      Node first = items.get(0);
      List<Node> rest = items.subList(1, items.size());
      if (first instanceof Empty e) {
        return e.notInWord() || startsOutsideWord(rest);
      }
      if (first instanceof Chars c) {
        return !c.wordChar();
      }
      if (first instanceof Seq s) {
        List<Node> joined = new ArrayList<>(s.items());
        joined.addAll(rest);
        return startsOutsideWord(joined);
      }
      if (first instanceof Alt a) {
        for (Node b : a.branches()) {
          List<Node> each = new ArrayList<>();
          each.add(b);
          each.addAll(rest);
          if (!startsOutsideWord(each)) {
            return false;
          }
        }
        return true;
      }
      if (first instanceof Repeat r && r.max() >= 1 && info(r.body()).min() > 0) {
        // Either the body comes first (its first repetition starts the match), or, if it may be skipped, the rest.
        List<Node> body = new ArrayList<>();
        body.add(r.body());
        body.addAll(rest);
        return startsOutsideWord(body) && (r.min() > 0 || startsOutsideWord(rest));
      }
      if (first instanceof Repeat r && r.max() == 0) {
        return startsOutsideWord(rest);
      }
      return false; // unknown text, or a repetition of what may be empty, comes first
    }

    /** The node with each part whose strings are known (a word list, "he|she") made one {@link Exact}. */
    Node compact(Node n) {
      Node done = compacted.get(n);
      if (done == null) {
        done = compactOnce(n);
        compacted.put(n, done); // the same node gives the same node: anchors can share parts (merged)
      }
      return done;
    }

    private Node compactOnce(Node n) {
      Info i = info(n);
      if (i.exact() != null && !(n instanceof Empty) && !(n instanceof Chars)) {
        return new RegexTree.Exact(i.exact());
      }
      if (n instanceof Seq s) {
        return new Seq(s.items().stream().map(this::compact).toList());
      }
      if (n instanceof Alt a) {
        return new Alt(a.branches().stream().map(this::compact).toList());
      }
      if (n instanceof Repeat r) {
        return new Repeat(compact(r.body()), r.min(), r.max());
      }
      return n;
    }

    Info info(Node n) {
      Info known = done.get(n);
      if (known == null) {
        known = compute(n);
        done.put(n, known);
      }
      return known;
    }

    private Info compute(Node n) {
      if (n instanceof Chars c) {
        Set<String> exact = c.choices();
        List<Anchor> cover = exact == null ? null : List.of(new Anchor(List.copyOf(exact), 0, 0, List.of()));
        return new Info(1, c.maxLength(), exact, cover, cost(cover), c.maySurrogate());
      }
      if (n instanceof Empty) {
        return new Info(0, 0, Set.of(""), null, Double.MAX_VALUE, false);
      }
      if (n instanceof Unknown u) {
        return new Info(u.min(), u.max(), null, null, Double.MAX_VALUE, true);
      }
      if (n instanceof RegexTree.Exact x) {
        int min = x.strings().stream().mapToInt(String::length).min().orElse(0);
        int max = x.strings().stream().mapToInt(String::length).max().orElse(0);
        return new Info(min, max, x.strings(), null, Double.MAX_VALUE, true);
      }
      if (n instanceof Repeat r) {
        return repeat(r);
      }
      if (n instanceof Alt a) {
        return alternatives(a.branches().stream().map(this::info).toList());
      }
      return sequence(flatten(((Seq) n).items()));
    }

    private Info repeat(Repeat r) {
      Info body = info(r.body());
      int min = times(body.min(), r.min());
      int max = body.max() == 0 ? 0 : times(body.max(), r.max());
      Set<String> exact = null;
      if (body.exact() != null) {
        if (r.max() == r.min() && r.min() <= 8) {
          exact = Set.of("");
          for (int i = 0; i < r.min() && exact != null; i++) {
            exact = product(exact, body.exact());
          }
        } else if (r.min() == 0 && r.max() == 1) {
          exact = new LinkedHashSet<>(body.exact());
          exact.add("");
        }
      }
      // At least one repetition: the first holds the body's anchors, at the same distances.
      List<Anchor> cover = r.min() >= 1 ? body.cover() : null;
      return new Info(min, max, exact, cover, r.min() >= 1 ? body.cost() : Double.MAX_VALUE, body.firstMaySurrogate());
    }

    private static Info alternatives(List<Info> branches) {
      int min = INF;
      int max = 0;
      Set<String> exact = new LinkedHashSet<>();
      List<Anchor> cover = new ArrayList<>();
      boolean firstMaySurrogate = false;
      for (Info b : branches) {
        min = Math.min(min, b.min());
        max = Math.max(max, b.max());
        if (exact != null && b.exact() != null && exact.size() + b.exact().size() <= MAX_EXACT) {
          exact.addAll(b.exact());
        } else {
          exact = null;
        }
        if (cover != null && b.cover() != null) {
          cover.addAll(b.cover());
        } else {
          cover = null;
        }
        firstMaySurrogate |= b.firstMaySurrogate();
      }
      if (exact != null && !exact.contains("")) {
        List<Anchor> whole = List.of(new Anchor(List.copyOf(exact), 0, 0, List.of()));
        if (cover == null || cost(whole) <= cost(cover)) {
          cover = whole;
        }
      }
      return new Info(min, max, exact, cover, cost(cover), firstMaySurrogate);
    }

    private List<Node> flatten(List<Node> items) {
      List<Node> out = new ArrayList<>();
      for (Node i : items) {
        if (i instanceof Seq s) {
          out.addAll(flatten(s.items()));
        } else {
          out.add(i);
        }
      }
      return out;
    }

    /**
     * A sequence: the cheapest of (a) a run of exact items, as literals, at the distance the items before it allow;
     * (b) the anchors of one item, moved by the same distance; (c) when an alternation comes first (after
     * assertions), each alternative followed by the rest, analysed apart (so "@name" and "a name after a comma"
     * each bring their own anchors).
     */
    private Info sequence(List<Node> items) {
      Items key = new Items(items);
      Info known = sequences.get(key);
      if (known == null) {
        known = computeSequence(items);
        sequences.put(key, known);
      }
      return known;
    }

    private Info computeSequence(List<Node> items) {
      int n = items.size();
      Info[] infos = new Info[n];
      int[] lo = new int[n + 1];
      int[] hi = new int[n + 1];
      boolean[] walk = new boolean[n + 1];
      walk[0] = true;
      for (int i = 0; i < n; i++) {
        infos[i] = info(items.get(i));
        lo[i + 1] = plus(lo[i], infos[i].min());
        hi[i + 1] = plus(hi[i], infos[i].max());
        walk[i + 1] = walk[i] && walkable(items.get(i));
      }
      boolean firstMaySurrogate = false;
      for (int i = 0; i < n; i++) {
        firstMaySurrogate |= infos[i].firstMaySurrogate();
        if (infos[i].min() > 0) {
          break;
        }
      }
      Set<String> exact = Set.of("");
      for (int i = 0; i < n && exact != null; i++) {
        exact = infos[i].exact() == null ? null : product(exact, infos[i].exact());
      }
      List<Anchor> best = null;
      double bestCost = Double.MAX_VALUE;
      for (int i = 0; i < n; i++) {
        if (hi[i] >= INF && !walk[i]) {
          break; // where the items before start is unknown
        }
        List<Node> before = items.subList(0, i);
        if (infos[i].cover() != null && infos[i].cost() < bestCost) { // (moved, it costs at least as much)
          List<Anchor> moved = prefixed(infos[i].cover(), before, lo[i], hi[i]);
          double c = cost(moved);
          if (c < bestCost) {
            best = moved;
            bestCost = c;
          }
        }
        Set<String> run = Set.of("");
        for (int j = i; j < n && infos[j].exact() != null; j++) {
          run = product(run, infos[j].exact());
          if (run == null) {
            break;
          }
          if (!run.contains("")) {
            double c = cost(run, lo[i], hi[i]);
            if (c <= bestCost) { // (as cheap and longer: better)
              best = List.of(new Anchor(List.copyOf(run), lo[i], hi[i], before));
              bestCost = c;
            }
            if (run.stream().allMatch(r -> r.length() >= MAX_LITERAL)) {
              break; // longer runs are cut to the same literals
            }
          }
        }
      }
      int first = 0;
      while (first < n && items.get(first) instanceof Empty) {
        first++;
      }
      if (first < n && splits < MAX_SPLITS) {
        List<Node> branches = branches(items.get(first));
        if (branches != null) {
          List<Anchor> union = new ArrayList<>();
          for (Node b : branches) {
            if (++splits > MAX_SPLITS) {
              union = null;
              break;
            }
            List<Node> each = new ArrayList<>(items.subList(0, first));
            each.add(b);
            each.addAll(items.subList(first + 1, n));
            Info split = sequence(flatten(each));
            if (split.cover() == null) {
              union = null;
              break;
            }
            union.addAll(split.cover());
          }
          if (union != null && cost(union) < bestCost) {
            best = union;
            bestCost = cost(union);
          }
        }
      }
      return new Info(lo[n], hi[n], exact, best, bestCost, firstMaySurrogate);
    }

    /** The alternatives of an alternation (an optional item is itself or nothing), or null. */
    private static List<Node> branches(Node n) {
      if (n instanceof Alt a) {
        return a.branches();
      }
      if (n instanceof Repeat r && r.min() == 0 && r.max() == 1) {
        return List.of(r.body(), new Empty(false));
      }
      return null;
    }

    /** The anchors of an item, seen from the start of a sequence in which {@code before} comes first. */
    private static List<Anchor> prefixed(List<Anchor> cover, List<Node> before, int lo, int hi) {
      List<Anchor> out = new ArrayList<>(cover.size());
      for (Anchor a : cover) {
        List<Node> prefix = new ArrayList<>(before);
        prefix.addAll(a.prefix());
        out.add(new Anchor(a.literals(), plus(a.lo(), lo), plus(a.hi(), hi), prefix));
      }
      return out;
    }

    /**
     * Whether {@link Reach} can read the item backwards and say where it starts: anything bounded, and unbounded
     * repetitions of what it can tell apart (a class it knows, exact words), which stop where the text stops
     * matching them.
     */
    private boolean walkable(Node n) {
      if (n instanceof Repeat r) {
        return r.max() < INF ? walkable(r.body()) : narrow(r.body());
      }
      if (n instanceof Seq s) {
        return s.items().stream().allMatch(this::walkable);
      }
      if (n instanceof Alt a) {
        return a.branches().stream().allMatch(this::walkable);
      }
      return !(n instanceof Unknown u) || u.max() < INF;
    }

    /** Whether every char of every match of the item is checked against something more than "any char". */
    private boolean narrow(Node n) {
      if (n instanceof Chars c) {
        return c.choices() != null || c.test() != null;
      }
      if (n instanceof Repeat r) {
        return narrow(r.body());
      }
      if (n instanceof Seq s) {
        return s.items().stream().allMatch(this::narrow);
      }
      if (n instanceof Alt a) {
        return a.branches().stream().allMatch(this::narrow);
      }
      return n instanceof Empty;
    }
  }

  /** Every string of {@code a} followed by every string of {@code b}, or null if too many. */
  private static Set<String> product(Set<String> a, Set<String> b) {
    if ((long) a.size() * b.size() > MAX_EXACT) {
      return null;
    }
    Set<String> out = new LinkedHashSet<>();
    for (String x : a) {
      for (String y : b) {
        out.add(x + y);
      }
    }
    return out;
  }

  static double cost(List<Anchor> cover) {
    return AnchorCost.of(cover);
  }

  private static double cost(Set<String> literals, int lo, int hi) {
    return AnchorCost.of(literals, lo, hi);
  }

  private static int plus(int a, int b) {
    return a >= INF || b >= INF ? INF : Math.min(INF, a + b);
  }

  private static int times(int a, int k) {
    if (a == 0 || k == 0) {
      return 0;
    }
    return a >= INF || k >= INF ? INF : (int) Math.min(INF, (long) a * k);
  }
}
