package dev.candor.main;

import static dev.candor.testing.SlackEvents.envelope;
import static dev.candor.testing.SlackEvents.newEventId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.incident.Incident;
import dev.candor.jobs.Job;
import dev.candor.store.JdbcIncidentRepository;
import dev.candor.store.JdbcJobStore;
import dev.candor.store.JdbcTimelineStore;
import dev.candor.store.LocalKey;
import dev.candor.testing.CandorJar;
import dev.candor.testing.Eventually;
import dev.candor.testing.FakeSlack;
import dev.candor.testing.Postgres;
import dev.candor.testing.RunningCandor;
import dev.candor.testing.SlackEvents;
import dev.candor.testing.TcpProxy;
import dev.candor.timeline.EntryKind;
import dev.candor.timeline.HashChain;
import dev.candor.timeline.TimelineEntry;
import dev.candor.timeline.TimelineService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Candor on PostgreSQL, end to end: the real HTTP server, requests signed as Slack signs them, the fake Slack Web
 * API, and a real PostgreSQL server (embedded) whose database starts empty: Candor makes the schema itself.
 */
class PostgresIT {
  static final String KEY = "5eed5eed00112233445566778899aabbccddeeff00112233445566778899aabb";
  static final String OTHER_KEY = "0badc0de00112233445566778899aabbccddeeff00112233445566778899aabb";

  @TempDir Path dir;
  final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  Map<String, String> env(String url, String name, String value) {
    Map<String, String> env = new HashMap<>();
    env.put("DATABASE_URL", url);
    env.put(name, value);
    return env;
  }

  RunningCandor start(Map<String, String> env) {
    RunningCandor candor = RunningCandor.start(new FakeSlack(), dir, env, Clock.systemUTC());
    toClose.add(candor);
    candor.slack.addChannel("CGENERAL", "general", false, false, "UALICE", "UBOB");
    return candor;
  }

  static Incident declare(RunningCandor candor, String what) {
    assertEquals(200, candor.requests.command("UALICE", "CGENERAL", "declare " + what + " sev2").status());
    String channel = candor.slack.await("conversations.invite", c -> true, Duration.ofSeconds(20)).param("channel");
    JdbcIncidentRepository incidents = new JdbcIncidentRepository(candor.candor.database().dataSource());
    Eventually.await(() -> incidents.byChannel(channel).isPresent(), "the incident of " + channel);
    return incidents.byChannel(channel).orElseThrow();
  }

  static List<TimelineEntry> awaitEntries(RunningCandor candor, Incident incident, EntryKind kind, int count) {
    JdbcTimelineStore store = new JdbcTimelineStore(candor.candor.database().dataSource());
    Eventually.await(() -> store.entries(incident.id()).stream().filter(e -> e.kind() == kind).count() >= count,
        count + " " + kind + " entries in the timeline of " + incident.id());
    return store.entries(incident.id());
  }

  @Test
  void onAnEmptyPostgresqlDatabase_anIncidentItsMessagesAndItsAnnouncement_areKeptOnce_andTheChainVerifies()
      throws Exception {
    Path keyFile = Files.writeString(dir.resolve("evidence.key"), KEY + "\n");
    String url = Postgres.emptyDatabase();
    RunningCandor candor = start(env(url, "CANDOR_KEY_FILE", keyFile.toString()));

    Incident incident = declare(candor, "checkout errors");
    String ch = incident.channelId();
    assertEquals(200, candor.requests.command("UBOB", ch, "status identified a bad deploy").status());
    String retried = newEventId();
    Map<String, Object> first = SlackEvents.message(ch, "1700000001.000100", "UBOB", "p99 is 4s on the EU shard");
    assertEquals(200, candor.requests.event(envelope(retried, first), Map.of()).status());
    // Slack's retry of the same event: stored once by its event_id
    assertEquals(200, candor.requests.event(envelope(retried, first), Map.of("X-Slack-Retry-Num", "1",
        "X-Slack-Retry-Reason", "http_timeout")).status());
    assertEquals(200, candor.requests.event(envelope(newEventId(), SlackEvents.message(ch, "1700000002.000100",
        "UALICE", "rolling back 4512")), Map.of()).status());

    List<TimelineEntry> entries = awaitEntries(candor, incident, EntryKind.MESSAGE, 2);
    candor.slack.await("chat.postMessage", c -> ch.equals(c.param("channel")) && c.param("text").contains(
        "a bad deploy"));
    candor.awaitJobsIdle();

    assertEquals(2, entries.stream().filter(e -> e.kind() == EntryKind.MESSAGE).count(), entries.toString());
    assertEquals("DECLARED SEV2", entries.get(0).detail());
    TimelineService timeline = new TimelineService(new JdbcTimelineStore(candor.candor.database().dataSource()),
        LocalKey.load(keyFile), Clock.systemUTC());
    assertInstanceOf(HashChain.Intact.class, timeline.verify(incident.id()));
    assertEquals(1, candor.slack.calls("chat.postMessage").stream().filter(c -> ch.equals(c.param("channel"))
        && c.param("text").contains("a bad deploy")).count(), "the status change announced once");
    var jobs = new JdbcJobStore(candor.candor.database().dataSource(), Clock.systemUTC()).list("announce:");
    assertFalse(jobs.isEmpty());
    assertTrue(jobs.stream().allMatch(j -> j.status() == Job.Status.DONE), jobs.toString());
    assertFalse(Files.exists(dir.resolve(LocalKey.FILE_NAME)), "no key made beside anything");

    // candor verify, as an operator runs it against the server's database while Candor runs
    CandorJar.Run verify = CandorJar.run(dir, env(url, "CANDOR_KEY_FILE", keyFile.toString()), "verify");
    assertEquals(0, verify.exit(), verify.describe());
    CandorJar.assertNoStackTrace(verify);
  }

