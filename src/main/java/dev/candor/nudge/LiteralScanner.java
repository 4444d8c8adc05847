package dev.candor.nudge;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds every occurrence of many literal strings in one pass over a text (Aho–Corasick), ignoring case as
 * {@link CaseFold} does: the literals are folded, and so is each char of the text as it is read.
 */
final class LiteralScanner {
  /** Receives each occurrence: which literal (its index in the list given), and where it starts. */
  interface Hits {
    void hit(int literal, int start);
  }

  private final int[] lengths;
  /** The char's column in {@link #next}: 0 for chars in no literal (they lead back to the root). */
  private final byte[] columnOf;
  private final int columns;
  /**
   * The automaton: {@code next[state * columns + column]} is the state after reading a char of that column, or its
   * complement ({@code ~state}, negative) when literals end at that state.
   */
  private final int[] next;
  /** The literals that end at each state (through its suffixes too), or null. */
  private final int[][] ending;

  /** @param literals folded literals ({@link CaseFold#fold(CharSequence)}), at most 254 distinct chars among them */
  LiteralScanner(List<String> literals) {
    this.lengths = literals.stream().mapToInt(String::length).toArray();
    Map<Character, Integer> column = new HashMap<>();
    for (String l : literals) {
      for (int i = 0; i < l.length(); i++) {
        column.putIfAbsent(l.charAt(i), column.size() + 1);
      }
    }
    if (column.size() > 254) {
      throw new IllegalArgumentException("too many distinct characters in the literals: " + column.size());
    }
    this.columns = column.size() + 1;
    this.columnOf = new byte[Character.MAX_VALUE + 1];
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      Integer k = column.get(CaseFold.fold((char) c));
      columnOf[c] = (byte) (k == null ? 0 : k);
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
    this.next = new int[states * columns];
    this.ending = new int[states][];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int col = 1; col < columns; col++) {
      int child = trie.get(0)[col];
      next[col] = child;
      if (child != 0) {
        queue.add(child);
      }
    }
    ending[0] = null;
    while (!queue.isEmpty()) {
      int s = queue.poll();
      List<Integer> mine = new ArrayList<>(ends.get(s));
      if (ending[fallback[s]] != null) {
        for (int e : ending[fallback[s]]) {
          mine.add(e);
        }
      }
      ending[s] = mine.isEmpty() ? null : mine.stream().mapToInt(Integer::intValue).toArray();
      for (int col = 1; col < columns; col++) {
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
    for (int i = 0; i < next.length; i++) {
      if (ending[next[i]] != null) {
        next[i] = ~next[i];
      }
    }
  }

  /** Reports every occurrence in {@code text}, in the order their ends are read. */
  void scan(String text, Hits hits) {
    int state = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      state = next[state * columns + columnOf[text.charAt(i)]];
      if (state < 0) {
        state = ~state;
        for (int id : ending[state]) {
          hits.hit(id, i - lengths[id] + 1);
        }
      }
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
