package dev.candor.main;

import static dev.candor.testing.CandorJar.assertNoStackTrace;
import static dev.candor.testing.SlackEvents.envelope;
import static dev.candor.testing.SlackEvents.newEventId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.incident.Incident;
import dev.candor.jobs.Job;
import dev.candor.jobs.JobStore;
import dev.candor.store.Database;
import dev.candor.store.JdbcIncidentRepository;
import dev.candor.store.JdbcJobStore;
import dev.candor.store.JdbcSendLog;
import dev.candor.store.JdbcTimelineStore;
import dev.candor.store.LocalKey;
import dev.candor.testing.CandorJar;
import dev.candor.testing.Eventually;
import dev.candor.testing.FakeGitHub;
import dev.candor.testing.FakeSlack;
import dev.candor.testing.Postgres;
import dev.candor.testing.RunningCandor;
import dev.candor.testing.SlackEvents;
import dev.candor.timeline.EntryKind;
import dev.candor.timeline.HashChain;
import dev.candor.timeline.TimelineService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code candor migrate --to jdbc:postgresql://…} as an operator runs it (the packaged jar), on a SQLite database
 * filled by the real Candor through its HTTP server with signed requests; then Candor started on PostgreSQL goes on
 * where the SQLite one stopped.
 */
class MigrateIT {
  static final String OTHER_KEY = "0badc0de00112233445566778899aabbccddeeff00112233445566778899aabb";

  /** Generous: the suite runs on a 2-core machine shared with other builds. */
  static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;
  final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  String sqliteUrl() {
    return "jdbc:sqlite:" + dir.resolve("candor.db");
  }

  Map<String, String> sqliteEnv() {
    return Map.of("DATABASE_URL", sqliteUrl());
  }

  RunningCandor startOnSqlite(FakeSlack slack) {
    RunningCandor candor = RunningCandor.start(slack, dir, Map.of(), Clock.systemUTC());
    toClose.add(candor);
    return candor;
  }

  static Incident declare(RunningCandor candor, String what, int nth) {
    // a trigger id of its own: a second SignedSlack (the replica's) counts its own from 1 again, and Candor rightly
    // takes a trigger id it has seen for the same declaration sent twice
    var answer = candor.requests.command("UALICE", "CGENERAL", "declare " + what + " sev2", "trig-declare-" + nth);
    assertEquals(200, answer.status());
    JdbcIncidentRepository incidents = new JdbcIncidentRepository(candor.candor.database().dataSource());
    try {
      Eventually.await(() -> candor.slack.calls("conversations.invite").size() >= nth, "incident " + nth + " made", WAIT);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; answered " + answer.body() + "\n" + candor.slack.describe(), e);
    }
    String channel = candor.slack.calls("conversations.invite").get(nth - 1).param("channel");
    Eventually.await(() -> incidents.byChannel(channel).isPresent(), "the incident of " + channel, WAIT);
    return incidents.byChannel(channel).orElseThrow();
  }

  static void say(RunningCandor candor, String channel, String ts, String user, String text) {
    assertEquals(200, candor.requests.event(envelope(newEventId(), SlackEvents.message(channel, ts, user, text)),
        Map.of()).status());
  }

  /** Waits for Candor's post in {@code channel} saying {@code words}: what it announces is stored by then. */
  static void awaitPost(FakeSlack slack, String channel, String words) {
    slack.await("chat.postMessage", c -> channel.equals(c.param("channel")) && c.param("text").contains(words),
        Duration.ofSeconds(30));
  }

  static Map<String, Object> notBlame(FakeSlack slack, String channel, String value) {
    return Map.of("type", "block_actions", "team", Map.of("id", FakeSlack.TEAM),
        "user", Map.of("id", "UBOB", "name", "bob"), "api_app_id", "ACANDOR", "token", "deprecated",
        "trigger_id", "trig-nb", "response_url", slack.responseUrl("nb"),
        "container", Map.of("type", "message", "is_ephemeral", true, "channel_id", channel),
        "channel", Map.of("id", channel, "name", "x"),
        "actions", List.of(Map.of("action_id", "nudge_not_blame", "block_id", "b", "value", value, "type", "button",
            "action_ts", "1700000000.2")));
  }

