package dev.candor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Messages from the blame corpus's train and validation splits, for benchmarks: never the test split, which is
 * measured once, at the end of issue 13, and must not be read before.
 */
final class CorpusChat {
  static final List<String> SPLITS = List.of("train", "validation");
  private static final ObjectMapper JSON = new ObjectMapper();

  private CorpusChat() {}

  /** One labelled message: its words and its label (blame, self_blame or none). */
  record Labelled(String text, String label) {}

  /** Every message of train and validation, in file order. */
  static List<Labelled> trainAndValidation() throws IOException {
    List<Labelled> out = new ArrayList<>();
    for (String split : SPLITS) {
      String path = "/nudge/corpus/" + split + ".jsonl";
      try (InputStream in = CorpusChat.class.getResourceAsStream(path)) {
        if (in == null) {
          throw new IOException(path + " is not on the class path");
        }
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          if (!line.isBlank()) {
            JsonNode n = JSON.readTree(line);
            out.add(new Labelled(n.get("text").asText(), n.get("label").asText()));
          }
        }
      }
    }
    return out;
  }

  /**
   * {@code count} messages of mixed incident chat: half the corpus's messages (blame, self-blame and not, as written
   * there), half plain chatter ({@link ReplayBenchmark#chatter}), in an order fixed by {@code seed}.
   */
  static List<String> mixed(List<Labelled> corpus, int count, long seed) {
    Random random = new Random(seed);
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(random.nextBoolean() ? corpus.get(random.nextInt(corpus.size())).text() : ReplayBenchmark.chatter(random));
    }
    return out;
  }
}
