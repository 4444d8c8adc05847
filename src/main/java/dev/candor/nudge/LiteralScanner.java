package dev.candor.nudge;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds every occurrence of many literal strings in one pass over a text (Aho–Corasick), ignoring case as
 * {@link CaseFold} does: the literals are folded, and so is each char of the text as it is read.
 *
 * <p>The automaton is one table of next states, a row per state and a column per char of the literals. Common chars
 * of chat text get the first columns, so that the entries a text mostly reads from a row share a cache line; and
 * while there are fewer than 32,768 states an entry takes two bytes, which keeps the rows read most in the fastest
 * cache.
 */
final class LiteralScanner {
  /** Receives each occurrence: which literal (its index in the list given), and where it starts. */
  interface Hits {
    void hit(int literal, int start);
  }

  /** Chars by how common they are in English chat, the commonest first. */
  private static final String COMMON_FIRST = " etaoinsrhldcumwfgypb.,'vk-:?!x0123456789jqz_/@<>()\"’;#&*";
  /** Marks an entry of {@link #small} whose state has literals ending there. */
  private static final char ENDS = 0x8000;

  private final int[] lengths;
  /** Each char's column: 0 for chars in no literal (they lead back to the root). */
  private final char[] columnOf;
  /** Columns per row: a power of two, so that a row starts at {@code state << shift}. */
  private final int columns;
  private final int shift;
  /**
   * The automaton, {@code [state * columns + column]}: the state after reading a char of that column; in
   * {@link #small}, with {@link #ENDS} set when literals end there; in {@link #large} (when there are too many states
   * for two bytes), complemented ({@code ~state}) when they do.
   */
  private final char[] small;
  private final int[] large;
  /** The literals that end at each state (through its suffixes too), or null. */
  private final int[][] ending;

  /** @param literals folded literals ({@link CaseFold#fold(CharSequence)}), none empty */
  LiteralScanner(List<String> literals) {
    this.lengths = literals.stream().mapToInt(String::length).toArray();
    Map<Character, Integer> column = columns(literals);
    this.shift = 32 - Integer.numberOfLeadingZeros(column.size()); // room for column.size() + 1 columns
    this.columns = 1 << shift;
    this.columnOf = new char[Character.MAX_VALUE + 1];
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      Integer k = column.get(CaseFold.fold((char) c));
      columnOf[c] = (char) (k == null ? 0 : k);
    }
    // The trie of the literals.
    List<int[]> trie = new ArrayList<>();
    List<List<Integer>> ends = new ArrayList<>();
    trie.add(new int[columns]);
    ends.add(new ArrayList<>());
    for (int id = 0; id < literals.size(); id++) {
      String l = literals.get(id);
      if (l.isEmpty()) {
        throw new IllegalArgumentException("an empty literal");
      }
      int state = 0;
      for (int i = 0; i < l.length(); i++) {
        int col = column.get(l.charAt(i));
        if (trie.get(state)[col] == 0) {
          trie.get(state)[col] = trie.size();
          trie.add(new int[columns]);
          ends.add(new ArrayList<>());
        }
        state = trie.get(state)[col];
      }
      ends.get(state).add(id);
    }
    // Breadth first: each state's fallback (its longest proper suffix in the trie) and full transitions.
    int states = trie.size();
    int[] fallback = new int[states];
    int[] next = new int[states * columns];
    this.ending = new int[states][];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int col = 1; col <= column.size(); col++) {
      int child = trie.get(0)[col];
      next[col] = child;
      if (child != 0) {
        queue.add(child);
      }
    }
    while (!queue.isEmpty()) {
      int s = queue.poll();
      List<Integer> mine = new ArrayList<>(ends.get(s));
      if (ending[fallback[s]] != null) {
        for (int e : ending[fallback[s]]) {
          mine.add(e);
        }
      }
      ending[s] = mine.isEmpty() ? null : mine.stream().mapToInt(Integer::intValue).toArray();
      for (int col = 1; col <= column.size(); col++) {
        int child = trie.get(s)[col];
        if (child != 0) {
          fallback[child] = next[fallback[s] * columns + col];
          next[s * columns + col] = child;
          queue.add(child);
        } else {
          next[s * columns + col] = next[fallback[s] * columns + col];
        }
      }
    }
    if (states < ENDS) {
      this.small = new char[next.length];
      for (int i = 0; i < next.length; i++) {
        small[i] = (char) (next[i] | (ending[next[i]] != null ? ENDS : 0));
      }
      this.large = null;
    } else {
      for (int i = 0; i < next.length; i++) {
        if (ending[next[i]] != null) {
          next[i] = ~next[i];
        }
      }
      this.large = next;
      this.small = null;
    }
  }

  /** A column for each distinct char of the literals, from 1: the common chars of chat first. */
  private static Map<Character, Integer> columns(List<String> literals) {
    boolean[] used = new boolean[Character.MAX_VALUE + 1];
    for (String l : literals) {
      for (int i = 0; i < l.length(); i++) {
        used[l.charAt(i)] = true;
      }
    }
    Map<Character, Integer> column = new LinkedHashMap<>();
    for (char c : COMMON_FIRST.toCharArray()) {
      if (used[c]) {
        column.put(c, column.size() + 1);
      }
    }
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      if (used[c]) {
        column.putIfAbsent((char) c, column.size() + 1);
      }
    }
    return column;
  }

  /** Reports every occurrence in {@code text}, in the order their ends are read. */
  void scan(String text, Hits hits) {
    char[] chars = text.toCharArray(); // (reading an array is faster than String.charAt, which checks more)
    if (small != null) {
      int state = 0;
      for (int i = 0; i < chars.length; i++) {
        char s = small[(state << shift) + columnOf[chars[i]]];
        state = s & ~ENDS;
        if (s >= ENDS) {
          report(state, i, hits);
        }
      }
    } else {
      int state = 0;
      for (int i = 0; i < chars.length; i++) {
        state = large[(state << shift) + columnOf[chars[i]]];
        if (state < 0) {
          state = ~state;
          report(state, i, hits);
        }
      }
    }
  }

  private void report(int state, int at, Hits hits) {
    for (int id : ending[state]) {
      hits.hit(id, at - lengths[id] + 1);
    }
  }

  int states() {
    return ending.length;
  }

  int literals() {
    return lengths.length;
  }

  @Override
  public String toString() {
    return "LiteralScanner[" + lengths.length + " literals, " + states() + " states, " + columns + " columns, "
        + Arrays.stream(lengths).max().orElse(0) + " longest]";
  }
}
