package dev.candor.timeline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The labelled corpus in {@code secrets/corpus.jsonl}: each line a text and the exact substrings that must be
 * masked (none for a look-alike). Written from the families of secrets teams paste, not from the rules.
 */
class SecretMaskerCorpusTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final SecretMasker masker = new SecretMasker(SecretMaskerTest.KEY);

  record Labelled(int line, String family, String text, List<String> secrets) {}

  static List<Labelled> corpus() throws IOException {
    List<Labelled> all = new ArrayList<>();
    try (InputStream in = Objects.requireNonNull(
            SecretMaskerCorpusTest.class.getResourceAsStream("/secrets/corpus.jsonl"), "secrets/corpus.jsonl");
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode node = JSON.readTree(line);
        List<String> secrets = new ArrayList<>();
        node.path("mask").forEach(s -> secrets.add(s.asText()));
        all.add(new Labelled(number, node.path("family").asText(), node.path("text").asText(), secrets));
      }
    }
    return all;
  }

  /** Why a line is wrong, or null when it is right. */
  String verdict(Labelled l) {
    SecretMasker.Masked masked = masker.mask(l.text());
    String out = masked.text();
    if (l.secrets().isEmpty()) {
      return out.equals(l.text()) && masked.secretMacs().isEmpty() ? null : "false positive: " + out;
    }
    for (String secret : l.secrets()) {
      if (out.contains(secret)) {
        return "missed " + secret + " in: " + out;
      }
    }
    // every other word stays, in order: the text without its secrets against the output without its masks
    String rest = l.text();
    for (String secret : l.secrets()) {
      rest = rest.replace(secret, " ");
    }
    String kept = out.replaceAll("\\[masked [^\\]]*\\]", " ");
    int from = 0;
    for (String word : rest.split("\\s+")) {
      if (word.isEmpty()) {
        continue;
      }
      int at = kept.indexOf(word, from);
      if (at < 0) {
        return "rewrote '" + word + "': " + out;
      }
      from = at + word.length();
    }
    return null;
  }

  @Test
  void everyLineOfTheCorpus_isMaskedExactlyAsLabelled() throws IOException {
    List<Labelled> corpus = corpus();
    List<String> wrong = new ArrayList<>();
    long secretLines = corpus.stream().filter(l -> !l.secrets().isEmpty()).count();
    for (Labelled l : corpus) {
      String why = verdict(l);
      if (why != null) {
        wrong.add("line " + l.line() + " [" + l.family() + "] " + why.replace("\n", "\\n"));
      }
    }
    System.out.printf("secrets corpus: %d lines (%d with secrets, %d look-alikes), %d right, %d wrong%n",
        corpus.size(), secretLines, corpus.size() - secretLines, corpus.size() - wrong.size(), wrong.size());
    assertTrue(corpus.size() >= 120 && secretLines >= 40, "the corpus is too small: " + corpus.size());
    assertTrue(wrong.isEmpty(), wrong.size() + " of " + corpus.size() + " lines wrong:\n" + String.join("\n", wrong));
  }
}