  /**
   * A SQLite database holding something in every table, made by Candor itself: a resolved incident with its
   * post-mortem draft, an open one with messages, a nudge and its [Not blame], nudges switched off and on, a
   * follow-up; then, Candor stopped, a job claimed by a runner that died while sending (its send begun).
   */
  record Filled(RunningCandor candor, Incident open, String claimedJob) {}

  Filled fill() {
    FakeSlack slack = new FakeSlack();
    // follow-ups kept in GitHub Issues too, so the table linking them to their issues has a row to copy
    FakeGitHub github = new FakeGitHub("octo-org/payments", "github_pat_migrate", Clock.systemUTC(), "bob-gh");
    toClose.add(github::close);
    RunningCandor candor = RunningCandor.start(slack, dir, Map.of("CANDOR_TRACKER", "github", "GITHUB_TOKEN",
        "github_pat_migrate", "GITHUB_REPO", "octo-org/payments", "GITHUB_API_URL", github.apiUrl()),
        Clock.systemUTC());
    toClose.add(candor);
    slack.addChannel("CGENERAL", "general", false, false, "UALICE", "UBOB");
    Incident resolved = declare(candor, "checkout errors", 1);
    assertEquals(200, candor.requests.command("UALICE", resolved.channelId(), "resolve rolled back").status());
    assertEquals(200, candor.requests.command("UALICE", resolved.channelId(), "postmortem").status());
    awaitPost(slack, resolved.channelId(), "opened the post-mortem draft");

    Incident open = declare(candor, "db latency", 2);
    String ch = open.channelId();
    assertEquals(200, candor.requests.command("UBOB", ch, "status identified a bad index").status());
    awaitPost(slack, ch, "a bad index");
    say(candor, ch, "1700000001.000100", "UALICE", "p99 is 4s on the EU shard");
    say(candor, ch, "1700000002.000100", "UBOB", "you should have tested this in staging first");
    var note = slack.await("chat.postEphemeral", c -> "UBOB".equals(c.param("user")), Duration.ofSeconds(20));
    String value = note.json("blocks").replaceAll("(?s).*\"action_id\":\"nudge_not_blame\".*?\"value\":\"([^\"]+)\".*",
        "$1");
    assertEquals(200, candor.requests.interaction(notBlame(slack, ch, value)).status());
    slack.await("response_url", c -> "nb".equals(c.param("id")));
    assertEquals(200, candor.requests.command("UALICE", ch, "nudges off").status());
    awaitPost(slack, ch, "*off*");
    assertEquals(200, candor.requests.command("UALICE", ch, "nudges on").status());
    awaitPost(slack, ch, "*on*");
    assertEquals(200, candor.requests.command("UALICE", ch, "followup <@UBOB|bob> in 2 weeks add an index check #process")
        .status());
    awaitPost(slack, ch, "added a follow-up");
    Eventually.await(() -> github.issues().size() == 1, "the follow-up's issue made in GitHub", WAIT);
    JdbcTimelineStore timeline = new JdbcTimelineStore(candor.candor.database().dataSource());
    Eventually.await(() -> timeline.entries(open.id()).stream().filter(e -> e.kind() == EntryKind.MESSAGE).count() == 2,
        "both messages in the timeline", WAIT);
    candor.awaitJobsIdle();
    candor.stopCandor();
    toClose.remove(candor);
    toClose.add(slack::close);

    // a runner that died while sending: a job claimed (its lease still running) and its send begun
    String claimed;
    try (Database db = Database.open(sqliteUrl())) {
      JobStore jobs = new JdbcJobStore(db.dataSource(), Clock.systemUTC());
      Instant later = Instant.now().plus(Duration.ofDays(30));
      List<Job> taken = jobs.claimDue(later, Duration.ofDays(60), 1, "a-runner-that-died");
      assertEquals(1, taken.size(), "a pending job to claim");
      new JdbcSendLog(db.dataSource()).begin(taken.get(0), "D0DEADBEEF", Instant.now());
      claimed = taken.get(0).key();
    }
    return new Filled(candor, open, claimed);
  }

