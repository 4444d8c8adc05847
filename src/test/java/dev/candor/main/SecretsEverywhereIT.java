package dev.candor.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.incident.IncidentId;
import dev.candor.store.JdbcTimelineStore;
import dev.candor.store.LocalKey;
import dev.candor.testing.CandorJar;
import dev.candor.testing.Eventually;
import dev.candor.testing.FakeSlack;
import dev.candor.testing.RunningCandor;
import dev.candor.testing.SlackEvents;
import dev.candor.testing.SlackPayloads;
import dev.candor.timeline.EntryKind;
import dev.candor.timeline.HashChain;
import dev.candor.timeline.TimelineEntry;
import dev.candor.timeline.TimelineService;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hard line, kept everywhere: an incident full of pasted secrets, typed into every place Candor takes words
 * (commands, forms, channel messages, edits, deletions, file titles), leaves none of them in any column of any
 * table, in {@code candor export}, in the post-mortem draft, or in anything sent to Slack. And a redaction takes an
 * entry's words out of every stored copy, saying which.
 */
class SecretsEverywhereIT {
  static final String ALICE = "UALICE";
  static final String BOB = "UBOB";

  static final String URL_PASSWORD = "Sup3rS3cretPw";
  static final String GITHUB = "ghp_" + "aB3dE6gH9jK2mN5pQ8sT1vW4yZ7bC0eF3hJ6";
  static final String SLACK_TOKEN = "xoxb-" + "123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx";
  static final String PASSWORD = "Hunter2Hunter2x";
  static final String AWS = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  static final String BEARER = "abcDEF123456ghiJKL789mnoPQR";
  static final List<String> SECRETS = List.of(URL_PASSWORD, GITHUB, SLACK_TOKEN, PASSWORD, AWS, BEARER);

  /** A secret of each family, as people paste them; {@code n} picks one, so every place gets several kinds. */
  static String pasted(int n) {
    return switch (Math.floorMod(n, 6)) {
      case 0 -> "postgres://admin:" + URL_PASSWORD + "@db.internal:5432/prod";
      case 1 -> GITHUB;
      case 2 -> SLACK_TOKEN;
      case 3 -> "password=" + PASSWORD;
      case 4 -> "AWS_SECRET_ACCESS_KEY=" + AWS;
      default -> "Authorization: Bearer " + BEARER;
    };
  }

  static String twoSecrets(int n) {
    return pasted(n) + " and " + pasted(n + 1);
  }

  @TempDir Path dir;
  RunningCandor candor;
  FakeSlack slack;

  @BeforeEach
  void start() {
    candor = RunningCandor.start(dir, Map.of("CANDOR_JOBS_POLL", "1s", "INCIDENTS_CHANNEL", "CINCIDENTS"));
    slack = candor.slack;
    slack.addChannel("CGENERAL", "general", false, false, ALICE, BOB);
    slack.addChannel("CINCIDENTS", "incidents", false, true);
  }

  @AfterEach
  void stop() {
    candor.close();
  }

