package dev.candor.nudge.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code test-fresh.jsonl} is a held-out set of its own: three writers who came after the model was first measured,
 * every one of their messages kept for testing, none of them in the corpus the model learns from.
 */
class FreshTestSetTest {
  private static final Set<String> FRESH_WRITERS = Set.of("w20-channel", "w21-lookalikes", "w22-review");

  @Test
  void everyRow_isLabelledByTheTaxonomy_byAFreshWriter_andNowhereElse() throws IOException {
    Map<String, String> corpus = new HashMap<>();
    for (String split : List.of("train", "validation", "test", "test-late")) {
      for (CorpusRow row : CorpusTest.read(split)) {
        corpus.put(CorpusSplit.normalised(row.text()), row.id());
        assertTrue(!FRESH_WRITERS.contains(row.writer()), row.id() + " is a fresh writer's row in " + split);
      }
    }
    List<String> problems = new ArrayList<>();
    Map<String, String> fresh = new HashMap<>();
    List<CorpusRow> rows = CorpusTest.read("test-fresh");
    for (CorpusRow row : rows) {
      if (!row.labelIsValid()) {
        problems.add(row.id() + ": " + row.label() + "/" + row.category());
      }
      if (!FRESH_WRITERS.contains(row.writer())) {
        problems.add(row.id() + " by " + row.writer());
      }
      String words = CorpusSplit.normalised(row.text());
      String other = corpus.containsKey(words) ? corpus.get(words) : fresh.put(words, row.id());
      if (other != null) {
        problems.add(row.id() + " repeats " + other);
      }
    }
    assertEquals(List.of(), problems);
    assertTrue(rows.size() >= 1400, "test-fresh has " + rows.size() + " messages");
    for (String label : List.of("blame", "self_blame", "none")) {
      assertTrue(rows.stream().filter(r -> r.label().equals(label)).count() >= 150, "few " + label);
    }
  }
}
