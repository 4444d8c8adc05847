package dev.candor.main;

import static dev.candor.testing.CandorJar.assertNoStackTrace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.incident.IncidentRepository;
import dev.candor.incident.Severity;
import dev.candor.store.Database;
import dev.candor.store.JdbcIncidentRepository;
import dev.candor.store.LocalKey;
import dev.candor.testing.CandorJar;
import dev.candor.testing.CandorJar.Run;
import dev.candor.testing.RunningCandor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar as an operator runs it: a child JVM, its exit status and what it prints. */
class CliIT {
  static final Path JAR = CandorJar.JAR;

  @TempDir Path dir;

  @BeforeAll
  static void theJarIsBuilt() {
    assertTrue(Files.isRegularFile(JAR),
        "mvn package should have made " + JAR.toAbsolutePath() + " (design.md, Interfaces)");
  }

  /** Runs {@code java -jar candor.jar args} with the inherited environment minus every Candor setting, plus {@code env}. */
  Run candor(Map<String, String> env, String... args) throws IOException, InterruptedException {
    return CandorJar.run(dir, env, args);
  }

  @Test
  void serving_withoutABotToken_exitsTwoWithOneLineNamingIt() throws Exception {
    Run run = candor(Map.of("SLACK_SIGNING_SECRET", "test-secret"), "serve");

    assertEquals(2, run.exit(), run.describe());
    assertEquals(1, run.errLines().size(), run.describe());
    assertTrue(run.errLines().get(0).contains("SLACK_BOT_TOKEN"), run.describe());
    assertNoStackTrace(run);
  }

  @Test
  void serving_withAnEmptyEnvironment_namesTheBotTokenFirst() throws Exception {
    Run run = candor(Map.of(), "serve");

    assertEquals(2, run.exit(), run.describe());
    assertEquals(1, run.errLines().size(), run.describe());
    assertTrue(run.errLines().get(0).contains("SLACK_BOT_TOKEN"), run.describe());
    assertNoStackTrace(run);
  }

  @Test
  void serving_withAMalformedPort_exitsTwoNamingPortAndNeverTheToken() throws Exception {
    Run run = candor(Map.of("SLACK_BOT_TOKEN", "xoxb-cli-secret-token", "SLACK_SIGNING_SECRET", "test-secret",
        "PORT", "abc"), "serve");

    assertEquals(2, run.exit(), run.describe());
    assertEquals(1, run.errLines().size(), run.describe());
    assertTrue(run.errLines().get(0).contains("PORT"), run.describe());
    assertTrue(run.errLines().get(0).contains("abc"), run.describe());
    assertFalse((run.out() + run.err()).contains("xoxb-cli-secret-token"), run.describe());
    assertNoStackTrace(run);
  }

  /**
   * Which part spoke: a rule, or the model with its probability; and in chat the model's blame needs a target other
   * than the author (blame-language.md, gate 3 and 3.3): "We forgot to renew the certificate.", which the model reads
   * as a counterfactual (p=0.98), is no blame when its author is the only one in it.
   */
  @Test
  void check_withTheModelOn_saysWhichPartSpoke_theRuleOrTheModelWithItsProbability() throws Exception {
    Path messages = dir.resolve("m.jsonl");
    Files.writeString(messages, "{\"id\": \"rule\", \"text\": \"who broke prod?\", \"label\": \"blame\"}\n"
        + "{\"id\": \"model\", \"text\": \"" + NudgeModelIT.MODEL_ONLY + "\", \"label\": \"blame\"}\n"
        + "{\"id\": \"we\", \"text\": \"We forgot to renew the certificate.\", \"label\": \"none\"}\n");

    Run run = candor(Map.of("CANDOR_NUDGE_MODEL", "on"), "check", messages.toString());

    assertEquals(0, run.exit(), run.describe());
    assertEquals("", run.err(), "no CUDA warning, no log line: " + run.describe());
    String rule = run.out().lines().filter(l -> l.startsWith("rule\t")).findFirst().orElseThrow();
    assertTrue(rule.matches("rule\tblame\tok\t[a-z0-9-]+ \"who broke[^\"]*\"") && !rule.contains("model-"),
        run.describe());
    String model = run.out().lines().filter(l -> l.startsWith("model\t")).findFirst().orElseThrow();
    assertTrue(model.matches("model\tblame\tok\tmodel-[a-z-]+ p=[01]\\.\\d\\d"), run.describe());
    assertTrue(run.out().lines().anyMatch(l -> l.equals("we\tnone\tok")), run.describe());
  }

