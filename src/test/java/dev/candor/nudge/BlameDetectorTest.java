package dev.candor.nudge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The built-in rules on hand-written messages (src/test/resources/nudge/cases.jsonl): for every category at
 * least eight that must be caught, and for every none-family of blame-language.md section 6 at least eight
 * hard negatives that must stay silent.
 */
class BlameDetectorTest {
  private static final BlameDetector DETECTOR = new BlameDetector(RuleSet.builtIn());

  /** One labelled message; its toString is the test's name. */
  record Case(String text, Verdict label, String family) {
    @Override
    public String toString() {
      return "[" + family + "] " + text.replace("\n", " \\n ") + " -> " + label.label();
    }
  }

  static List<Case> cases() throws IOException {
    return read("nudge/cases.jsonl").stream()
        .map(j -> new Case(j.get("text").asText(), Verdict.valueOf(j.get("label").asText().toUpperCase(Locale.ROOT)),
            j.path("family").asText(j.path("category").asText("?"))))
        .toList();
  }

  static List<JsonNode> read(String resource) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> out = new ArrayList<>();
    try (InputStream in = BlameDetectorTest.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException(resource + " is not on the test classpath");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isBlank()) {
          out.add(json.readTree(line));
        }
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void eachCase_getsItsLabel(Case c) {
    List<Finding> findings = DETECTOR.findings(c.text());
    assertEquals(c.label(), BlameDetector.verdict(findings), () -> "findings: " + findings.stream()
        .map(f -> f.ruleId() + (f.shown() ? "" : " (medium)") + " {" + f.match() + "}").collect(Collectors.joining(", ")));
  }

  @Test
  void theCases_coverEveryCategoryAndEveryNoneFamily_eightTimesOrMore() throws IOException {
    List<Case> cases = cases();
    for (Category category : Category.values()) {
      long n = cases.stream().filter(c -> c.family().equals(category.id()) && c.label() != Verdict.NONE).count();
      assertTrue(n >= 8, category.id() + " has " + n + " cases");
    }
    for (String family : List.of("system_as_subject", "modal_future_or_system", "coordination_question", "meta_or_quote",
        "code_or_log", "other_word_sense", "neutral_action_report", "blameless_framing", "routing_handoff",
        "trivial_apology_or_task", "system_sarcasm_or_thanks")) {
      long n = cases.stream().filter(c -> c.family().equals(family) && c.label() == Verdict.NONE).count();
      assertTrue(n >= 8, family + " has " + n + " hard negatives");
    }
  }

  @Test
  void aFinding_carriesTheWordsAsWritten_theirPlace_aRewrite_andAReason() {
    String message = "ugh. @Marco's deploy took us down, 100% of /cart failing";
    Finding f = BlameDetector.shown(DETECTOR.findings(message)).orElseThrow();
    assertEquals(Category.PERSON_AS_CAUSE, f.category());
    assertEquals("cause-persons-change", f.ruleId());
    assertEquals("@Marco's deploy took us down", f.match());
    assertEquals(f.match(), message.substring(f.start(), f.end()));
    assertFalse(f.rewrite().isBlank());
    assertFalse(f.rewrite().toLowerCase(Locale.ROOT).contains("marco"), "the rewrite names the change, not the person");
    assertTrue(f.reason().contains("change instead of the person"), f.reason());
    assertTrue(f.shown());
  }

  @Test
  void aFindingAfterCodeOrAQuote_stillPointsAtTheWordsAsWritten() {
    String message = "`kubectl rollout undo` done.\n> is it fixed?\nwho pushed this??";
    Finding f = BlameDetector.shown(DETECTOR.findings(message)).orElseThrow();
    assertEquals(Category.CULPRIT_HUNT, f.category());
    assertEquals("who pushed this", f.match());
    assertEquals("who pushed this", message.substring(f.start(), f.end()));
    assertTrue(f.rewrite().startsWith("who has context"), f.rewrite());
  }

  @Test
  void selfBlame_getsNoRewrite_butIsShown() {
    Finding f = BlameDetector.shown(DETECTOR.findings("sorry everyone, that was my deploy, my fault")).orElseThrow();
    assertEquals(Category.SELF_BLAME, f.category());
    assertEquals("", f.rewrite());
    assertFalse(f.reason().isBlank());
  }

  @Test
  void selfBlame_winsOverBlameInTheSameMessage() {
    assertEquals(Verdict.SELF_BLAME, DETECTOR.verdict("I'm such an idiot, I should have tested this in staging"));
  }

  @ParameterizedTest(name = "not judged: {0}")
  @ValueSource(strings = {
      "`who broke prod` is the first thing the bot flags",
      "```\nyou should have tested this\nwho pushed this??\n```",
      "> who broke checkout?\nlet's focus on the rollback",
      "&gt; @sam broke prod again\nplease keep it about the change",
      "2024-05-02T10:11:12Z ERROR human error in worker 3",
      "FATAL operator error: reconcile failed",
      "user=sam action=deploy result=broke prod",
      "see https://example.com/who-broke-prod-and-whose-fault",
      "runbook: <https://wiki.example.com/human-error-is-not-a-root-cause|human error>",
      "the word careless is banned from our write-ups",
      "the retro doc says \"who pushed this\" is not a question we ask",
      "she wrote 'human error' in the old report and we changed it"})
  void code_quotes_logLines_urls_andMentions_areNotJudged(String message) {
    assertEquals(Verdict.NONE, DETECTOR.verdict(message),
        () -> DETECTOR.findings(message).stream().map(f -> f.ruleId() + " {" + f.match() + "}").toList().toString());
  }

  @Test
  void aQuotedPhrase_proposedAsTheCause_isUsedNotMentioned() {
    assertEquals(Verdict.BLAME, DETECTOR.verdict("let's just put 'human error' as the root cause and close it"));
    assertEquals(Verdict.NONE, DETECTOR.verdict("please don't put 'human error' as the root cause"));
  }

  @Test
  void aPileOn_isCaughtOnlyUnderAQuotedSelfBlame() {
    assertEquals(Verdict.BLAME, DETECTOR.verdict("> my bad, I pushed the wrong config, sorry all\nyeah, we noticed"));
    assertEquals(Verdict.NONE, DETECTOR.verdict("> my bad, I pushed the wrong config, sorry all\nno worries, happens to all of us"));
    assertEquals(Verdict.NONE, DETECTOR.verdict("> is the rollback done?\nyeah, we noticed the graphs recover"));
  }

  @Test
  void everyBuiltInRule_hasKeywords_aReason_andARewriteUnlessItIsSelfBlame() {
    for (Rule r : RuleSet.builtIn().rules()) {
      assertFalse(r.keywords().isEmpty(), r.id() + " has no keywords");
      assertFalse(r.note().isBlank(), r.id() + " has no note");
      assertEquals(r.category().isSelfBlame(), r.suggest().isBlank(), r.id() + ": suggest");
    }
    for (Category c : Category.values()) {
      assertTrue(RuleSet.builtIn().rules().stream().anyMatch(r -> r.category() == c), c.id() + " has no rule");
    }
  }
}