  @Test
  void anIncidentFullOfPastedSecrets_leavesNoneInAnyTable_anyExport_orAnythingSentToSlack() throws Exception {
    int n = 0;
    // declared by the command, with secrets in the title
    ok(candor.requests.command(ALICE, "CGENERAL", "declare db creds leaked " + twoSecrets(n++) + " sev2"));
    String channel = slack.await("conversations.invite").param("channel");
    slack.channel(channel).members.add(BOB);
    // and by the form, title and summary
    ok(candor.requests.interaction(SlackPayloads.declareSubmission("V1", "CGENERAL", "form title " + twoSecrets(n++),
        "SEV3", "form summary " + twoSecrets(n++), "public", "new")));
    String formChannel = slack.await("conversations.invite", c -> !channel.equals(c.param("channel"))).param("channel");

    for (String text : List.of("status identified " + twoSecrets(n++), "note " + twoSecrets(n++),
        "mitigated " + twoSecrets(n++), "sev 1", "role scribe <@UBOB|bob>", "title renamed " + twoSecrets(n++),
        "summary the summary " + twoSecrets(n++),
        "followup <@UBOB|bob> in 2 weeks rotate " + twoSecrets(n++) + " #process",
        "followup <@UBOB|bob> tomorrow also " + twoSecrets(n++))) {
      ok(candor.requests.command(ALICE, channel, text));
    }
    // the channel: messages, a thread reply, an edit, a deletion, a file with a secret in its title and name
    send(SlackEvents.message(channel, "1700000101.000100", BOB, "pasted " + twoSecrets(n++)));
    send(SlackEvents.reply(channel, "1700000102.000100", "1700000101.000100", BOB, "also " + twoSecrets(n++)));
    send(SlackEvents.edit(channel, "1700000101.000100", "1700000103.000100", BOB, "pasted " + twoSecrets(n - 2),
        "pasted, now " + twoSecrets(n++)));
    send(SlackEvents.deletion(channel, "1700000102.000100", "1700000104.000100", BOB, "also " + twoSecrets(n - 2)));
    Map<String, Object> file = SlackEvents.message(channel, "1700000105.000100", BOB, "the env file");
    file.put("subtype", "file_share");
    file.put("files", List.of(Map.of("id", "F1", "name", "env " + pasted(n++) + ".txt", "title",
        "env " + pasted(n++))));
    send(file);

    // the App Home's status form, and "Add to timeline" on a message
    Map<String, Object> form = new LinkedHashMap<>();
    form.put("state", SlackPayloads.chosen("MONITORING"));
    form.put("update", SlackPayloads.typed("from home " + twoSecrets(n++)));
    ok(candor.requests.interaction(SlackPayloads.followUpForm("home_status_form", "1|MONITORING", ALICE, form)));
    ok(candor.requests.interaction(Map.of("type", "message_action", "callback_id", "add_to_timeline",
        "trigger_id", "trig-sc", "response_url", slack.responseUrl("sc"),
        "team", Map.of("id", FakeSlack.TEAM, "domain", "candor-test"), "channel", Map.of("id", channel, "name", "x"),
        "user", Map.of("id", BOB, "name", "bob"), "message", Map.of("type", "message", "user", ALICE,
            "ts", "1700000106.000100", "text", "key " + twoSecrets(n++)),
        "message_ts", "1700000106.000100", "token", "deprecated")));

    DataSource db = candor.candor.database().dataSource();
    long followUp = awaitValue(() -> single(db, "SELECT MIN(id) FROM followups"), "the follow-ups stored");
    ok(candor.requests.command(ALICE, channel, "followup drop " + followUp + " done by " + twoSecrets(n++)));
    Eventually.await(() -> single(db, "SELECT COUNT(*) FROM incident_changes WHERE kind = 'STATUS'") == 2
        && single(db, "SELECT COUNT(*) FROM incident_changes WHERE kind = 'KEY_EVENT'") == 1
        && single(db, "SELECT COUNT(*) FROM timeline_entries WHERE kind = 'MESSAGE'") >= 2, "the home's status update and the key event recorded");
    long message = single(db, "SELECT MIN(seq) FROM timeline_entries WHERE kind = 'MESSAGE'");
    ok(candor.requests.command(ALICE, channel, "redact " + message + " it held " + twoSecrets(n++)));
    ok(candor.requests.command(ALICE, channel, "resolve fixed, rotated " + twoSecrets(n++)));
    // the post-mortem: "not needed", with its reason, then the draft
    ok(candor.requests.interaction(SlackPayloads.buttonInChannel(slack, ALICE, channel, "postmortem_not_needed", "INC-1", "r1")));
    slack.await("views.open", c -> c.param("view").contains("postmortem_not_needed_form"));
    ok(candor.requests.interaction(SlackPayloads.followUpForm("postmortem_not_needed_form", "1", ALICE,
        Map.of("reason", SlackPayloads.typed("covered, see " + twoSecrets(n++))))));
    ok(candor.requests.command(ALICE, channel, "postmortem"));
    // the second incident is cancelled, for a reason
    ok(candor.requests.command(ALICE, formChannel, "cancel wrong " + twoSecrets(n++)));

    Eventually.await(() -> single(db, "SELECT COUNT(*) FROM postmortems WHERE reason IS NOT NULL") == 1,
        "the not-needed reason recorded");
    Eventually.await(() -> single(db, "SELECT COUNT(*) FROM timeline_entries WHERE detail LIKE '%files:%'") == 1,
        "the channel's events in the timeline");
    Eventually.await(() -> !slack.canvases.isEmpty() || !slack.shared.isEmpty(), "the post-mortem draft");
    Eventually.await(() -> single(db, "SELECT COUNT(*) FROM events WHERE processed_at IS NULL") == 0,
        "every event processed");
    candor.awaitJobsIdle();
    candor.awaitJobsIdle();
    assertTrue(n >= SECRETS.size(), "every family used");

    Map<String, String> places = new LinkedHashMap<>(dump(db));
    // the words arrived, masked, in each place that keeps them: the test saw what it says it saw
    assertEquals(1, single(db, "SELECT COUNT(*) FROM timeline_entries WHERE kind = 'REDACTION'"));
    for (String column : List.of("incidents.title", "incidents.summary", "incident_changes.text", "followups.title",
        "followups.drop_reason", "postmortems.reason", "jobs.payload", "timeline_entries.text",
        "timeline_entries.detail")) {
      assertTrue(places.getOrDefault(column, "").contains("[masked "), column + " holds masked words: "
          + places.get(column));
    }
    candor.stopCandor();
    CandorJar.Run md = CandorJar.run(dir, Map.of("DATABASE_URL", "jdbc:sqlite:" + dir.resolve("candor.db")),
        "export", "INC-1", "--format", "md");
    assertEquals(0, md.exit(), md.describe());
    places.put("candor export --format md", md.out());
    CandorJar.Run json = CandorJar.run(dir, Map.of("DATABASE_URL", "jdbc:sqlite:" + dir.resolve("candor.db")),
        "export", "INC-1", "--format", "json");
    assertEquals(0, json.exit(), json.describe());
    places.put("candor export --format json", json.out());
    assertTrue(md.out().contains("[masked "), md.out());
    slack.canvases.forEach((id, content) -> places.put("canvas " + id, content));
    slack.shared.forEach(f -> places.put("file " + f.filename(), f.title() + "\n" + f.comment() + "\n" + f.text()));
    slack.scheduled.forEach((id, s) -> places.put("scheduled " + id, s.text()));
    int call = 0;
    for (FakeSlack.Call c : slack.calls()) {
      places.put("Slack call " + (call++) + " " + c.method(), c.params() + "\n" + c.body());
    }
    assertTrue(places.keySet().stream().anyMatch(k -> k.startsWith("canvas ") || k.startsWith("file ")),
        "the draft is among what is searched");

    List<String> found = new ArrayList<>();
    places.forEach((place, text) -> {
      for (String secret : SECRETS) {
        if (text != null && text.contains(secret)) {
          found.add(place + " holds " + secret.substring(0, 6) + "…");
        }
      }
    });
    assertEquals(List.of(), found);
  }