  @Test
  void everyTableIsCopiedWhole_everyChainVerifiesOnPostgresql_andCandorGoesOnThere() throws Exception {
    String target = Postgres.emptyDatabase();
    Filled filled = fill();
    Map<String, List<String>> before = dump(sqliteUrl());
    before.forEach((table, rows) -> assertFalse(rows.isEmpty(), table + " is empty in the SQLite database: fill it "
        + "above, so this test checks that migrate copies it"));

    CandorJar.Run migrate = CandorJar.run(dir, sqliteEnv(), "migrate", "--to", target);

    assertEquals(0, migrate.exit(), migrate.describe());
    assertNoStackTrace(migrate);
    assertTrue(migrate.out().contains("Every chain verifies on PostgreSQL."), migrate.describe());
    assertTrue(migrate.out().contains("INC-1: intact") && migrate.out().contains("INC-2: intact"), migrate.describe());
    assertTrue(migrate.out().contains("CANDOR_KEY_FILE=" + dir.resolve(LocalKey.FILE_NAME).toAbsolutePath()),
        migrate.describe());
    for (var table : before.entrySet()) {
      assertTrue(migrate.out().lines().anyMatch(l -> l.matches("\\s+" + table.getKey() + "\\s+"
          + table.getValue().size())), table.getKey() + " counted in\n" + migrate.out());
    }
    Map<String, List<String>> after = dump(target);
    assertEquals(before.keySet(), after.keySet(), "the same tables");
    for (String table : before.keySet()) {
      assertEquals(before.get(table), after.get(table), "the rows of " + table);
    }
    long lease = longValue(target, "SELECT lease_until FROM jobs WHERE job_key = '" + filled.claimedJob() + "'");
    assertTrue(lease <= System.currentTimeMillis(), "the dead runner's claim is let go: " + lease);

    Map<String, String> onPostgres = Map.of("DATABASE_URL", target, "CANDOR_KEY_FILE",
        dir.resolve(LocalKey.FILE_NAME).toString());
    CandorJar.Run verify = CandorJar.run(dir, onPostgres, "verify");
    assertEquals(0, verify.exit(), verify.describe());

    // Candor on PostgreSQL goes on: the claimed job is resumed and done, a new message joins a copied chain, and a
    // new incident takes the next id
    Path elsewhere = Files.createDirectories(dir.resolve("replica"));
    RunningCandor replica = RunningCandor.start(filled.candor().slack, elsewhere, onPostgres, Clock.systemUTC());
    toClose.add(replica::stopCandor);
    JdbcJobStore jobs = new JdbcJobStore(replica.candor.database().dataSource(), Clock.systemUTC());
    Eventually.await(() -> jobs.find(filled.claimedJob()).orElseThrow().status() != Job.Status.CLAIMED,
        "the job the dead runner held, run on PostgreSQL", WAIT);
    say(replica, filled.open().channelId(), "1700000003.000100", "UALICE", "index rebuilt, p99 back to 90ms");
    JdbcTimelineStore timeline = new JdbcTimelineStore(replica.candor.database().dataSource());
    Eventually.await(() -> timeline.entries(filled.open().id()).stream().anyMatch(e -> "index rebuilt, p99 back to 90ms"
        .equals(e.text())), "the new message in the copied timeline", WAIT);
    Incident third = declare(replica, "queue backlog", 3);
    assertEquals(3, third.id().value(), "ids go on after the copied ones");
    replica.awaitJobsIdle();
    TimelineService service = new TimelineService(timeline, LocalKey.load(dir.resolve(LocalKey.FILE_NAME)),
        Clock.systemUTC());
    assertInstanceOf(HashChain.Intact.class, service.verify(filled.open().id()));
    CandorJar.Run verifyAgain = CandorJar.run(dir, onPostgres, "verify");
    assertEquals(0, verifyAgain.exit(), verifyAgain.describe());

    // a second migrate into it is refused, and changes nothing
    Map<String, List<String>> now = dump(target);
    CandorJar.Run again = CandorJar.run(dir, sqliteEnv(), "migrate", "--to", target);
    assertEquals(2, again.exit(), again.describe());
    assertEquals(1, again.errLines().size(), again.describe());
    assertTrue(again.err().matches("(?s).*is not empty: [a-z_]+ holds \\d+ rows; migrate copies into an empty "
        + "database only.*"), again.describe());
    assertNoStackTrace(again);
    assertEquals(now, dump(target));
  }