  @Test
  void theEvidenceKey_isNeverWrittenToPostgresql() throws Exception {
    String url = Postgres.emptyDatabase();
    RunningCandor candor = start(env(url, "CANDOR_KEY", KEY));
    Incident incident = declare(candor, "db latency");
    String ch = incident.channelId();
    candor.requests.command("UBOB", ch, "status mitigated failed over");
    candor.requests.event(envelope(newEventId(), SlackEvents.message(ch, "1700000001.000100", "UBOB",
        "token xoxb-1234567890-abcdefghij pasted")), Map.of());
    awaitEntries(candor, incident, EntryKind.MESSAGE, 1);
    candor.awaitJobsIdle();
    candor.close();
    toClose.remove(candor);

    byte[] key = HexFormat.of().parseHex(KEY);
    List<String> forms = List.of(KEY, KEY.toUpperCase(Locale.ROOT), Base64.getEncoder().encodeToString(key),
        Base64.getUrlEncoder().withoutPadding().encodeToString(key));
    List<String> found = new ArrayList<>();
    int values = 0;
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables "
          + "WHERE table_schema = 'public' ORDER BY table_name")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      assertTrue(tables.containsAll(List.of("incidents", "timeline_entries", "incident_heads", "evidence_ledger",
          "events", "jobs", "flyway_schema_history")), tables.toString());
      for (String table : tables) {
        try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
          while (rs.next()) {
            for (int col = 1; col <= rs.getMetaData().getColumnCount(); col++) {
              String value = rs.getString(col);
              values++;
              for (String form : forms) {
                if (value != null && value.contains(form)) {
                  found.add(table + "." + rs.getMetaData().getColumnName(col));
                }
              }
            }
          }
        }
      }
    }
    assertTrue(values > 100, "the database holds what Candor wrote: " + values + " values");
    assertEquals(List.of(), found, "the evidence key, found in the database");
  }

  @Test
  void aReplicaStartedWithAnotherKey_refusesToStart_namingTheProblem_andChangesNothing() throws Exception {
    String url = Postgres.emptyDatabase();
    RunningCandor sealing = start(env(url, "CANDOR_KEY", KEY));
    Incident incident = declare(sealing, "checkout errors");
    sealing.close();
    toClose.remove(sealing);
    String ledger = ledger(url);

    Candor.StartupException refused = assertThrows(Candor.StartupException.class,
        () -> start(env(url, "CANDOR_KEY", OTHER_KEY)));

    assertTrue(refused.getMessage().contains("CANDOR_KEY")
        && refused.getMessage().contains("is not the key this database's chains were sealed with"),
        refused.getMessage());
    assertFalse(refused.getMessage().contains("\n"), "one line: " + refused.getMessage());
    assertFalse(refused.getMessage().contains(OTHER_KEY) || refused.getMessage().contains(KEY), "no key printed");
    assertEquals(ledger, ledger(url), "the evidence ledger, untouched");
    RunningCandor again = start(env(url, "CANDOR_KEY", KEY));
    TimelineService timeline = new TimelineService(new JdbcTimelineStore(again.candor.database().dataSource()),
        LocalKey.parse(KEY, "the test key"), Clock.systemUTC());
    assertInstanceOf(HashChain.Intact.class, timeline.verify(incident.id()));
  }

  /** The answer to {@code request}; a request that failed is an answer of status -1 (its body says why). */
  static HttpResponse<String> ask(HttpClient http, HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String ledger(String url) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT state || ' ' || incidents || ' ' || mac FROM evidence_ledger")) {
      assertTrue(rs.next());
      return rs.getString(1);
    }
  }

  @Test
  void healthz_saysUnavailableWhileTheDatabaseIsUnreachable_andAvailableOnceItIsBack_withoutARestart()
      throws Exception {
    String url = Postgres.emptyDatabase();
    TcpProxy proxy = new TcpProxy(Postgres.port());
    toClose.add(proxy);
    String throughProxy = url.replace(":" + Postgres.port() + "/", ":" + proxy.port() + "/");
    RunningCandor candor = start(env(throughProxy, "CANDOR_KEY", KEY));
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest healthz = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + candor.candor.port() + "/healthz"))
        .timeout(Duration.ofSeconds(10)).build();
    assertEquals(200, http.send(healthz, HttpResponse.BodyHandlers.ofString()).statusCode());

    proxy.cut();

    Eventually.await(() -> ask(http, healthz).statusCode() == 503, "/healthz to answer 503 with the database cut off");
    assertTrue(ask(http, healthz).body().contains("\"database\":\"unreachable\""), ask(http, healthz).body());

    proxy.restore();

    Eventually.await(() -> ask(http, healthz).statusCode() == 200, "/healthz to answer 200 once the database is back");
    Incident incident = declare(candor, "after the outage");
    assertEquals("DECLARED SEV2", awaitEntries(candor, incident, EntryKind.ACTION, 1).get(0).detail());
  }
}