  @Test
  void redactingANote_scrubsTheChangeLogAndThePendingAnnouncement_saysSo_andTheChainStillVerifies() throws Exception {
    ok(candor.requests.command(ALICE, "CGENERAL", "declare checkout errors sev2"));
    String channel = slack.await("conversations.invite").param("channel");
    // the status's announcement is held at Slack, so the note's waits behind it in the incident's queue
    FakeSlack.Gate held = statusAnnouncementHeld(channel);
    String words = "customer Jane Roe lives at 12 Elm Street";
    ok(candor.requests.command(ALICE, channel, "note " + words));

    DataSource db = candor.candor.database().dataSource();
    IncidentId incident = new IncidentId(1);
    TimelineService timeline = timeline(db);
    TimelineEntry note = awaitValue(() -> timeline.entries(incident).stream()
        .filter(e -> e.kind() == EntryKind.ACTION && e.detail().startsWith("NOTE")).findFirst().orElse(null),
        "the note in the timeline");
    assertEquals(1, single(db, "SELECT COUNT(*) FROM jobs WHERE status = 'PENDING' AND payload LIKE '%Jane Roe%'"),
        "the note's announcement waits, holding the words");

    var answer = candor.requests.command(ALICE, channel, "redact " + note.seq() + " personal data");
    assertEquals(200, answer.status());
    assertTrue(answer.text().contains("removed from the timeline, the change log and 1 pending announcement"),
        answer.text());
    held.release();
    candor.awaitJobsIdle();
    candor.awaitJobsIdle();

    Map<String, String> places = dump(db);
    for (Map.Entry<String, String> p : places.entrySet()) {
      assertTrue(!p.getValue().contains("Jane Roe"), p.getKey() + " still holds the words: " + p.getValue());
    }
    for (FakeSlack.Call c : slack.calls("chat.postMessage")) {
      assertTrue(!(c.params() + c.body()).contains("Jane Roe"), "posted after the redaction: " + c);
    }
    assertTrue(slack.calls("chat.postMessage").stream().anyMatch(c -> c.param("text").contains("_(redacted)_")),
        "the note's announcement went out, without its words");
    TimelineEntry record = timeline.entries(incident).stream().filter(e -> e.kind() == EntryKind.REDACTION)
        .findFirst().orElseThrow();
    assertEquals("removed from the timeline, the change log and 1 pending announcement", record.detail());
    assertInstanceOf(HashChain.Intact.class, timeline.verify(incident));
  }

