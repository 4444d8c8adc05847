package dev.candor.nudge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleSetTest {
  static final String GOOD = "{\"define\": \"WHO\", \"pattern\": \"who\"}\n"
      + "# a comment\n\n"
      + "{\"id\": \"who-did\", \"category\": \"culprit_hunt\", \"sureness\": \"high\", \"keywords\": [\"who\"], "
      + "\"patterns\": [\"\\\\b{WHO} did (?:this|it)\\\\b\"], \"unless\": [\"\\\\bgit blame\\\\b\"], "
      + "\"suggest\": \"who has context?\", \"note\": \"Asking who can help brings people in.\"}\n";

  @Test
  void aRulesFile_definesMacros_andRulesWithTheirExceptions() {
    BlameDetector detector = new BlameDetector(RuleSet.of("team.jsonl", GOOD));
    Finding f = detector.findings("ok, who did this?").get(0);
    assertEquals("who-did", f.ruleId());
    assertEquals("who did this", f.match());
    assertEquals(4, f.start());
    assertEquals("who has context?", f.rewrite());
    assertEquals(Verdict.NONE, detector.verdict("who did this, per git blame"));
    assertEquals(Verdict.NONE, detector.verdict("`who did this`"), "code is not judged");
    assertEquals(Verdict.NONE, detector.verdict("> who did this"), "a quote is not judged");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{not json|team.jsonl:1: not a JSON object",
      "{\"id\": \"x\"}|team.jsonl:1: \"category\" is missing",
      "{\"id\": \"Bad Id\", \"category\": \"culprit_hunt\"}|team.jsonl:1: a rule id is lowercase",
      "{\"id\": \"x\", \"category\": \"nope\", \"sureness\": \"high\"}|team.jsonl:1: unknown category \"nope\"",
      "{\"id\": \"x\", \"category\": \"culprit_hunt\", \"sureness\": \"very\"}|team.jsonl:1: sureness is high, medium or low",
      "{\"id\": \"x\", \"category\": \"culprit_hunt\", \"sureness\": \"high\", \"patterns\": [\"(\"], \"suggest\": \"s\", \"note\": \"n\"}|team.jsonl:1: bad pattern",
      "{\"id\": \"x\", \"category\": \"culprit_hunt\", \"sureness\": \"high\", \"patterns\": [\"{NOPE}\"], \"suggest\": \"s\", \"note\": \"n\"}|team.jsonl:1: unknown macro {NOPE}",
      "{\"id\": \"x\", \"category\": \"culprit_hunt\", \"sureness\": \"high\", \"patterns\": [\"a\"], \"note\": \"n\"}|team.jsonl:1: rule \"x\" needs a \"suggest\"",
      "{\"disable\": \"no-such-rule\"}|team.jsonl:1: there is no rule \"no-such-rule\" to disable",
      "{\"hold_back_model\": \"blame\"}|team.jsonl:1: \"hold_back_model\" must list",
      "{\"hold_back_model\": [\"nope\"], \"patterns\": [\"a\"], \"note\": \"n\"}|team.jsonl:1: unknown category \"nope\"",
      "{\"hold_back_model\": [\"blame\"], \"note\": \"n\"}|team.jsonl:1: a model hold has no patterns",
      "{\"hold_back_model\": [\"blame\"], \"patterns\": [\"a\"]}|team.jsonl:1: \"note\" is missing"})
  void aMalformedLine_isNamedByFileAndLine(String line, String message) {
    RulesException e = assertThrows(RulesException.class, () -> RuleSet.of("team.jsonl", line));
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }

  @Test
  void theLineNumber_countsCommentsAndBlankLines() {
    RulesException e = assertThrows(RulesException.class, () -> RuleSet.of("team.jsonl", GOOD + "\n{oops"));
    assertTrue(e.getMessage().startsWith("team.jsonl:6:"), e.getMessage());
  }

  @Test
  void aTeamFile_addsToTheBuiltInRules_andCanSwitchOneOff(@TempDir Path dir) throws IOException {
    int builtIn = RuleSet.builtIn().rules().size();
    String first = RuleSet.builtIn().rules().get(0).id();
    Path team = dir.resolve("team.jsonl");
    Files.writeString(team, GOOD + "{\"disable\": \"" + first + "\"}\n");
    RuleSet both = RuleSet.builtInAnd(team);
    assertEquals(builtIn, both.rules().size());
    assertTrue(both.rules().stream().anyMatch(r -> r.id().equals("who-did")));
    assertTrue(both.rules().stream().noneMatch(r -> r.id().equals(first)));
  }

  @Test
  void theBuiltInRules_load() {
    assertTrue(RuleSet.builtIn().rules().size() >= 2);
  }
}
