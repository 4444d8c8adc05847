package dev.candor.nudge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The hybrid of rules and the learned model, with a fake encoder (the model is not the subject): the rules speak
 * first; the model speaks where they are silent, above its threshold, quoting nothing; it reads the prose only; the
 * prefilter spares it messages that refer to nobody; without a loaded model, the rules alone.
 */
class HybridDetectorTest {
  static final RuleSet RULES = RuleSet.builtIn();

  /** "zzz" reads as a culprit hunt, "yyy" as self-blame, anything else as nothing; it records what it was given. */
  static class FakeEncoder implements SentenceEncoder {
    final List<String> seen = new ArrayList<>();

    @Override
    public String name() {
      return "fake";
    }

    @Override
    public int dimension() {
      return 3;
    }

    @Override
    public float[] encode(String text) {
      seen.add(text);
      return text.contains("zzz") ? new float[] {1, 0, 0} : text.contains("yyy") ? new float[] {0, 0, 1}
          : new float[] {0, 1, 0};
    }
  }

  static BlameModel model(double threshold) {
    return model(Thresholds.both(threshold));
  }

  static BlameModel model(Thresholds thresholds) {
    int k = BlameModel.CLASSES;
    float[] weights = new float[3 * k];
    weights[Category.CULPRIT_HUNT.ordinal() + 1] = 10; // embedding dimension 0: a culprit hunt
    weights[k] = 10; // dimension 1: none
    weights[2 * k + Category.SELF_BLAME.ordinal() + 1] = 10; // dimension 2: self-blame
    return new BlameModel("fake", 3, new int[0], new float[0], weights, new float[k], thresholds, null);
  }

  final FakeEncoder encoder = new FakeEncoder();
  final BlameDetector hybrid =
      new BlameDetector(RULES, () -> Optional.of(new LearnedJudge(model(0.9), encoder)));

  @Test
  void whereTheRulesAreSilent_theModelSpeaks_quotingNothing_withTheCategorysWording() {
    String message = "hey team, zzz about the 14:02 change";
    assertEquals(Verdict.NONE, new BlameDetector(RULES).verdict(message), "the rules alone say nothing");

    Finding f = hybrid.judge(message).shown().orElseThrow();

    assertTrue(f.fromModel());
    assertEquals("model-culprit-hunt", f.ruleId());
    assertEquals(Category.CULPRIT_HUNT, f.category());
    assertEquals("", f.match(), "the model points at no phrase");
    assertEquals(ModelWording.rewrite(Category.CULPRIT_HUNT), f.rewrite());
    assertTrue(f.probability().getAsDouble() > 0.99, f.toString());
    assertEquals(Verdict.BLAME, hybrid.verdict(message));
    assertEquals(List.of(f), hybrid.findings(message));
  }

  @Test
  void whenTheRulesSpeak_theyWin_andTheModelIsNotAsked() {
    Finding f = hybrid.judge("who broke prod? zzz").shown().orElseThrow();

    assertFalse(f.fromModel(), f.toString());
    assertEquals(List.of(), encoder.seen);
  }

  @Test
  void selfBlameFromTheModel_isSelfBlame_withNoRewrite() {
    Finding f = hybrid.judge("ugh yyy, that was me on the deploy").shown().orElseThrow();

    assertEquals(Category.SELF_BLAME, f.category());
    assertEquals("", f.rewrite());
    assertEquals(Verdict.SELF_BLAME, hybrid.verdict("ugh yyy, that was me on the deploy"));
  }

