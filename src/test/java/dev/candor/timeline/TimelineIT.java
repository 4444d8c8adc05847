package dev.candor.timeline;

import static dev.candor.testing.SlackEvents.envelope;
import static dev.candor.testing.SlackEvents.newEventId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.incident.Incident;
import dev.candor.jobs.Job;
import dev.candor.jobs.JobStore;
import dev.candor.store.JdbcIncidentRepository;
import dev.candor.store.JdbcJobStore;
import dev.candor.store.JdbcTimelineStore;
import dev.candor.store.LocalKey;
import dev.candor.testing.Eventually;
import dev.candor.testing.FakeSlack;
import dev.candor.testing.RunningCandor;
import dev.candor.testing.SlackEvents;
import dev.candor.testing.SlackPayloads;
import dev.candor.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import javax.sql.DataSource;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The timeline through the real server: events in, entries out, once each, in order, chained. */
class TimelineIT {
  @TempDir Path dir;
  RunningCandor candor;
  FakeSlack slack;
  JdbcIncidentRepository incidents;
  JdbcTimelineStore store;
  TimelineService timeline;

  @BeforeEach
  void start() {
    candor = RunningCandor.start(dir);
    slack = candor.slack;
    slack.addChannel("CGENERAL", "general", false, false, "UALICE", "UBOB");
    incidents = new JdbcIncidentRepository(candor.candor.database().dataSource());
    store = new JdbcTimelineStore(candor.candor.database().dataSource());
    timeline = new TimelineService(store, LocalKey.load(dir.resolve(LocalKey.FILE_NAME)), Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    candor.close();
  }

  private Incident declare() {
    candor.requests.command("UALICE", "CGENERAL", "declare db latency sev2");
    String channel = slack.await("conversations.invite").param("channel");
    slack.await("conversations.setTopic");
    return incidents.byChannel(channel).orElseThrow();
  }

  private void send(Map<String, Object> event) {
    send(newEventId(), event, Map.of());
  }

  private void send(String eventId, Map<String, Object> event, Map<String, String> headers) {
    assertEquals(200, candor.requests.event(envelope(eventId, event), headers).status());
  }

  private List<TimelineEntry> awaitEntries(Incident incident, Predicate<List<TimelineEntry>> done) {
    long start = System.nanoTime();
    long end = start + Eventually.DEFAULT.toNanos();
    List<TimelineEntry> entries = store.entries(incident.id());
    while (!done.test(entries) && System.nanoTime() < end) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      entries = store.entries(incident.id());
    }
    assertTrue(done.test(entries), "timeline never got there: " + entries);
    Eventually.tookLong(start, Eventually.DEFAULT, "the timeline of " + incident.id());
    return entries;
  }

  private static long count(List<TimelineEntry> entries, EntryKind kind) {
    return entries.stream().filter(e -> e.kind() == kind).count();
  }

  @Test
  void declaring_isTheFirstEntry_andEveryChangeThroughCandorFollows() {
    Incident incident = declare();
    candor.requests.command("UBOB", incident.channelId(), "status identified cache saturated");
    candor.requests.command("UBOB", incident.channelId(), "note restarted api-7");
    List<TimelineEntry> entries = awaitEntries(incident, e -> e.size() >= 3);
    assertEquals("DECLARED SEV2", entries.get(0).detail());
    assertEquals("STATUS IDENTIFIED", entries.get(1).detail());
    assertEquals("cache saturated", entries.get(1).text());
    assertEquals("NOTE", entries.get(2).detail());
    assertEquals("UBOB", entries.get(2).actor());
    assertInstanceOf(HashChain.Intact.class, timeline.verify(incident.id()));
  }

