package dev.candor.nudge.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The blame corpus is what its README says: labelled by the taxonomy, split by its words, no message twice. */
class CorpusTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> SPLITS = List.of("train", "validation", "test", "test-late");

  static List<CorpusRow> read(String split) throws IOException {
    List<CorpusRow> rows = new ArrayList<>();
    try (InputStream in = CorpusTest.class.getResourceAsStream("/nudge/corpus/" + split + ".jsonl")) {
      assertTrue(in != null, "no " + split + " split");
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          rows.add(CorpusRow.of(JSON.readTree(line)));
        }
      }
    }
    return rows;
  }

  @Test
  void everyRow_isLabelledByTheTaxonomy_andInTheSplitItsWordsDecide() throws IOException {
    Set<String> ids = new HashSet<>();
    Map<String, String> seen = new HashMap<>();
    List<String> problems = new ArrayList<>();
    for (String split : SPLITS) {
      for (CorpusRow row : read(split)) {
        if (!ids.add(row.id())) {
          problems.add("id twice: " + row.id());
        }
        if (!row.labelIsValid()) {
          problems.add(row.id() + ": " + row.label() + "/" + row.category());
        }
        if (!CorpusSplit.of(row.text()).equals(split.replace("-late", ""))) {
          problems.add(row.id() + " is in " + split + ", its words say " + CorpusSplit.of(row.text()));
        }
        String other = seen.put(CorpusSplit.normalised(row.text()), row.id());
        if (other != null) {
          problems.add(row.id() + " repeats " + other);
        }
        if (row.writer().isBlank()) {
          problems.add(row.id() + " has no writer");
        }
      }
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void theCorpus_isLargeVariedAndCoversEveryCategoryInEverySplit() throws IOException {
    Set<String> writers = new HashSet<>();
    int total = 0;
    for (String split : SPLITS) {
      List<CorpusRow> rows = read(split);
      total += rows.size();
      rows.forEach(r -> writers.add(r.writer()));
      if (split.equals("test-late")) {
        continue; // the late writers' share of the test split: smaller, and not a split of its own
      }
      Map<String, Long> byCategory = rows.stream()
          .collect(Collectors.groupingBy(CorpusRow::category, TreeMap::new, Collectors.counting()));
      System.out.println(split + " " + rows.size() + " " + byCategory);
      for (String category : CorpusRow.BLAME) {
        assertTrue(byCategory.getOrDefault(category, 0L) >= 20, split + " has few " + category + ": " + byCategory);
      }
      assertTrue(byCategory.getOrDefault("self_blame", 0L) >= 40, split + " self_blame: " + byCategory);
    }
    assertTrue(total >= 7000, "the corpus has " + total + " messages");
    assertTrue(writers.size() >= 12, "writers: " + writers);
  }
}
