package dev.candor.nudge.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The held-out sets of their own, each written by three writers who came after the model was measured, every one
 * of their messages kept for testing, none of them in the corpus the model learns from nor in the other set:
 * {@code test-fresh.jsonl} (session 7), {@code test-blind.jsonl} (session 11, written after test-fresh had been
 * read while tuning) and {@code test-blind-2.jsonl} (session 11, written after test-blind had been measured and read).
 */
class FreshTestSetTest {
  private static final Map<String, Set<String>> WRITERS = Map.of(
      "test-fresh", Set.of("w20-channel", "w21-lookalikes", "w22-review"),
      "test-blind", Set.of("w29-night", "w30-crossfunctional", "w31-followup"),
      "test-blind-2", Set.of("w32-smallteam", "w33-regulated", "w34-followthesun"));

  @ParameterizedTest
  @ValueSource(strings = {"test-fresh", "test-blind", "test-blind-2"})
  void everyRow_isLabelledByTheTaxonomy_byItsWriters_andNowhereElse(String set) throws IOException {
    Set<String> writers = WRITERS.get(set);
    Map<String, String> elsewhere = new HashMap<>();
    for (String split : List.of("train", "validation", "test", "test-late", "test-fresh", "test-blind",
        "test-blind-2")) {
      if (split.equals(set)) {
        continue;
      }
      for (CorpusRow row : CorpusTest.read(split)) {
        elsewhere.put(CorpusSplit.normalised(row.text()), row.id());
        assertTrue(!writers.contains(row.writer()), row.id() + " is a " + set + " writer's row in " + split);
      }
    }
    List<String> problems = new ArrayList<>();
    Map<String, String> held = new HashMap<>();
    List<CorpusRow> rows = CorpusTest.read(set);
    for (CorpusRow row : rows) {
      if (!row.labelIsValid()) {
        problems.add(row.id() + ": " + row.label() + "/" + row.category());
      }
      if (!writers.contains(row.writer())) {
        problems.add(row.id() + " by " + row.writer());
      }
      String words = CorpusSplit.normalised(row.text());
      String other = elsewhere.containsKey(words) ? elsewhere.get(words) : held.put(words, row.id());
      if (other != null) {
        problems.add(row.id() + " repeats " + other);
      }
    }
    assertEquals(List.of(), problems);
    assertTrue(rows.size() >= 1400, set + " has " + rows.size() + " messages");
    for (String label : List.of("blame", "self_blame", "none")) {
      assertTrue(rows.stream().filter(r -> r.label().equals(label)).count() >= 150, "few " + label);
    }
  }
}