  @Test
  void whileCandorRunsOnTheSqliteFile_migrateRefuses_andTouchesNothing() throws Exception {
    String target = Postgres.emptyDatabase();
    FakeSlack slack = new FakeSlack();
    RunningCandor candor = startOnSqlite(slack);
    slack.addChannel("CGENERAL", "general", false, false, "UALICE", "UBOB");
    declare(candor, "checkout errors", 1);

    CandorJar.Run refused = CandorJar.run(dir, sqliteEnv(), "migrate", "--to", target);

    assertEquals(2, refused.exit(), refused.describe());
    assertEquals(1, refused.errLines().size(), refused.describe());
    assertTrue(refused.err().contains("a Candor is running on " + dir.resolve("candor.db")), refused.describe());
    assertNoStackTrace(refused);
    assertEquals(Map.of(), dump(target), "no table made in the target");
  }

  @Test
  void aCopyThatFailsHalfway_leavesTheTargetEmpty_andAnotherRunSucceedsOnceTheCauseIsGone() throws Exception {
    String target = Postgres.emptyDatabase();
    fill();
    // an entry whose incident is gone, written by hand past SQLite's foreign keys: PostgreSQL refuses it
    try (Connection c = DriverManager.getConnection(sqliteUrl()); Statement s = c.createStatement()) {
      s.execute("INSERT INTO timeline_entries SELECT 99, seq, kind, entry_key, channel_id, ts, ts_micros, thread_ts, "
          + "actor, text, content_mac, secret_macs, ref_ts, detail, source, recorded_at, prev_hash, hash "
          + "FROM timeline_entries WHERE incident_id = 2 AND seq = 1");
    }

    CandorJar.Run failed = CandorJar.run(dir, sqliteEnv(), "migrate", "--to", target);

    assertEquals(2, failed.exit(), failed.describe());
    assertEquals(1, failed.errLines().size(), failed.describe());
    assertTrue(failed.err().contains("nothing of it was kept"), failed.describe());
    assertNoStackTrace(failed);
    Map<String, List<String>> left = dump(target);
    assertTrue(left.containsKey("incidents"), "the schema was made: " + left.keySet());
    left.forEach((table, rows) -> assertTrue(rows.isEmpty() || table.equals("evidence_ledger"), table + " " + rows));
    assertTrue(left.get("evidence_ledger").get(0).contains("state=PENDING"), left.get("evidence_ledger").toString());

    try (Connection c = DriverManager.getConnection(sqliteUrl()); Statement s = c.createStatement()) {
      s.execute("DELETE FROM timeline_entries WHERE incident_id = 99");
    }
    CandorJar.Run copied = CandorJar.run(dir, sqliteEnv(), "migrate", "--to", target);
    assertEquals(0, copied.exit(), copied.describe());
    assertEquals(dump(sqliteUrl()).keySet(), dump(target).keySet());
  }