  @Test
  void whereTheWordsSayWhatTheMessageIsNot_theRulesHoldTheModelBack() {
    // blameless framing holds back blame; a disclaimer before a "but" does not
    assertEquals(Optional.empty(), hybrid.judge("zzz, no blame on the contractor, our doc had the wrong endpoint")
        .shown());
    assertEquals(Optional.empty(), hybrid.judge("zzz. nobody is going to lose their job over this").shown());
    assertTrue(hybrid.judge("zzz, not trying to point fingers but the contractor's doc was wrong").shown()
        .orElseThrow().fromModel());
    // a chat-level apology holds back self-blame, and only self-blame
    assertEquals(Optional.empty(), hybrid.judge("yyy sorry my laptop died, back now").shown());
    assertEquals(Optional.empty(), hybrid.judge("yyy sorry, wrong channel").shown());
    assertEquals(Category.SELF_BLAME, hybrid.judge("yyy that was me on the deploy").shown().orElseThrow().category());
    assertEquals(Category.SELF_BLAME, hybrid.judge("yyy I feel like such an idiot, I copied it from the wrong tab")
        .shown().orElseThrow().category(), "words of fault beside the apology");
    // a who-question that says what it is for holds back a culprit hunt
    assertEquals(Optional.empty(),
        hybrid.judge("zzz who ran the backfill this morning? want to check which dates it covered").shown());
    assertEquals(Optional.empty(), hybrid.judge("zzz who ran the backfill? want to ask them how it works").shown());
    assertEquals(Verdict.BLAME, hybrid.verdict("zzz who ran the backfill this morning"));
  }

  @Test
  void aSystemAsTheSubject_holdsBackTheCategoryItLooksLike() {
    assertHeld(Category.SARCASM_PILEON, "terraform strikes again :upside_down_face:",
        "classic kafka doing its thing");
    assertHeld(Category.COUNTERFACTUAL, "let's check why staging didn't catch this",
        "tbh the canary should have caught it");
    assertHeld(Category.PERSON_AS_CAUSE, "rate limiter caused all of it tbh", "the retry storm is what killed the db");
    // people and passives are not held back
    assertHeld(null, "jake strikes again", "the outage was caused by Kenji disabling the breaker",
        "outage caused by <@U07BN4WE2S> pushing an untested config", "raj should have caught it in review",
        "it wasn't the vendor, it was jake's deploy", "it wasn't the mobile team. We haven't shipped since the 2nd",
        "Had the release manager checked, the rollout would have been halted", "Backend killed login for iOS");
  }

  private void assertHeld(Category category, String... messages) {
    for (String m : messages) {
      assertEquals(category == null ? java.util.Set.of() : java.util.Set.of(category), hybrid.modelHeldBack(m), m);
    }
  }

  @Test
  void theHolds_areAskedOnlyWhenTheModelCouldSpeak() {
    LearnedJudge judge = new LearnedJudge(model(0.9), encoder);
    java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
    java.util.function.Supplier<java.util.Set<Category>> held = () -> {
      asked.incrementAndGet();
      return java.util.Set.of();
    };

    assertEquals(Optional.empty(), judge.judgeText("hey team, about the 14:02 change", false, held));
    assertEquals(Optional.empty(), judge.judgeDocumentText("The team reviewed the 14:02 change.", held));
    assertEquals(0, asked.get(), "a reading below every threshold needs no holds");
    assertTrue(judge.judgeText("hey team, zzz about the 14:02 change", false, held).isPresent());
    assertEquals(1, asked.get());
  }

  @Test
  void aTeamsRulesFile_canHoldTheModelBack() {
    RuleSet team = RuleSet.of("team.jsonl", "{\"hold_back_model\": [\"culprit_hunt\"], \"patterns\": [\"\\\\bgame day\\\\b\"], "
        + "\"note\": \"our drills\"}");
    BlameDetector detector = new BlameDetector(team, () -> Optional.of(new LearnedJudge(model(0.9), encoder)));

    assertEquals(Optional.empty(), detector.judge("zzz for the game day, who is on the db").shown());
    assertEquals(Verdict.BLAME, detector.verdict("zzz for the retro, who is on the db"));
    assertEquals(java.util.Set.of(Category.CULPRIT_HUNT), detector.modelHeldBack("for the game day, who is on the db"));
    assertEquals(java.util.Set.of(), hybrid.modelHeldBack("for the game day, who is on the db"),
        "the built-in rules do not hold a game day back");
  }

  @Test
  void belowItsThreshold_theModelStaysSilent() {
    BlameDetector unsure = new BlameDetector(RULES, () -> Optional.of(new LearnedJudge(model(0.99999), encoder)));

    assertEquals(Optional.empty(), unsure.judge("hey team, zzz about the 14:02 change").shown());
  }

  @Test
  void theModelReadsTheProseOnly_codeAndQuotesBlanked() {
    hybrid.judge("our deploy zzz ```who broke prod``` and `rm -rf` \"quoted words\" done");

    assertEquals(List.of("our deploy zzz and done"), encoder.seen);
  }

