package dev.candor.main;

import static dev.candor.testing.SlackEvents.envelope;
import static dev.candor.testing.SlackEvents.newEventId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.incident.Incident;
import dev.candor.nudge.BlameDetector;
import dev.candor.nudge.LearnedJudge;
import dev.candor.nudge.RuleSet;
import dev.candor.nudge.Verdict;
import dev.candor.store.JdbcIncidentRepository;
import dev.candor.testing.CandorJar;
import dev.candor.testing.FakeSlack;
import dev.candor.testing.RunningCandor;
import dev.candor.testing.SlackEvents;
import dev.candor.testing.SlackPayloads;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The learned model through the real server ({@code CANDOR_NUDGE_MODEL=on}): a message the rules let pass, which
 * the model reads as blame, gets a private nudge that quotes no phrase, says it read the message as a whole and
 * gives the category's blameless wording.
 */
class NudgeModelIT {
  /** Blame no rule catches (checked below), which the shipped model reads as blame. */
  static final String MODEL_ONLY = "tbh this whole outage is because of marco and his yolo deploys";
  @TempDir Path dir;
  RunningCandor candor;
  FakeSlack slack;
  Incident incident;

  @BeforeEach
  void start() {
    candor = RunningCandor.start(dir, Map.of("CANDOR_NUDGE_MODEL", "on"));
    slack = candor.slack;
    slack.addChannel("CGENERAL", "general", false, false, "UALICE", "UBOB");
    candor.requests.command("UALICE", "CGENERAL", "declare checkout errors sev2");
    String channel = slack.await("conversations.invite").param("channel");
    slack.await("conversations.setTopic");
    incident = new JdbcIncidentRepository(candor.candor.database().dataSource()).byChannel(channel).orElseThrow();
  }

  @AfterEach
  void stop() {
    candor.close();
  }

  @Test
  void aMessageOnlyTheModelReadsAsBlame_getsAPrivateNudge_quotingNoPhrase() {
    assertEquals(Verdict.NONE, new BlameDetector(RuleSet.builtIn()).verdict(MODEL_ONLY), "the rules let it pass");
    // the server loads the model once per process on a background thread; wait for it, as a person never has to
    LearnedJudge judge = NudgeModel.load().join().orElseThrow();
    assertTrue(judge.read(MODEL_ONLY).orElseThrow().verdict(judge.model().thresholds()) != Verdict.NONE);

    var event = SlackEvents.message(incident.channelId(), "1700000001.000100", "UBOB", MODEL_ONLY);
    assertEquals(200, candor.requests.event(envelope(newEventId(), event), Map.of()).status());

    var note = slack.await("chat.postEphemeral", c -> "UBOB".equals(c.param("user")));
    String text = note.param("text");
    assertTrue(text.startsWith("Read as a whole, your message may come across as "), text);
    assertTrue(text.contains("try: "), text);
    assertFalse(text.contains(MODEL_ONLY), "quotes no phrase: " + text);
    assertTrue(note.json("blocks").contains("model-"), "the [Not blame] button names the model's category");
  }
  /**
   * Issue 13, item 7: [Not blame] on a nudge the model alone gave is counted under its category, and
   * {@code check --stats} (the packaged jar, reading the same database) prints it there, apart from the rules.
   */
  @Test
  void notBlame_onTheModelsNudge_isCountedUnderItsCategory_andCheckStatsPrintsIt() throws Exception {
    LearnedJudge judge = NudgeModel.load().join().orElseThrow();
    String category = judge.read(MODEL_ONLY).orElseThrow().category().id().replace('_', '-');
    var event = SlackEvents.message(incident.channelId(), "1700000002.000100", "UBOB", MODEL_ONLY);
    assertEquals(200, candor.requests.event(envelope(newEventId(), event), Map.of()).status());
    var note = slack.await("chat.postEphemeral", c -> "UBOB".equals(c.param("user")));
    String value = note.json("blocks")
        .replaceAll("(?s).*\"action_id\":\"nudge_not_blame\".*?\"value\":\"([^\"]+)\".*", "$1");
    assertTrue(value.startsWith("model-" + category + ":"), value);

    assertEquals(200, candor.requests.interaction(SlackPayloads.buttonInChannel(slack, "UBOB", incident.channelId(),
        "nudge_not_blame", value, "nb")).status());
    var thanks = slack.await("response_url", c -> "nb".equals(c.param("id")));
    assertTrue(thanks.body().contains("Thanks"), thanks.body());
    candor.stopCandor(); // the counts are written before the thanks; check --stats reads them as an operator would

    CandorJar.Run stats = CandorJar.run(dir, Map.of("DATABASE_URL", "jdbc:sqlite:" + candor.databaseFile), "check",
        "--stats");

    assertEquals(0, stats.exit(), stats.describe());
    List<String> lines = stats.out().lines().toList();
    int heading = lines.indexOf(lines.stream().filter(l -> l.startsWith("learned model, by category ")).findFirst()
        .orElseThrow(() -> new AssertionError(stats.describe())));
    assertTrue(lines.get(heading).matches("learned model, by category +shown +counted +not blame"), stats.describe());
    assertTrue(lines.get(heading + 1).matches("model-" + category + " +1 +0 +1"), stats.describe());
    assertTrue(lines.stream().limit(heading).noneMatch(l -> l.startsWith("model-")), "the model's rows apart from the "
        + "rules': " + stats.describe());
  }
}