  @Test
  void healthcheck_whenNothingListens_exitsOne() throws Exception {
    // a port held bound but never listening: a connection to it is refused, and nothing else can listen there
    try (Socket holder = new Socket()) {
      holder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int port = holder.getLocalPort();

      Run run = candor(Map.of("PORT", Integer.toString(port)), "healthcheck");

      assertEquals(1, run.exit(), run.describe());
      assertTrue(run.err().contains("127.0.0.1:" + port), run.describe());
      assertNoStackTrace(run);
    }
  }

  @Test
  void healthcheck_againstARunningCandor_exitsZero() throws Exception {
    try (RunningCandor running = RunningCandor.start(dir)) {
      Run run = candor(Map.of("PORT", Integer.toString(running.candor.port())), "healthcheck");

      assertEquals(0, run.exit(), run.describe());
      assertTrue(run.out().startsWith("200 "), run.describe());
    }
  }

  @Test
  void healthcheck_withAMalformedPort_exitsTwoNamingPort() throws Exception {
    Run run = candor(Map.of("PORT", "abc"), "healthcheck");

    assertEquals(2, run.exit(), run.describe());
    assertTrue(run.err().contains("PORT"), run.describe());
    assertNoStackTrace(run);
  }

  @Test
  void anUnknownSubcommand_exitsTwoNamingIt() throws Exception {
    Run run = candor(Map.of(), "frobnicate");

    assertEquals(2, run.exit(), run.describe());
    assertTrue(run.err().contains("frobnicate"), run.describe());
    assertNoStackTrace(run);
  }

  @Test
  void noSubcommand_exitsTwoAndShowsTheCommands() throws Exception {
    Run run = candor(Map.of());

    assertEquals(2, run.exit(), run.describe());
    assertTrue(run.err().contains("serve") && run.err().contains("healthcheck"), run.describe());
    assertNoStackTrace(run);
  }

  @Test
  void help_forACommandThroughTheJar_printsItsUsageAndExitsZero() throws Exception {
    Run option = candor(Map.of(), "export", "--help");
    Run command = candor(Map.of(), "help", "serve");

    assertEquals(0, option.exit(), option.describe());
    assertTrue(option.out().startsWith("Usage: candor export "), option.describe());
    assertEquals(0, command.exit(), command.describe());
    assertTrue(command.out().startsWith("Usage: candor serve "), command.describe());
    assertEquals("", option.err() + command.err());
  }

  @Test
  void checkStats_withDatabaseUrlAtAFileThatIsNoDatabase_saysSo_notThatAKeyIsMissing() throws Exception {
    Path notes = dir.resolve("notes.txt");
    Files.writeString(notes, "these are notes, not a database\n");

    Run run = candor(Map.of("DATABASE_URL", "jdbc:sqlite:" + notes), "check", "--stats");

    assertEquals(2, run.exit(), run.describe());
    assertEquals(1, run.errLines().size(), run.describe());
    assertTrue(run.err().contains(notes + ": the file is not a SQLite database"), run.describe());
    assertFalse(run.err().contains("key"), run.describe());
    assertNoStackTrace(run);
  }

  @Test
  void checkStats_readsTheDatabaseWithoutTheEvidenceKey() throws Exception {
    Path db = dir.resolve("data").resolve("candor.db");
    Database.open("jdbc:sqlite:" + db).close(); // a store with no candor.key beside it: the counts need none

    Run run = candor(Map.of("DATABASE_URL", "jdbc:sqlite:" + db), "check", "--stats");

    assertEquals(0, run.exit(), run.describe());
    assertEquals("No nudges yet in " + db + ".\n", run.out(), run.describe());
    assertNoStackTrace(run);
  }

