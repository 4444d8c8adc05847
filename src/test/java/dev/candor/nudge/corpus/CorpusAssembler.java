package dev.candor.nudge.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Builds the corpus from the writers' raw files ({@code <writer>.jsonl}, one {@code {text, label, category,
 * note[, source]}} per line): drops invalid rows and repeats (the first writer's copy stays; a repeat labelled
 * otherwise is reported), numbers rows per writer, and writes {@code train|validation|test.jsonl} by
 * {@link CorpusSplit}.
 *
 * <p>Writers who came after the test split was committed ({@code LATE_RAW_DIR}) are read after all the others, so
 * they never displace an earlier row, and their rows that {@link CorpusSplit} puts in the test split go to
 * {@code test-late.jsonl} instead: {@code test.jsonl} stays exactly as it was committed, and the late rows are a
 * second set nobody tuned on.
 *
 * <p>Writers who came after both test sets had been measured ({@code TRAIN_ONLY_RAW_DIR}, named in
 * {@link CorpusSplit#TRAIN_ONLY}) are read last and go only to training: their rows that {@link CorpusSplit} puts in
 * the test split go to {@code validation.jsonl} ({@link CorpusSplit#ofTrainOnly}), so neither test set changes.
 *
 * <pre>java -cp target/test-classes:$(cat cp.txt) dev.candor.nudge.corpus.CorpusAssembler RAW_DIR OUT_DIR [LATE_RAW_DIR [TRAIN_ONLY_RAW_DIR]]</pre>
 */
public final class CorpusAssembler {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CorpusAssembler() {}

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args[1]);
    List<Path> files = new ArrayList<>(writers(Path.of(args[0])));
    int early = files.size();
    if (args.length > 2) {
      files.addAll(writers(Path.of(args[2])));
    }
    int late = files.size();
    if (args.length > 3) {
      files.addAll(writers(Path.of(args[3])));
    }
    Map<String, String> labelOf = new HashMap<>();
    Map<String, List<ObjectNode>> splits = new LinkedHashMap<>();
    for (String split : List.of("train", "validation", "test", "test-late")) {
      splits.put(split, new ArrayList<>());
    }
    Map<String, Integer> counts = new TreeMap<>();
    for (int f = 0; f < files.size(); f++) {
      Path file = files.get(f);
      String writer = file.getFileName().toString().replace(".jsonl", "");
      boolean trainOnly = f >= late;
      if (trainOnly != CorpusSplit.TRAIN_ONLY.contains(writer)) {
        throw new IllegalArgumentException(writer + (trainOnly ? " is not" : " is") + " named in CorpusSplit.TRAIN_ONLY; "
            + "its file belongs in " + (trainOnly ? "an earlier folder" : "the train-only folder"));
      }
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (int n = 1; n <= lines.size(); n++) {
        String line = lines.get(n - 1);
        if (line.isBlank()) {
          continue;
        }
        JsonNode in = JSON.readTree(line);
        ObjectNode row = JSON.createObjectNode();
        row.put("id", String.format("%s-%04d", writer, n));
        row.put("text", in.path("text").asText());
        row.put("label", in.path("label").asText());
        row.put("category", in.path("category").asText());
        row.put("writer", writer);
        if (in.hasNonNull("source")) {
          row.put("source", in.get("source").asText());
        }
        CorpusRow parsed = CorpusRow.of(row);
        if (parsed.text().isBlank() || !parsed.labelIsValid()) {
          System.err.println("skipped " + file.getFileName() + ":" + n + ": " + parsed.label() + "/" + parsed.category());
          continue;
        }
        String key = CorpusSplit.normalised(parsed.text());
        String label = parsed.label() + "/" + parsed.category();
        String earlier = labelOf.putIfAbsent(key, label);
        if (earlier != null) {
          if (!earlier.startsWith(parsed.label() + "/")) {
            System.err.println("repeat labelled otherwise (" + earlier + "): " + file.getFileName() + ":" + n);
          }
          continue;
        }
        String split = trainOnly ? CorpusSplit.ofTrainOnly(parsed.text()) : CorpusSplit.of(parsed.text());
        if (f >= early && split.equals("test")) {
          split = "test-late";
        }
        splits.get(split).add(row);
        counts.merge(split + " " + parsed.label(), 1, Integer::sum);
      }
    }
    Files.createDirectories(out);
    for (var e : splits.entrySet()) {
      try (BufferedWriter w = Files.newBufferedWriter(out.resolve(e.getKey() + ".jsonl"), StandardCharsets.UTF_8)) {
        for (ObjectNode row : e.getValue()) {
          w.write(JSON.writeValueAsString(row));
          w.write('\n');
        }
      }
    }
    counts.forEach((k, v) -> System.out.println(k + " " + v));
  }

  private static List<Path> writers(Path raw) throws IOException {
    try (Stream<Path> s = Files.list(raw)) {
      return s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
    }
  }
}