  @Test
  void redactingTheSummary_takesItOutOfTheIncidentsRow_andVerifyStillFindsEverythingIntact() throws Exception {
    ok(candor.requests.command(ALICE, "CGENERAL", "declare checkout errors sev2"));
    String channel = slack.await("conversations.invite").param("channel");
    String words = "customer Jane Roe of 12 Elm Street cannot pay";
    ok(candor.requests.command(ALICE, channel, "summary " + words));
    DataSource db = candor.candor.database().dataSource();
    TimelineService timeline = timeline(db);
    TimelineEntry summary = awaitValue(() -> timeline.entries(new IncidentId(1)).stream()
        .filter(e -> e.kind() == EntryKind.ACTION && words.equals(e.text())).findFirst().orElse(null),
        "the summary in the timeline");

    var answer = candor.requests.command(ALICE, channel, "redact " + summary.seq() + " personal data");
    assertTrue(answer.text().contains("the incident's summary"), answer.text());
    candor.awaitJobsIdle();
    assertEquals(0, single(db, "SELECT COUNT(*) FROM incidents WHERE summary LIKE '%Jane Roe%'"));

    // the incident's row changed under the redaction: its head must have been sealed again with it
    candor.stopCandor();
    CandorJar.Run verify = CandorJar.run(dir, Map.of("DATABASE_URL", "jdbc:sqlite:" + dir.resolve("candor.db")),
        "verify");
    assertEquals(0, verify.exit(), verify.describe());
    assertTrue(verify.out().contains("intact"), verify.describe());
  }

  @Test
  void redactingAFollowUpsCreation_takesItsTitleOutOfTheFollowUpAndItsPendingAnnouncement_saysSo() throws Exception {
    ok(candor.requests.command(ALICE, "CGENERAL", "declare checkout errors sev2"));
    String channel = slack.await("conversations.invite").param("channel");
    // the status's announcement is held at Slack, so the follow-up's waits behind it in the incident's queue
    FakeSlack.Gate held = statusAnnouncementHeld(channel);
    String words = "call Jane Roe of 12 Elm Street about her refund";
    ok(candor.requests.command(ALICE, channel, "followup <@UBOB|bob> in 1 week " + words));

    DataSource db = candor.candor.database().dataSource();
    IncidentId incident = new IncidentId(1);
    TimelineService timeline = timeline(db);
    TimelineEntry added = awaitValue(() -> timeline.entries(incident).stream()
        .filter(e -> e.kind() == EntryKind.ACTION && e.detail().startsWith("FOLLOWUP_ADDED")).findFirst()
        .orElse(null), "the follow-up in the timeline");
    assertEquals(1, single(db, "SELECT COUNT(*) FROM jobs WHERE status = 'PENDING' AND payload LIKE '%Jane Roe%'"),
        "the follow-up's announcement waits, holding the words");

    var answer = candor.requests.command(ALICE, channel, "redact " + added.seq() + " personal data");
    assertEquals(200, answer.status());
    String where = "removed from the timeline, the follow-up and 1 pending announcement";
    assertTrue(answer.text().contains(where), answer.text());
    held.release();
    candor.awaitJobsIdle();
    candor.awaitJobsIdle();

    assertNoneHolds(db, "Jane Roe");
    assertEquals(1, single(db, "SELECT COUNT(*) FROM followups WHERE title = '(title redacted)'"));
    for (FakeSlack.Call c : slack.calls("chat.postMessage")) {
      if (channel.equals(c.param("channel"))) {
        assertTrue(!(c.params() + c.body()).contains("Jane Roe"), "posted after the redaction: " + c);
      }
    }
    assertTrue(slack.calls("chat.postMessage").stream().anyMatch(c -> channel.equals(c.param("channel"))
        && c.param("text").contains("added a follow-up") && c.param("text").contains("_(redacted)_")),
        "the follow-up's announcement went out, without its words");
    TimelineEntry record = timeline.entries(incident).stream().filter(e -> e.kind() == EntryKind.REDACTION)
        .findFirst().orElseThrow();
    assertEquals(where, record.detail());
    assertVerifiesIntact();
  }