  @Test
  void serve_withTheKeyMovedAwayFromADatabaseThatHoldsAnIncident_exitsTwoSayingHowToRestoreIt_andWritesNoKey()
      throws Exception {
    Path db = dir.resolve("data").resolve("candor.db");
    try (Database database = Database.open("jdbc:sqlite:" + db)) {
      new JdbcIncidentRepository(database.dataSource()).insert(new IncidentRepository.NewIncident("C1", "inc-x", "DB",
          "", Severity.SEV2, false, "UALICE", "CGENERAL", "req-1", Instant.parse("2026-01-01T00:00:00Z")));
    }
    Path key = db.resolveSibling(LocalKey.FILE_NAME);
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    // Slack is nowhere: a start that went past the key would stop there instead, having written one
    String api = "http://127.0.0.1:" + port + "/api/";
    Run run = candor(Map.of("SLACK_BOT_TOKEN", "xoxb-cli", "SLACK_SIGNING_SECRET", "s", "SLACK_API_URL", api,
        "DATABASE_URL", "jdbc:sqlite:" + db), "serve");

    assertEquals(2, run.exit(), run.describe());
    assertEquals(1, run.errLines().size(), run.describe());
    assertTrue(run.errLines().get(0).contains(key.toString()), run.describe());
    assertTrue(run.errLines().get(0).contains("put back the candor.key"), run.describe());
    assertFalse(Files.exists(key), "no new key: " + run.describe());
    assertNoStackTrace(run);
  }

  @Test
  void serve_withAMalformedTeamRulesFile_stopsNamingTheFileAndLine() throws Exception {
    Path rules = dir.resolve("team-rules.jsonl");
    Files.writeString(rules, "# our rules\n{\"id\": \"oops\"\n");
    Run run = candor(Map.of("SLACK_BOT_TOKEN", "xoxb-cli", "SLACK_SIGNING_SECRET", "s",
        "CANDOR_NUDGE_RULES", rules.toString()), "serve");
    assertEquals(2, run.exit(), run.describe());
    assertEquals(1, run.errLines().size(), run.describe());
    assertTrue(run.errLines().get(0).contains(rules + ":2:"), run.describe());
    assertNoStackTrace(run);
  }

  @Test
  void check_scoresLabelledMessages_andFindsBlameInADocument() throws Exception {
    Path labelled = dir.resolve("messages.jsonl");
    Files.writeString(labelled, "{\"text\": \"who broke prod?\", \"label\": \"blame\"}\n"
        + "{\"text\": \"who is on call?\", \"label\": \"none\"}\n");
    Run scored = candor(Map.of(), "check", labelled.toString());
    assertEquals(0, scored.exit(), scored.describe());
    assertTrue(scored.out().contains("precision") && scored.out().contains("recall"), scored.describe());
    Path doc = dir.resolve("postmortem.md");
    Files.writeString(doc, "# Post-mortem\n\nWho broke prod? We never found out.\n\n```\nwho broke prod\n```\n");
    Run found = candor(Map.of(), "check", doc.toString());
    assertEquals(0, found.exit(), found.describe());
    assertTrue(found.out().startsWith("3: culprit_hunt"), found.describe());
    assertTrue(found.out().contains("1 finding in"), found.describe());
    Run missing = candor(Map.of(), "check", dir.resolve("nope.md").toString());
    assertEquals(2, missing.exit(), missing.describe());
    assertEquals(1, missing.errLines().size(), missing.describe());
  }

  /**
   * The model is stricter on a document than on chat: the writers' own "we" telling what happened, which the model
   * reads as blame in a chat message, is nothing in a post-mortem (no one else to blame), and what the model alone
   * reads as blame in a document, a person named as the cause, is medium: counted, not shown as a finding.
   */
  @Test
  void check_withTheModelOn_aDocumentsOwnWeIsNothing_andTheModelAloneIsCountedNotShown() throws Exception {
    String narrative = "We didn't notice the expired certificate until customers told us.";
    String blame = "The outage was because of Marco and his yolo deploys.";
    Path chat = dir.resolve("chat.jsonl");
    Files.writeString(chat, "{\"id\": \"we\", \"text\": \"" + narrative + "\"}\n");
    Path doc = dir.resolve("review.md");
    Files.writeString(doc, "# Review\n\n" + narrative + "\n\n" + blame + "\n");

    Run asChat = candor(Map.of("CANDOR_NUDGE_MODEL", "on"), "check", chat.toString());
    Run asDocument = candor(Map.of("CANDOR_NUDGE_MODEL", "on"), "check", doc.toString());

    assertTrue(asChat.out().lines().anyMatch(l -> l.matches("we\tblame\tmodel-[a-z-]+ p=[01]\\.\\d\\d")),
        "in chat the model reads it as blame: " + asChat.describe());
    assertEquals(0, asDocument.exit(), asDocument.describe());
    assertTrue(asDocument.out().startsWith("0 findings in 5 lines"), asDocument.describe());
    assertTrue(asDocument.out().contains("the learned model alone, at medium sureness in a document (counted, not "
        + "shown): person_as_cause 1"), "the Marco paragraph, and not the writers' we: " + asDocument.describe());
  }
}