  @Test
  void refusals_areOneLine_andLeaveTheTargetAsItWas() throws Exception {
    fill();
    // a database holding someone else's tables
    String foreign = Postgres.emptyDatabase();
    try (Connection c = DriverManager.getConnection(foreign); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE invoices (id INT)");
    }
    CandorJar.Run notEmpty = CandorJar.run(dir, sqliteEnv(), "migrate", "--to", foreign);
    assertEquals(2, notEmpty.exit(), notEmpty.describe());
    assertTrue(notEmpty.err().contains("is not empty: it holds tables Candor did not make (invoices)"),
        notEmpty.describe());
    assertEquals(Map.of("invoices", List.of()), dump(foreign));

    // a key the chains were not sealed with
    String target = Postgres.emptyDatabase();
    Path otherKey = Files.writeString(dir.resolve("other.key"), OTHER_KEY + "\n");
    Map<String, String> wrongKey = Map.of("DATABASE_URL", sqliteUrl(), "CANDOR_KEY_FILE", otherKey.toString());
    CandorJar.Run wrong = CandorJar.run(dir, wrongKey, "migrate", "--to", target);
    assertEquals(2, wrong.exit(), wrong.describe());
    assertTrue(wrong.err().contains("is not the key the chains in"), wrong.describe());
    assertFalse(wrong.err().contains(OTHER_KEY), "no key printed");

    // not PostgreSQL
    CandorJar.Run sqliteTarget = CandorJar.run(dir, sqliteEnv(), "migrate", "--to", "jdbc:sqlite:" + dir.resolve("b.db"));
    assertEquals(2, sqliteTarget.exit(), sqliteTarget.describe());
    assertTrue(sqliteTarget.err().contains("--to must be a PostgreSQL JDBC URL"), sqliteTarget.describe());
    assertFalse(Files.exists(dir.resolve("b.db")));

    // a password in the URL is never printed
    String withPassword = target.replace("?", "?password=s3cr3t-pw&");
    CandorJar.Run unreachable = CandorJar.run(dir, sqliteEnv(), "migrate", "--to",
        withPassword.replace(":" + Postgres.port() + "/", ":1/"));
    assertEquals(2, unreachable.exit(), unreachable.describe());
    assertTrue(unreachable.err().contains("cannot connect to"), unreachable.describe());
    assertFalse(unreachable.err().contains("s3cr3t-pw"), unreachable.describe());

    for (CandorJar.Run run : List.of(notEmpty, wrong, sqliteTarget, unreachable)) {
      assertEquals(1, run.errLines().size(), run.describe());
      assertNoStackTrace(run);
    }
    assertEquals(Map.of(), dump(target), "nothing made in the target");
  }

  /** Every table but Flyway's, each row as column=value pairs, sorted: what a copy must hold the same. */
  static Map<String, List<String>> dump(String url) throws SQLException {
    Map<String, List<String>> tables = new TreeMap<>();
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      List<String> names = new ArrayList<>();
      String list = url.startsWith("jdbc:sqlite:")
          ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
          : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()";
      try (ResultSet rs = s.executeQuery(list)) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
      names.remove("flyway_schema_history");
      for (String table : names) {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
          ResultSetMetaData meta = rs.getMetaData();
          while (rs.next()) {
            Map<String, String> row = new TreeMap<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
              String column = meta.getColumnName(i);
              // a claim's lease is the one value migrate changes (checked on its own)
              if (!(table.equals("jobs") && column.equals("lease_until"))) {
                row.put(column, rs.getString(i));
              }
            }
            rows.add(row.toString());
          }
        }
        rows.sort(null);
        tables.put(table, rows);
      }
    }
    return tables;
  }

  static long longValue(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next(), sql);
      return rs.getLong(1);
    }
  }
}