  @Test
  void redactingAFollowUpsDrop_takesTheReasonOutOfTheFollowUpAndTheStoredAnnouncement_saysSo() throws Exception {
    ok(candor.requests.command(ALICE, "CGENERAL", "declare checkout errors sev2"));
    String channel = slack.await("conversations.invite").param("channel");
    ok(candor.requests.command(ALICE, channel, "followup <@UBOB|bob> in 1 week rewrite the runbook"));
    DataSource db = candor.candor.database().dataSource();
    long id = awaitValue(() -> single(db, "SELECT id FROM followups"), "the follow-up");
    String reason = "Jane Roe of 12 Elm Street withdrew her complaint";
    ok(candor.requests.command(ALICE, channel, "followup drop #" + id + " " + reason));
    slack.await("chat.postMessage", c -> channel.equals(c.param("channel"))
        && c.param("text").contains("dropped follow-up #" + id));
    candor.awaitJobsIdle();

    IncidentId incident = new IncidentId(1);
    TimelineService timeline = timeline(db);
    TimelineEntry drop = awaitValue(() -> timeline.entries(incident).stream()
        .filter(e -> e.kind() == EntryKind.ACTION && e.detail().startsWith("FOLLOWUP_DROPPED")).findFirst()
        .orElse(null), "the drop in the timeline");
    var answer = candor.requests.command(ALICE, channel, "redact " + drop.seq() + " personal data");
    assertEquals(200, answer.status());
    String where = "removed from the timeline, the follow-up and 1 posted announcement and its message in Slack";
    assertTrue(answer.text().contains(where), answer.text());
    candor.awaitJobsIdle();

    assertNoneHolds(db, "Jane Roe");
    assertEquals(1, single(db, "SELECT COUNT(*) FROM followups WHERE drop_reason = '(reason redacted)' "
        + "AND title = 'rewrite the runbook' AND status = 'DROPPED'"), "the title and the drop itself stay");
    TimelineEntry record = timeline.entries(incident).stream().filter(e -> e.kind() == EntryKind.REDACTION)
        .findFirst().orElseThrow();
    assertEquals(where, record.detail());
    assertVerifiesIntact();
  }

  @Test
  void redactingAMessage_takesItOutOfItsKeyEventCopyToo_theChangeLogAndTheAnnouncement_saysSo() throws Exception {
    ok(candor.requests.command(ALICE, "CGENERAL", "declare checkout errors sev2"));
    String channel = slack.await("conversations.invite").param("channel");
    String words = "customer Jane Roe of 12 Elm Street called twice";
    send(SlackEvents.message(channel, "1700000101.000100", BOB, words));
    DataSource db = candor.candor.database().dataSource();
    IncidentId incident = new IncidentId(1);
    TimelineService timeline = timeline(db);
    TimelineEntry message = awaitValue(() -> timeline.entries(incident).stream()
        .filter(e -> e.kind() == EntryKind.MESSAGE && words.equals(e.text())).findFirst().orElse(null),
        "the message in the timeline");
    ok(candor.requests.interaction(Map.of("type", "message_action", "callback_id", "add_to_timeline",
        "trigger_id", "trig-sc", "response_url", slack.responseUrl("sc"),
        "team", Map.of("id", FakeSlack.TEAM, "domain", "candor-test"), "channel", Map.of("id", channel, "name", "x"),
        "user", Map.of("id", ALICE, "name", "alice"), "message", Map.of("type", "message", "user", BOB,
            "ts", "1700000101.000100", "text", words),
        "message_ts", "1700000101.000100", "token", "deprecated")));
    TimelineEntry mark = awaitValue(() -> timeline.entries(incident).stream()
        .filter(e -> e.kind() == EntryKind.ACTION && e.detail().startsWith("KEY_EVENT")).findFirst().orElse(null),
        "the key event in the timeline");
    slack.await("chat.postMessage", c -> channel.equals(c.param("channel"))
        && c.param("text").contains("marked a message as a key event"));
    candor.awaitJobsIdle();

    var answer = candor.requests.command(ALICE, channel, "redact " + message.seq() + " personal data");
    assertEquals(200, answer.status());
    String copy = "removed from the timeline, the change log and 1 posted announcement and its message in Slack";
    assertTrue(answer.text().contains("its content is gone (and so is its copy as key event #" + mark.seq() + ": "
        + copy + ")"), answer.text());
    candor.awaitJobsIdle();

    assertNoneHolds(db, "Jane Roe");
    List<TimelineEntry> records = timeline.entries(incident).stream().filter(e -> e.kind() == EntryKind.REDACTION)
        .toList();
    assertEquals(List.of(Long.toString(message.seq()), Long.toString(mark.seq())),
        records.stream().map(TimelineEntry::refTs).toList(), "a record for each entry that held the words");
    assertEquals(copy, records.get(1).detail());
    assertVerifiesIntact();
  }