  @Test
  void aMessageThatRefersToNobody_isNotReadByTheModel() {
    assertEquals(Optional.empty(), hybrid.judge("p99 latency zzz 400ms since 14:02, cpu flat").shown());
    assertEquals(List.of(), encoder.seen, "the prefilter skipped it");
  }

  @Test
  void withoutALoadedModel_theRulesAlone() {
    BlameDetector loading = new BlameDetector(RULES, Optional::empty);

    assertEquals(Optional.empty(), loading.judge("hey team, zzz about the 14:02 change").shown());
  }

  @Test
  void aModelTrainedOnAnotherEncoder_isRefused() {
    SentenceEncoder other = new FakeEncoder() {
      @Override
      public String name() {
        return "another";
      }
    };
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new LearnedJudge(model(0.9), other));
    assertTrue(e.getMessage().contains("trained on fake"), e.getMessage());
  }

  @Test
  void blameAndSelfBlame_eachSpeakAtTheirOwnThreshold() {
    BlameModel.Prediction blame = new BlameModel.Prediction(0.7, 0.1, Category.CULPRIT_HUNT);
    BlameModel.Prediction self = new BlameModel.Prediction(0.2, 0.6, Category.CULPRIT_HUNT);
    Thresholds t = new Thresholds(0.75, 0.55);

    assertEquals(Verdict.NONE, blame.verdict(t), "blame under its threshold");
    assertEquals(Verdict.BLAME, blame.verdict(new Thresholds(0.7, 0.99)));
    assertEquals(Verdict.SELF_BLAME, self.verdict(t), "self-blame over its own, lower threshold");
    assertEquals(Verdict.NONE, self.verdict(Thresholds.both(0.75)));
    assertThrows(IllegalArgumentException.class, () -> new Thresholds(0, 0.5));
  }

  @Test
  void judging_readsAMessageAsTrainingReadIt() {
    String message = "<@U04QK7RZ2> zzz the 14:02 change, see <#C0123ABC|inc-db>";
    hybrid.judge(message);
    hybrid.findings(message);

    assertEquals(List.of(LearnedJudge.modelText(message), LearnedJudge.modelText(message)), encoder.seen);
    assertEquals("@colleague zzz the 14:02 change, see #inc-db", encoder.seen.get(0));
  }

  @Test
  void theModelReadsAMention_asAPersonNotAnId() {
    assertEquals("ok so @colleague broke checkout, see #inc-db @here",
        LearnedJudge.modelText("ok so <@U04QK7RZ2> broke checkout, see <#C0123ABC|inc-db> <!here>"));
    assertEquals("@alice and @sre-oncall why", LearnedJudge.modelText("<@U1|alice> and <!subteam^S1|@sre-oncall> why"));
    assertEquals(LearnedJudge.modelText("<@U0AAA> forgot to drain the node"),
        LearnedJudge.modelText("<@U0BBB999> forgot to drain the node"), "one reading whatever the id");
  }

  /** In a document, the model alone speaks only at its document threshold, higher than chat's; the rules as in chat. */
  @Test
  void inADocument_theModelNeedsItsDocumentThreshold() {
    BlameDetector stricter = new BlameDetector(RULES,
        () -> Optional.of(new LearnedJudge(model(new Thresholds(0.9, 0.9, 0.99999)), encoder)));
    String paragraph = "The engineer zzz about the 14:02 change.";

    assertTrue(stricter.findings(paragraph).get(0).fromModel(), "in chat the model speaks");
    assertEquals(List.of(), stricter.documentFindings(paragraph), "in a document it is not sure enough");
    assertEquals("cause-person-broke", stricter.documentFindings("Then Bartholomew broke checkout with the 14:02 "
        + "deploy. zzz").get(0).ruleId(), "the rules speak in a document as in chat");
  }

  /**
   * In a document, the model's blame needs someone other than the writers to blame, and its self-blame needs the
   * writer (blame-language.md, gate 3): the writers' "we" narrating what happened is nobody's fault.
   */
  @Test
  void inADocument_theModelNeedsATargetInTheWords() {
    assertEquals(Verdict.BLAME, hybrid.verdict("Everyone zzz about the 14:02 change."), "chat reads it");
    assertEquals(List.of(), hybrid.documentFindings("Everyone zzz about the 14:02 change."),
        "people at large are no target in a document");
    assertEquals(List.of(), hybrid.documentFindings("We zzz about the 14:02 change."));
    Finding inADocument = hybrid.documentFindings("The release manager zzz about the 14:02 change.").get(0);
    assertEquals(Category.CULPRIT_HUNT, inADocument.category());
    assertFalse(inADocument.shown(), "the model alone in a document is medium: counted, not shown");
    assertTrue(hybrid.findings("The release manager zzz about the 14:02 change.").get(0).shown(), "in chat it is shown");

    assertEquals(Verdict.SELF_BLAME, hybrid.verdict("The platform team's yyy on the deploy."), "chat reads it");
    assertEquals(List.of(), hybrid.documentFindings("The platform team's yyy on the deploy."));
    assertEquals(Category.SELF_BLAME, hybrid.documentFindings("Our yyy on the deploy.").get(0).category());
  }

  /**
   * In chat too, the model's blame needs a target other than the author (gate 3; 3.3): a message whose only person
   * is its author ("we", "I"), or that names no one and has a system as the subject, gets no blame from the model;
   * a named person, "you", a team, a lower-case name before what they did, a quoted line replied to: it does.
   */
  @Test
  void inChat_theModelsBlameOfTheAuthorAlone_isNoBlame() {
    for (String message : List.of(
        "We forgot to renew the certificate zzz.",
        "i merged the cert change zzz, rolling it back now",
        "zzz: the cron job took down the read replica again")) {
      assertEquals(Verdict.NONE, new BlameDetector(RULES).verdict(message), "the rules alone: " + message);
      assertEquals(Optional.empty(), hybrid.judge(message).shown(), message);
      assertEquals(Verdict.NONE, hybrid.verdict(message), message);
      assertEquals(List.of(), hybrid.findings(message), message);
    }
  }

  @Test
  void inChat_theModelsBlameOfSomeoneElse_isStillRead() {
    for (String message : List.of(
        "we zzz, marcus merged the cert change",
        "zzz you merged the cert change and we went down",
        "the DBA team zzz the certificate and we went down",
        "<@U04QK7RZ2> zzz the certificate, we lost an hour",
        "We lost an hour: Priyanka zzz the certificate",
        "> sorry, the cert was mine\nyeah we zzz noticed")) {
      assertEquals(Verdict.NONE, new BlameDetector(RULES).verdict(message), "the rules alone: " + message);
      Finding f = hybrid.judge(message).shown().orElseThrow(() -> new AssertionError(message));
      assertEquals("model-culprit-hunt", f.ruleId(), message);
      assertEquals(Verdict.BLAME, hybrid.verdict(message), message);
    }
  }

  /**
   * Where the author is the only one referred to, the model's blame is at most self-blame, if that reaches its own
   * threshold; a pile-on reply or "human error" may aim outside the words, and stays blame.
   */
  @Test
  void theAuthorAlone_isAtMostSelfBlame_butAPileOnOrHumanErrorStaysBlame() {
    Thresholds t = new Thresholds(0.5, 0.4);
    BlameModel.Prediction both = new BlameModel.Prediction(0.55, 0.45, Category.COUNTERFACTUAL);
    BlameModel.Prediction blameOnly = new BlameModel.Prediction(0.9, 0.05, Category.PERSON_AS_CAUSE);

    assertEquals(Verdict.BLAME, LearnedJudge.chatVerdict(both, false, t));
    assertEquals(Verdict.SELF_BLAME, LearnedJudge.chatVerdict(both, true, t));
    assertEquals(Verdict.NONE, LearnedJudge.chatVerdict(blameOnly, true, t));
    assertEquals(Verdict.BLAME, LearnedJudge.chatVerdict(blameOnly, false, t));
    for (Category outside : List.of(Category.SARCASM_PILEON, Category.HUMAN_ERROR_CAUSE)) {
      assertEquals(Verdict.BLAME, LearnedJudge.chatVerdict(new BlameModel.Prediction(0.9, 0.05, outside), true, t),
          outside.toString());
    }
  }
}
