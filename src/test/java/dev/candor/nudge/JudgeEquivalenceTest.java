package dev.candor.nudge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** The short path Candor runs on live messages gives exactly what the full scan gives. */
class JudgeEquivalenceTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static List<String> texts(String resource) throws IOException {
    List<String> texts = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        Objects.requireNonNull(JudgeEquivalenceTest.class.getClassLoader().getResourceAsStream(resource), resource),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (!line.isBlank()) {
          texts.add(JSON.readTree(line).get("text").asText());
        }
      }
    }
    return texts;
  }

  @Test
  void judge_showsWhatTheFullScanWouldShow_andCountsTheSameMediumFindings() throws IOException {
    BlameDetector detector = new BlameDetector(RuleSet.builtIn());
    List<String> texts = new ArrayList<>(texts("nudge/cases.jsonl"));
    texts.addAll(texts("nudge/blame-dev.jsonl"));
    assertTrue(texts.size() > 300);
    for (String text : texts) {
      List<Finding> all = detector.findings(text);
      BlameDetector.Judgement judged = detector.judge(text);
      assertEquals(BlameDetector.shown(all).map(Finding::ruleId), judged.shown().map(Finding::ruleId), text);
      assertEquals(all.stream().filter(f -> !f.shown()).map(Finding::ruleId).toList(),
          judged.counted().stream().map(Finding::ruleId).toList(), text);
    }
  }
}
