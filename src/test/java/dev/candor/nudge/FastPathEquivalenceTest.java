package dev.candor.nudge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The detector's fast path (patterns tried only where their anchors allow a match to start, keywords looked up
 * through one automaton, exceptions tried once per message) gives exactly the findings of the plain evaluation
 * ({@link StraightEvaluation}): the same rules, spans, words, rewrites, in the same order, on every labelled message
 * and thousands of messages made from them ({@link VariedMessages}); {@code judge} and {@code verdict} agree too.
 * Also for a team's rules the anchors cannot all be read from (back references, comments mode, Unicode classes,
 * rules without keywords), which must then be tried everywhere.
 */
class FastPathEquivalenceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theBuiltInRules_findExactlyWhatThePlainEvaluationFinds() throws IOException {
    List<String> corpus = VariedMessages.corpus(1_800, 4);
    int withFindings = check(new BlameDetector(RuleSet.builtIn()), RuleSet.builtIn(), corpus);
    assertTrue(corpus.size() > 2_200, "corpus of " + corpus.size());
    assertTrue(withFindings > corpus.size() / 3, "only " + withFindings + " messages with findings: a weak corpus");
  }

  @Test
  void aTeamsRules_thatTheAnchorsCannotAllBeReadFrom_findExactlyWhatThePlainEvaluationFinds(@TempDir Path dir)
      throws IOException {
    Path team = dir.resolve("team.jsonl");
    Files.write(team, List.of(
        JSON.writeValueAsString(Map.of("define", "TOOL", "words", List.of("jenkins", "argo cd", "spinnaker"))),
        // a back reference: no anchors, tried everywhere
        rule("team-echo", "high", List.of("\\b(\\w+) \\1 again\\b"), List.of(), List.of()),
        // comments mode and a Unicode class: no anchors
        rule("team-comments", "high", List.of("(?x) who \\s+ nuked \\s+ \\p{IsLetter}+"), List.of(), List.of()),
        // a lookbehind first, then an unbounded run of letters and of spaces before the literal; no keywords
        rule("team-tool", "high", List.of("(?<=[.!?] |^)[a-z]+\\s+broke {TOOL}\\b"), List.of(), List.of()),
        // a medium rule: a code point outside the BMP, repeated, and the Kelvin sign, which folds to k
        rule("team-eyes", "medium", List.of("🙄{1,3}\\s*(?:o\u212Aay|sure)"), List.of(), List.of("okay", "sure")),
        // an atomic group, a possessive run, a lazy run of any char, a negated class, an exception
        rule("team-bot", "high", List.of("(?>blame|fault)\\b[^.]{0,30}?\\bthe bot\\b", "\\bbot\\w*+ .{0,40}?did it\\b"),
            List.of("\\bnot\\b"), List.of()),
        JSON.writeValueAsString(Map.of("disable", "self-my-bad"))));
    RuleSet rules = RuleSet.builtInAnd(team);
    List<String> corpus = VariedMessages.corpus(400, 5);
    corpus.addAll(List.of("that that again, lol", "ok who   nuked  prod", "ok. sam   broke argo cd again",
        "🙄🙄 OKAY then", "🙄 o\u212Aay", "blame it all on the bot", "the bots, as usual, did it",
        "it's not the bot's fault, blame the bot"));
    BlameDetector detector = new BlameDetector(rules);
    int withFindings = check(detector, rules, corpus);
    assertTrue(withFindings > 100, "only " + withFindings + " messages with findings");
    for (String id : List.of("team-echo", "team-comments", "team-tool", "team-eyes", "team-bot")) {
      assertTrue(corpus.stream().anyMatch(t -> detector.findings(t).stream().anyMatch(f -> f.ruleId().equals(id))),
          id + " never matched: the test would not show it is tried where it should be");
    }
  }

  private static String rule(String id, String sureness, List<String> patterns, List<String> unless, List<String> keywords)
      throws IOException {
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("id", id);
    rule.put("category", "culprit_hunt");
    rule.put("sureness", sureness);
    rule.put("patterns", patterns);
    rule.put("unless", unless);
    rule.put("keywords", keywords);
    rule.put("suggest", "who has context on the change?");
    rule.put("note", "Asking who can help brings people in.");
    return JSON.writeValueAsString(rule);
  }

  @Test
  void longMessages_withManyAnchorsAndLongBlankedStretches_findTheSame() throws IOException {
    List<String> base = VariedMessages.labelled();
    Random random = new Random(6);
    List<String> corpus = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      String m = VariedMessages.joined(base, random, 4_096);
      corpus.add(i % 2 == 0 ? m : "```" + m.substring(0, 1_000) + "```" + m.substring(1_000));
    }
    check(new BlameDetector(RuleSet.builtIn()), RuleSet.builtIn(), corpus);
  }

  /** Checks every text; returns how many had findings. */
  private static int check(BlameDetector detector, RuleSet rules, List<String> corpus) {
    StraightEvaluation straight = new StraightEvaluation(rules);
    int withFindings = 0;
    for (String text : corpus) {
      List<Finding> expected = straight.findings(text);
      assertEquals(expected, detector.findings(text), () -> "findings of: " + text);
      BlameDetector.Judgement judged = detector.judge(text);
      assertEquals(BlameDetector.shown(expected), judged.shown(), () -> "shown for: " + text);
      assertEquals(expected.stream().filter(f -> !f.shown()).toList(), judged.counted(), () -> "counted for: " + text);
      assertEquals(BlameDetector.verdict(expected), detector.verdict(text), () -> "verdict of: " + text);
      if (!expected.isEmpty()) {
        withFindings++;
      }
    }
    return withFindings;
  }
}