  @Test
  void messagesRepliesBotsFilesEditsDeletionsPinsJoins_areAllCaptured_andOtherReactionsAreNot() {
    Incident incident = declare();
    String ch = incident.channelId();
    send(SlackEvents.message(ch, "1700000001.000100", "UBOB", "p99 is 4s on the EU shard"));
    send(SlackEvents.reply(ch, "1700000002.000100", "1700000001.000100", "UALICE", "looking"));
    send(SlackEvents.botMessage(ch, "1700000003.000100", "BALERTS", "FIRING: HighLatency"));
    Map<String, Object> file = new LinkedHashMap<>(SlackEvents.message(ch, "1700000004.000100", "UBOB", "graph"));
    file.put("subtype", "file_share");
    file.put("files", List.of(Map.of("id", "F1", "name", "latency.png")));
    send(file);
    send(SlackEvents.edit(ch, "1700000001.000100", "1700000005.000100", "UBOB", "p99 is 4s on the EU shard",
        "p99 is 4s on EU shard 3"));
    send(SlackEvents.deletion(ch, "1700000002.000100", "1700000006.000100", "UALICE", "looking"));
    send(SlackEvents.reaction(true, ch, "1700000001.000100", "UALICE", "pushpin", "1700000007.000100"));
    send(SlackEvents.reaction(true, ch, "1700000001.000100", "UALICE", "eyes", "1700000007.000200"));
    send(SlackEvents.pin(true, ch, "1700000003.000100", "UBOB", "1700000008.000100"));
    send(SlackEvents.joined(ch, "UCAROL", "1700000009.000100"));
    List<TimelineEntry> entries = awaitEntries(incident, e -> count(e, EntryKind.MEMBER_JOINED) == 1);
    assertEquals(4, count(entries, EntryKind.MESSAGE));
    assertEquals(1, count(entries, EntryKind.EDIT));
    assertEquals(1, count(entries, EntryKind.DELETE));
    assertEquals(1, count(entries, EntryKind.REACTION_ADDED), "only the key emoji counts");
    assertEquals(1, count(entries, EntryKind.PIN_ADDED));
    TimelineEntry original = entries.stream().filter(e -> e.key().equals("msg:" + ch + ":1700000001.000100"))
        .findFirst().orElseThrow();
    assertEquals("p99 is 4s on the EU shard", original.text(), "the original text stays after an edit");
    TimelineEntry deleted = entries.stream().filter(e -> e.key().equals("msg:" + ch + ":1700000002.000100"))
        .findFirst().orElseThrow();
    assertEquals("looking", deleted.text(), "a deleted message keeps its text");
    assertEquals("1700000001.000100", deleted.threadTs());
    assertTrue(entries.stream().anyMatch(e -> e.detail().contains("latency.png")));
    assertTrue(entries.stream().anyMatch(e -> "BALERTS".equals(e.actor())), "other bots' messages are evidence");
    assertInstanceOf(HashChain.Intact.class, timeline.verify(incident.id()));
  }

  @Test
  void theSameEventTwice_aRetry_orASecondEditOrPin_areHandledByTheirKeys() {
    Incident incident = declare();
    String ch = incident.channelId();
    String id = newEventId();
    var msg = SlackEvents.message(ch, "1700000001.000100", "UBOB", "db down");
    send(id, msg, Map.of());
    send(id, msg, Map.of("X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout"));
    send(msg); // a new event id, same message: still one entry
    send(SlackEvents.edit(ch, "1700000001.000100", "1700000002.000100", "UBOB", "db down", "db is down"));
    send(SlackEvents.edit(ch, "1700000001.000100", "1700000003.000100", "UBOB", "db is down", "primary db is down"));
    send(SlackEvents.pin(true, ch, "1700000001.000100", "UBOB", "1700000004.000100"));
    send(SlackEvents.pin(false, ch, "1700000001.000100", "UBOB", "1700000005.000100"));
    send(SlackEvents.pin(true, ch, "1700000001.000100", "UBOB", "1700000006.000100"));
    List<TimelineEntry> entries = awaitEntries(incident, e -> count(e, EntryKind.PIN_ADDED) == 2);
    assertEquals(1, count(entries, EntryKind.MESSAGE));
    assertEquals(2, count(entries, EntryKind.EDIT), "a second edit is a new entry");
    assertEquals(1, count(entries, EntryKind.PIN_REMOVED));
  }

  @Test
  void eventsOutsideIncidentChannels_areAcknowledgedAndIgnored() throws Exception {
    Incident incident = declare();
    send(SlackEvents.message("CGENERAL", "1700000001.000100", "UBOB", "lunch?"));
    send(SlackEvents.message(incident.channelId(), "1700000002.000100", "UBOB", "marker"));
    awaitEntries(incident, e -> count(e, EntryKind.MESSAGE) == 1);
    assertTrue(store.entries(incident.id()).stream().noneMatch(e -> "lunch?".equals(e.text())));
  }