  private static void assertNoneHolds(DataSource db, String words) throws SQLException {
    for (Map.Entry<String, String> p : dump(db).entrySet()) {
      assertTrue(!p.getValue().contains(words), p.getKey() + " still holds the words: " + p.getValue());
    }
  }

  /** Stops Candor and runs the jar's {@code verify} over its database: every chain, head and the ledger intact. */
  private void assertVerifiesIntact() throws Exception {
    candor.stopCandor();
    CandorJar.Run verify = CandorJar.run(dir, Map.of("DATABASE_URL", "jdbc:sqlite:" + dir.resolve("candor.db")),
        "verify");
    assertEquals(0, verify.exit(), verify.describe());
    assertTrue(verify.out().contains("intact"), verify.describe());
  }

  /** The timeline as Candor keeps it, read with Candor's own key. */
  private TimelineService timeline(DataSource db) {
    return new TimelineService(new JdbcTimelineStore(db), LocalKey.load(dir.resolve(LocalKey.FILE_NAME)),
        Clock.systemUTC());
  }

  /**
   * Posts a status in {@code channel} once its earlier announcements went out, and holds that status's announcement
   * at Slack: whatever is announced next waits behind it in the incident's queue, its job pending.
   */
  private FakeSlack.Gate statusAnnouncementHeld(String channel) throws InterruptedException {
    candor.awaitJobsIdle();
    FakeSlack.Gate held = slack.hold("chat.postMessage", c -> c.param("text") != null
        && c.param("text").contains("first status"));
    ok(candor.requests.command(ALICE, channel, "status first status"));
    assertTrue(held.awaitReached(java.time.Duration.ofSeconds(30)), "the status announcement is being posted");
    return held;
  }

  /** Waits until {@code value} answers something other than null (or zero), and returns it. */
  private static <T> T awaitValue(java.util.concurrent.Callable<T> value, String what) {
    List<T> seen = new ArrayList<>(1);
    Eventually.await(() -> {
      try {
        T v = value.call();
        if (v == null || Long.valueOf(0).equals(v)) {
          return false;
        }
        seen.add(v);
        return true;
      } catch (Exception e) {
        return false;
      }
    }, what);
    return seen.get(seen.size() - 1);
  }

  private void send(Map<String, Object> event) {
    assertEquals(200, candor.requests.event(SlackEvents.envelope(SlackEvents.newEventId(), event), Map.of()).status());
  }

  private static void ok(dev.candor.testing.SignedSlack.Answer answer) {
    assertEquals(200, answer.status(), answer.body());
    assertTrue(!answer.body().contains("went wrong") && !answer.body().contains("Exception"), answer.body());
  }

  private static long single(DataSource db, String sql) {
    try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** Every column of every table (as sqlite_master lists them, none named here), each as one text by table.column. */
  static Map<String, String> dump(DataSource db) throws SQLException {
    Map<String, String> columns = new LinkedHashMap<>();
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      assertTrue(tables.size() >= 10, tables.toString());
      for (String table : tables) {
        try (ResultSet rs = s.executeQuery("SELECT * FROM \"" + table.replace("\"", "\"\"") + "\"")) {
          ResultSetMetaData meta = rs.getMetaData();
          for (int i = 1; i <= meta.getColumnCount(); i++) {
            columns.putIfAbsent(table + "." + meta.getColumnName(i), "");
          }
          while (rs.next()) {
            for (int i = 1; i <= meta.getColumnCount(); i++) {
              String v = rs.getString(i);
              columns.merge(table + "." + meta.getColumnName(i), v == null ? "" : v + "\n", String::concat);
            }
          }
        }
      }
    }
    return columns;
  }

}
