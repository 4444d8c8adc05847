package dev.candor.nudge.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
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
        String decided = CorpusSplit.TRAIN_ONLY.contains(row.writer()) ? CorpusSplit.ofTrainOnly(row.text())
            : CorpusSplit.of(row.text());
        if (!decided.equals(split.replace("-late", ""))) {
          problems.add(row.id() + " is in " + split + ", its words say " + decided);
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

  /** The test sets are committed before they are measured; nothing added later may change a byte of them. */
  @Test
  void theTestSplits_areExactlyAsCommitted() throws IOException, NoSuchAlgorithmException {
    Map<String, String> committed = Map.of(
        "test", "d2bd525733077f7b53ed976f79fe7b01c488ab4ffbef8d1002c02b7e33290792",
        "test-late", "449c51b07dfde5a3ca928621d83b1ac4dd8fd735fd94d70e70720e2843885cc1",
        "test-fresh", "a464989f31afb98e981e598e88c3b5892d7b370859a62876ad1b38de359c50fe",
        "test-blind", "980dc0bd4f3a7ab79df8d5aa9824b520e511b6693952242f3a0a5c9dd472dbe3",
        "test-blind-2", "a2a75ff3f2a6b431e7eb787a4a641056aea850711659d3b3f974867930c1de16");
    for (var e : committed.entrySet()) {
      try (InputStream in = CorpusTest.class.getResourceAsStream("/nudge/corpus/" + e.getKey() + ".jsonl")) {
        assertTrue(in != null, "no " + e.getKey() + " split");
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(in.readAllBytes());
        assertEquals(e.getValue(), HexFormat.of().formatHex(digest), e.getKey() + ".jsonl changed");
      }
    }
  }

  /** The writers who came after the test sets were measured train and validate the model, and test nothing. */
  @Test
  void theTrainOnlyWriters_trainAndValidate_butNeverTest() throws IOException {
    Map<String, Map<String, Long>> bySplit = new TreeMap<>();
    for (String split : SPLITS) {
      for (CorpusRow row : read(split)) {
        if (CorpusSplit.TRAIN_ONLY.contains(row.writer())) {
          bySplit.computeIfAbsent(row.writer(), w -> new TreeMap<>()).merge(split, 1L, Long::sum);
        }
      }
    }
    assertEquals(CorpusSplit.TRAIN_ONLY, bySplit.keySet(), "train-only writers in the corpus: " + bySplit);
    bySplit.forEach((writer, counts) -> {
      assertEquals(Set.of("train", "validation"), counts.keySet(), writer + ": " + counts);
      assertTrue(counts.get("train") >= 200 && counts.get("validation") >= 50, writer + ": " + counts);
    });
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