  @Test
  void secrets_areMaskedBeforeTheyAreStored_keepingOnlyAnHmac() {
    Incident incident = declare();
    send(SlackEvents.message(incident.channelId(), "1700000001.000100", "UBOB",
        "try xoxb-123456789012-abcdefghijkl and postgres://app:hunter2secret@db:5432/x and AKIAIOSFODNN7EXAMPLE"));
    TimelineEntry e = awaitEntries(incident, l -> count(l, EntryKind.MESSAGE) == 1).stream()
        .filter(x -> x.kind() == EntryKind.MESSAGE).findFirst().orElseThrow();
    assertFalse(e.text().contains("xoxb-123456789012"), e.text());
    assertFalse(e.text().contains("hunter2secret"), e.text());
    assertFalse(e.text().contains("AKIAIOSFODNN7EXAMPLE"), e.text());
    assertEquals(3, e.secretMacs().size());
    assertTrue(e.text().contains("postgres://app:[masked password in URL]@db:5432/x"), e.text());
  }

  @Test
  void theEventInbox_keepsNoEvidenceOfItsOwn_onceProcessed_andNeverSlacksVerificationToken() throws Exception {
    Incident incident = declare();
    String token = "legacytoken" + newEventId();
    Map<String, Object> inIncident = envelope(newEventId(), SlackEvents.message(incident.channelId(),
        "1700000001.000100", "UBOB", "try ghp_abcdefghijklmnopqrstuvwxyz0123456789 now"));
    inIncident.put("token", token);
    Map<String, Object> elsewhere = envelope(newEventId(), SlackEvents.message("CGENERAL", "1700000002.000100",
        "UBOB", "postgres://admin:hunter2secret@db.internal:5432/prod"));
    elsewhere.put("token", token);
    assertEquals(200, candor.requests.event(inIncident, Map.of()).status());
    assertEquals(200, candor.requests.event(elsewhere, Map.of()).status());
    awaitEntries(incident, e -> count(e, EntryKind.MESSAGE) == 1);

    DataSource db = candor.candor.database().dataSource();
    Eventually.await(() -> rows(db, "SELECT COUNT(*) FROM events WHERE processed_at IS NULL") == 0,
        "every event processed");
    // processed, an event keeps its id and times against redeliveries, and nothing of what it said
    assertEquals(0, rows(db, "SELECT COUNT(*) FROM events WHERE body <> ''"));
    assertTrue(rows(db, "SELECT COUNT(*) FROM events") >= 2);
    // the legacy token never reached the disk at all, not even for a moment
    for (String file : List.of("candor.db", "candor.db-wal")) {
      Path path = dir.resolve(file);
      if (Files.exists(path)) {
        String bytes = new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1);
        assertFalse(bytes.contains(token), file + " holds Slack's verification token");
      }
    }
  }

  private static long rows(DataSource db, String sql) {
    try (Connection c = db.getConnection(); var s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new AssertionError(sql, e);
    }
  }

  @Test
  void aJoinWithoutEventTs_isDatedByTheEnvelope_andSortsAfterTheDeclaration() {
    Incident incident = declare();
    long sentAt = Clock.systemUTC().instant().getEpochSecond() + 1;
    Map<String, Object> joined = new LinkedHashMap<>(SlackEvents.joined(incident.channelId(), "UCAROL", "x"));
    joined.remove("event_ts"); // as in Slack's own documented example
    Map<String, Object> envelope = envelope(newEventId(), joined);
    envelope.put("event_time", sentAt);
    assertEquals(200, candor.requests.event(envelope, Map.of()).status());

    List<TimelineEntry> entries = awaitEntries(incident, e -> count(e, EntryKind.MEMBER_JOINED) == 1);
    TimelineEntry join = entries.stream().filter(e -> e.kind() == EntryKind.MEMBER_JOINED).findFirst().orElseThrow();
    assertEquals(sentAt, join.at().getEpochSecond(), join.ts());
    assertTrue(join.at().isAfter(entries.get(0).at()), "the join sorts after the declaration: " + entries);
  }

  @Test
  void appRateLimited_isAnsweredOk_soSlackKeepsTheSubscription() {
    // sent exactly when Slack throttles the app; Slack may turn events off for an app that doesn't answer 200
    Map<String, Object> limited = new LinkedHashMap<>();
    limited.put("token", "deprecated");
    limited.put("type", "app_rate_limited");
    limited.put("team_id", FakeSlack.TEAM);
    limited.put("minute_rate_limited", 1_518_467_820);
    limited.put("api_app_id", "ACANDOR");

    var answer = candor.requests.event(limited, Map.of());

    assertEquals(200, answer.status(), answer.text());
  }

  @Test
  void redact_isTheCommandersAlone_removesTheContent_andTheChainStillVerifies() {
    Incident incident = declare();
    String ch = incident.channelId();
    send(SlackEvents.message(ch, "1700000001.000100", "UBOB", "customer card 4111 1111 1111 1111"));
    TimelineEntry card = awaitEntries(incident, l -> count(l, EntryKind.MESSAGE) == 1).stream()
        .filter(x -> x.kind() == EntryKind.MESSAGE).findFirst().orElseThrow();
    var refused = candor.requests.command("UBOB", ch, "redact " + card.seq() + " card number");
    assertTrue(refused.text().contains("Only the commander"), refused.text());
    assertEquals(card.text(), store.entry(incident.id(), card.seq()).orElseThrow().text());

    var done = candor.requests.command("UALICE", ch, "redact " + card.seq() + " a customer's card number");
    assertTrue(done.text().contains("redacted"), done.text());
    TimelineEntry after = store.entry(incident.id(), card.seq()).orElseThrow();
    assertNull(after.text());
    assertEquals(card.contentMac(), after.contentMac(), "its HMAC stays");
    List<TimelineEntry> entries = store.entries(incident.id());
    TimelineEntry redaction = entries.get(entries.size() - 1);
    assertEquals(EntryKind.REDACTION, redaction.kind());
    assertEquals("UALICE", redaction.actor());
    assertEquals("a customer's card number", redaction.text());
    assertEquals(Long.toString(card.seq()), redaction.refTs());
    assertInstanceOf(HashChain.Intact.class, timeline.verify(incident.id()));
    slack.await("chat.postMessage", c -> c.param("text").contains("redacted timeline entry #" + card.seq()));
    var again = candor.requests.command("UALICE", ch, "redact " + card.seq() + " again");
    assertTrue(again.text().contains("already"), again.text());
    var missing = candor.requests.command("UALICE", ch, "redact 999 nothing");
    assertTrue(missing.text().contains("no timeline entry #999"), missing.text());
  }

  /**
   * The backfill never waits on Slack on the job runner's thread: a 429 on the history, then one on a thread's
   * replies, each makes the job come back after its Retry-After (on a clock the test moves), the second keeping the
   * messages read whole before the thread, so the next run resumes at the thread rather than at the top.
   */
  @Test
  void declaringInAnExistingChannel_backfillsItsHistory_pagedWithThreads_honouring429() {
    TestClock clock = new TestClock(Instant.now());
    candor.close();
    candor = RunningCandor.start(dir, Map.of("CANDOR_JOBS_POLL", "1s"), clock);
    slack = candor.slack;
    incidents = new JdbcIncidentRepository(candor.candor.database().dataSource());
    store = new JdbcTimelineStore(candor.candor.database().dataSource());
    timeline = new TimelineService(store, LocalKey.load(dir.resolve(LocalKey.FILE_NAME)), clock);
    FakeSlack.Channel war = slack.addChannel("CWAR", "war-room", false, true, "UALICE", "UBOB");
    long now = clock.instant().getEpochSecond();
    for (int i = 0; i < 450; i++) {
      war.say((now - 3600 + i) + ".000100", "UBOB", "message " + i);
    }
    war.say((now - 100) + ".000100", "UALICE", "thread parent", "thread_ts", (now - 100) + ".000100")
        .put("reply_count", 2);
    war.say((now - 90) + ".000100", "UBOB", "reply one", "thread_ts", (now - 100) + ".000100");
    war.say((now - 80) + ".000100", "UBOB", "reply two", "thread_ts", (now - 100) + ".000100");
    war.say((now - 50) + ".000100", "UBOB", "after the thread");
    war.say((now - 3 * 86_400) + ".000100", "UBOB", "too old to matter");
    slack.script("conversations.history", new MockResponse.Builder().code(429).addHeader("Retry-After", "1")
        .addHeader("Content-Type", "application/json").body("{\"ok\":false,\"error\":\"ratelimited\"}").build());
    slack.script("conversations.replies", new MockResponse.Builder().code(429).addHeader("Retry-After", "90")
        .addHeader("Content-Type", "application/json").body("{\"ok\":false,\"error\":\"ratelimited\"}").build());
    candor.requests.interaction(SlackPayloads.declareSubmission("VB1", "CWAR", "War", "SEV2", "", "public", "this"));
    Incident incident = awaitIncident("CWAR");
    String key = "backfill:" + incident.id().value();

    Instant limited = clock.instant();
    Eventually.await(() -> backfillJob(key).map(j -> j.status() == Job.Status.PENDING && j.attempts() == 1)
        .orElse(false), "the history's 429, to be retried by the job");
    assertFalse(backfillJob(key).orElseThrow().runAt().isBefore(limited.plusSeconds(1)), "no sooner than Retry-After");
    assertEquals(1, slack.calls("conversations.history").size(), "one attempt, not waited out within the run");
    assertEquals(0, count(store.entries(incident.id()), EntryKind.MESSAGE));

    clock.set(backfillJob(key).orElseThrow().runAt());
    Instant threadLimited = clock.instant();
    String cursor = (now - 50) + ".000100"; // the one message read whole before the thread
    Eventually.await(() -> backfillJob(key).map(j -> j.status() == Job.Status.PENDING
        && j.payload().contains("\"latest\":\"" + cursor + "\"")).orElse(false),
        "the thread's 429: what was read whole kept, the rest to come");
    assertFalse(backfillJob(key).orElseThrow().runAt().isBefore(threadLimited.plusSeconds(90)),
        "no sooner than the replies' Retry-After: " + backfillJob(key).orElseThrow());
    assertEquals(1, count(store.entries(incident.id()), EntryKind.MESSAGE), "the message before the thread, in");
    assertEquals(1, slack.calls("conversations.replies").size());

    clock.set(backfillJob(key).orElseThrow().runAt());
    Eventually.await(() -> backfillJob(key).map(j -> j.status() == Job.Status.DONE).orElse(false),
        "the backfill finished");
    List<TimelineEntry> entries = awaitEntries(incident, e -> count(e, EntryKind.MESSAGE) == 454);
    assertTrue(entries.stream().noneMatch(e -> "too old to matter".equals(e.text())));
    assertTrue(entries.stream().filter(e -> e.kind() == EntryKind.MESSAGE).allMatch(e -> e.source() == Source.BACKFILL));
    assertEquals(1, entries.stream().filter(e -> "after the thread".equals(e.text())).count(), "kept once");
    // the same message arrives as an event too: still one entry
    send(SlackEvents.message("CWAR", (now - 90) + ".000100", "UBOB", "reply one"));
    send(SlackEvents.message("CWAR", (now + 1) + ".000100", "UBOB", "marker"));
    entries = awaitEntries(incident, e -> e.stream().anyMatch(x -> "marker".equals(x.text())));
    assertEquals(455, count(entries, EntryKind.MESSAGE));
    List<FakeSlack.Call> reads = slack.calls("conversations.history");
    assertEquals(5, reads.size(), "the 429, the page cut at the thread, then the three pages left: " + reads);
    assertEquals(cursor, reads.get(2).param("latest"), "resumed at the thread, not at the top");
    assertEquals(2, slack.calls("conversations.replies").size(), "the 429, then the thread read once");
    assertInstanceOf(HashChain.Intact.class, timeline.verify(incident.id()));
  }

  @Test
  void aBackfillInterruptedAfterItsFirstPage_resumesAtItsCursorAfterARestart_andAddsEveryMessageOnce() {
    TestClock clock = new TestClock(Instant.now());
    Map<String, String> env = Map.of("CANDOR_JOBS_POLL", "1s");
    candor.close();
    candor = RunningCandor.start(dir, env, clock);
    slack = candor.slack;
    incidents = new JdbcIncidentRepository(candor.candor.database().dataSource());
    FakeSlack.Channel war = slack.addChannel("CWAR", "war-room", false, true, "UALICE", "UBOB");
    long now = clock.instant().getEpochSecond();
    for (int i = 0; i < 450; i++) {
      war.say((now - 3600 + i) + ".000100", "UBOB", "message " + i);
    }
    String firstPage = (now + 1) + ".";
    // the second page meets Slack's trouble: the first is in the timeline by then
    slack.script("conversations.history", c -> "CWAR".equals(c.param("channel"))
        && c.param("latest") != null && !c.param("latest").startsWith(firstPage), FakeSlack.error("internal_error"));

    candor.requests.interaction(SlackPayloads.declareSubmission("VB1", "CWAR", "War", "SEV2", "", "public", "this"));
    Incident incident = awaitIncident("CWAR");
    String key = "backfill:" + incident.id().value();
    Eventually.await(() -> backfillJob(key).map(j -> j.status() == Job.Status.PENDING && j.attempts() == 1)
        .orElse(false), "the backfill stopped at its second page, to be retried");
    store = new JdbcTimelineStore(candor.candor.database().dataSource());
    assertEquals(200, count(store.entries(incident.id()), EntryKind.MESSAGE), "the first page, in");
    String cursor = (now - 3600 + 250) + ".000100"; // the oldest message of the first page
    assertTrue(backfillJob(key).orElseThrow().payload().contains("\"latest\":\"" + cursor + "\""),
        backfillJob(key).orElseThrow().payload());

    candor.stopCandor(); // a restart: the job, its cursor with it, is all that is left of the backfill
    candor = RunningCandor.start(slack, dir, env, clock);
    store = new JdbcTimelineStore(candor.candor.database().dataSource());
    int readsBefore = slack.calls("conversations.history").size();
    clock.set(backfillJob(key).orElseThrow().runAt());
    Eventually.await(() -> backfillJob(key).map(j -> j.status() == Job.Status.DONE).orElse(false),
        "the backfill finished after the restart");

    List<TimelineEntry> entries = store.entries(incident.id());
    assertEquals(450, count(entries, EntryKind.MESSAGE), "every message");
    for (int i = 0; i < 450; i++) {
      String text = "message " + i;
      assertEquals(1, entries.stream().filter(e -> text.equals(e.text())).count(), "once: " + text);
    }
    List<FakeSlack.Call> resumed = slack.calls("conversations.history").stream().skip(readsBefore)
        .filter(c -> "CWAR".equals(c.param("channel"))).toList();
    assertEquals(cursor, resumed.get(0).param("latest"), "resumed at its cursor, not at the top");
    assertEquals(2, resumed.size(), "the two pages left: " + resumed);
  }

  private Optional<JobStore.Entry> backfillJob(String key) {
    return new JdbcJobStore(candor.candor.database().dataSource(), Clock.systemUTC()).find(key);
  }

  @Test
  void timelineCommand_opensAPagedModal_inSlackOrder_andNextTurnsThePage() {
    Incident incident = declare();
    String ch = incident.channelId();
    StringBuilder big = new StringBuilder();
    for (int i = 0; i < 120; i++) {
      // sent out of order: the modal shows Slack's order, not arrival order
      long n = 1_700_000_000L + (i % 2 == 0 ? i : 1000 - i);
      send(SlackEvents.message(ch, n + ".000100", "UBOB", "line " + i + " <!channel> " + "x".repeat(200)));
    }
    awaitEntries(incident, e -> count(e, EntryKind.MESSAGE) == 120);
    candor.requests.command("UBOB", ch, "timeline", "trig-timeline");
    var open = slack.await("views.open", c -> "trig-timeline".equals(c.param("trigger_id")));
    String view = open.json("view");
    assertTrue(view.contains("\"callback_id\":\"timeline\""), view);
    assertFalse(view.contains("<!channel>"), "user text is escaped");
    assertTrue(view.contains("timeline_next"), "120 long entries need more than one page");
    assertTrue(view.contains("<!date^"), "times in each reader's own zone");
    int first = view.indexOf("line 0 ");
    int second = view.indexOf("line 2 ");
    assertTrue(first >= 0 && second > first, "Slack order on page 1");

    Map<String, Object> click = Map.of("type", "block_actions", "team", Map.of("id", FakeSlack.TEAM),
        "user", Map.of("id", "UBOB", "name", "bob"), "api_app_id", "ACANDOR", "token", "deprecated",
        "trigger_id", "trig-next", "view", Map.of("id", "VTL", "hash", "hash-1", "type", "modal",
            "callback_id", "timeline", "private_metadata", incident.id().value() + ":1"),
        "actions", List.of(Map.of("action_id", "timeline_next", "block_id", "nav", "value", "2", "type", "button",
            "action_ts", "1700000000.1")));
    assertEquals(200, candor.requests.interaction(click).status());
    var update = slack.await("views.update");
    assertEquals("VTL", update.param("view_id"));
    assertEquals("hash-1", update.param("hash"));
    assertTrue(update.json("view").contains("timeline_prev"), update.param("view"));
  }

  @Test
  void timelineCommand_outsideAnIncidentChannel_saysWhereItWorks() {
    var answer = candor.requests.command("UBOB", "CGENERAL", "timeline");
    assertTrue(answer.text().contains("only works in an incident channel"), answer.text());
    assertTrue(slack.calls("views.open").isEmpty());
  }

  private Incident awaitIncident(String channel) {
    long end = System.nanoTime() + Eventually.DEFAULT.toNanos();
    while (System.nanoTime() < end) {
      var found = incidents.byChannel(channel);
      if (found.isPresent()) {
        return found.get();
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    throw new AssertionError("no incident in " + channel);
  }
}
