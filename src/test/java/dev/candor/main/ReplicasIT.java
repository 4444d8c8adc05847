package dev.candor.main;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.candor.testing.CandorJar;
import dev.candor.testing.CandorProcess;
import dev.candor.testing.Eventually;
import dev.candor.testing.FakeSlack;
import dev.candor.testing.Postgres;
import dev.candor.testing.SignedSlack;
import dev.candor.testing.SlackEvents;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replica drill (issue 14, item 6): two Candor replicas, each the packaged jar in its own child JVM, on one
 * PostgreSQL database (embedded, the tests' own), both talking to one {@link FakeSlack}. Signed events and slash
 * commands go to both in turn, and Slack's retries of an event (the same {@code event_id}, {@code
 * X-Slack-Retry-Num}) go to the other replica. One declaration is submitted to both at once. Then the replica
 * whose announcement Slack has taken but not yet answered (the fake holds its {@code chat.postMessage} open) is
 * killed with SIGKILL while events still pour in. Afterwards: every acknowledged event is in the timeline once,
 * every chain verifies ({@code candor verify}), every announcement and DM is in Slack once and in the order its
 * changes were made, and every job due is done, and every event processed, within 30 s of the kill.
 *
 * <p>Cheap on purpose: one PostgreSQL, two JVMs, a few seconds of load (about 50 events a second). Every wait is
 * for a condition, with a deadline. The replicas run with the default lease ({@code CANDOR_JOBS_LEASE}, 15 s) and
 * poll ({@code CANDOR_JOBS_POLL}, 5 s on PostgreSQL), so the 30 s is the promise a user gets.
 */
class ReplicasIT {
  static final Map<String, String> SETTINGS = Map.of("CANDOR_KEY", PostgresIT.KEY, "CANDOR_STATUS_REMINDER", "3650d",
      "INCIDENTS_CHANNEL", "CINCIDENTS");
  /** What the issue promises: a dead replica's work done within this of its death. */
  static final Duration AFTER_KILL = Duration.ofSeconds(30);
  static final Duration WAIT = Duration.ofSeconds(45);
  static final String CAROL = "UCAROL";
  /**
   * Two children starting at once on a loaded 2-core machine: they took 50 s each at load average 37, close to the
   * 60 s one alone is given. How fast they start is not what the drill is about.
   */
  static final Duration START = Duration.ofSeconds(120);
  static final long BOTH_WITHIN_SECONDS = START.toSeconds() + 30;

  @TempDir Path dir;
  @RegisterExtension final Postgres.FreshDatabase database = new Postgres.FreshDatabase();
  final ExecutorService pool = Executors.newFixedThreadPool(2);
  FakeSlack fake;
  FakeSlack.Channel incidentsChannel;
  final List<CandorProcess> replicas = new ArrayList<>();
  final List<SignedSlack> to = new ArrayList<>();
  /** The load, once started: stopped after each test, also one that failed half-way. */
  Load load;
  /** The marker of each acknowledged change, by the channel it was made in. */
  final Map<String, List<String>> changes = new ConcurrentHashMap<>();

  @BeforeEach
  void setUp() throws Exception {
    fake = new FakeSlack();
    fake.keepPostsInNewChannels();
    fake.addChannel("CGENERAL", "general", false, false, "UALICE", "UBOB", CAROL);
    incidentsChannel = fake.addChannel("CINCIDENTS", "incidents", false, true);
    incidentsChannel.keepsPosts = true;
    fake.dm(CAROL);
    Map<String, String> env = new HashMap<>(SETTINGS);
    env.put("DATABASE_URL", database.url());
    for (String name : List.of("a", "b")) {
      CandorProcess replica = CandorProcess.in(fake, Files.createDirectories(dir.resolve(name)), env);
      replicas.add(replica);
      to.add(replica.requests());
    }
  }

  @AfterEach
  void cleanUp() throws InterruptedException {
    if (load != null) {
      load.stop();
    }
    pool.shutdownNow();
    replicas.forEach(CandorProcess::close);
    fake.close();
  }

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void twoReplicas_oneKilledMidLoadAndMidAnnouncement_loseNothing_duplicateNothing_andStallNothing()
      throws Exception {
    try {
      drill();
    } catch (Throwable t) {
      System.err.println("ReplicasIT failed; replica a:\n" + replicas.get(0).logTail() + "\nreplica b:\n"
          + replicas.get(1).logTail() + "\nSlack calls:\n" + fake.describe());
      throw t;
    }
  }

  private void drill() throws Exception {
    both(i -> {
      replicas.get(i).start(i == 0 ? "a" : "b", START);
      return null;
    });

    // A declaration double-submitted, to each replica at once: one incident, one channel. What went wrong there is
    // reported at the end, with the rest, and the drill goes on with the incident that declaration stored first.
    Throwable doubleDeclared = failureOf(this::declareTwiceAtOnce);
    String one = channelOf("checkout drill");
    String two = declare(1, "UBOB", "search drill sev3", "search drill");
    load = new Load(List.of(one, two));
    load.start();

    change(0, one, "status investigating", "drill-1-first");
    change(1, two, "status investigating", "drill-2-first");
    change(1, one, "status investigating", "drill-1-second");
    change(0, two, "followup <@" + CAROL + "|carol> in 2 weeks", "drill-2-followup");
    openHomesAtBoth();

    // Mid-announcement: Slack takes this update's post and keeps its answer back; two more wait behind it.
    FakeSlack.Gate held = fake.hold("chat.postMessage", c -> one.equals(c.param("channel"))
        && c.param("text").contains("drill-1-held"));
    change(0, one, "status identified", "drill-1-held");
    assertTrue(held.awaitReached(WAIT), "the held announcement never reached Slack");
    int holder = holderOf("drill-1-held");
    change(1, one, "status identified", "drill-1-behind-a");
    change(0, one, "status identified", "drill-1-behind-b");
    change(1, two, "status identified", "drill-2-while-held");
    await(() -> said(two, "drill-2-while-held") == 1, "another incident's announcement, not held up", WAIT);
    assertEquals("PENDING", jobStatus("drill-1-behind-a"), "queued behind the held announcement");
    await(() -> load.acked.size() >= 40, "40 events acknowledged before the kill", WAIT);

    // SIGKILL, mid-load and mid-announcement.
    int ackedAtKill = load.acked.size();
    int unansweredAtKill = load.refusedFirst.get();
    long killedAt = System.nanoTime();
    replicas.get(holder).kill9();
    held.release();
    System.out.printf("ReplicasIT: killed replica %s (it held a post open) with %d events acknowledged%n",
        holder == 0 ? "a" : "b", ackedAtKill);

    change(holder, one, "status monitoring", "drill-1-after-kill");
    change(holder, one, "followup <@" + CAROL + "|carol> in 3 weeks", "drill-1-followup");
    change(1 - holder, two, "resolve", "drill-2-resolved");
    await(() -> load.acked.size() >= ackedAtKill + 30 && load.refusedFirst.get() > unansweredAtKill,
        "30 more events acknowledged after the kill, some through a retry to the survivor", WAIT);
    load.stop();
    System.out.printf("ReplicasIT: load stopped %d ms after the kill: %s%n", millisSince(killedAt), load);

    Duration left = AFTER_KILL.minusNanos(System.nanoTime() - killedAt);
    assertTrue(!left.isNegative(), "the load after the kill took longer than " + AFTER_KILL);
    await(() -> count("SELECT COUNT(*) FROM jobs WHERE status IN ('PENDING', 'CLAIMED') AND run_at <= ?",
        System.currentTimeMillis()) == 0 && count("SELECT COUNT(*) FROM events WHERE processed_at IS NULL") == 0,
        "every job due done and every event processed, within " + AFTER_KILL + " of the kill", left);
    System.out.printf("ReplicasIT: every job due done and every event processed %d ms after the kill%n",
        millisSince(killedAt));

    assertAll(
        () -> {
          if (doubleDeclared != null) {
            throw doubleDeclared;
          }
        },
        () -> assertEquals(0, count("SELECT COUNT(*) FROM jobs WHERE status = 'FAILED'"), "failed jobs: " + jobs()),
        () -> assertEveryAcknowledgedEventOnce(load),
        this::assertEveryChangeOnceInTheTimeline,
        this::assertTheChainsVerify,
        () -> assertEachAnnouncementOnceInOrder(one),
        () -> assertEachAnnouncementOnceInOrder(two),
        () -> assertPostedOnceInOrder(incidentsChannel, "incident.card", 2), // two declared: the cards' copies
        () -> assertPostedOnceInOrder(incidentsChannel, "incident.announce", 1), // one resolved
        () -> assertPostedOnceInOrder(fake.channel("D" + CAROL), "followup.assigned", 2),
        this::assertEachHomePublishedOnce,
        () -> assertTrue(replicas.get(1 - holder).isAlive(), "the survivor still runs"));
  }

  // --- App Home, opened during the load ----------------------------------------------------------------

  /** How many people open Candor's App Home during the load, each once, at the replicas in turn. */
  static final int HOMES = 30;

  /**
   * {@value #HOMES} people open App Home while the load runs, their events to both replicas in turn: each event is
   * processed by one replica, so each person's home is published once (an event both replicas processed would be
   * published twice). Waits until every one is published.
   */
  private void openHomesAtBoth() {
    for (int i = 0; i < HOMES; i++) {
      String user = "UHOME" + i;
      var event = Map.<String, Object>of("type", "app_home_opened", "user", user, "channel", "D" + user, "tab", "home",
          "event_ts", load.base + "." + String.format("%06d", i));
      assertEquals(200, to.get(i % 2).event(SlackEvents.envelope("EvHOME" + i, event), Map.of()).status());
    }
    await(() -> homesPublished().size() == HOMES, "every App Home opened published", WAIT);
  }

  /** How many times each person who opened App Home in the drill had it published. */
  private Map<String, Long> homesPublished() {
    Map<String, Long> published = new HashMap<>();
    for (FakeSlack.Call c : fake.calls("views.publish")) {
      String user = c.param("user_id");
      if (user != null && user.startsWith("UHOME")) {
        published.merge(user, 1L, Long::sum);
      }
    }
    return published;
  }

  /** Checked once everything settled: an App Home opened is published once, not once per replica. */
  private void assertEachHomePublishedOnce() {
    Map<String, Long> published = homesPublished();
    Map<String, Long> more = new HashMap<>();
    published.forEach((user, n) -> {
      if (n != 1) {
        more.put(user, n);
      }
    });
    assertEquals(HOMES, published.size(), "homes published: " + published);
    assertEquals(Map.of(), more, "App Homes published more than once (an event processed by both replicas)");
  }

  // --- the double declaration ----------------------------------------------------------------------

  private void declareTwiceAtOnce() throws Exception {
    CyclicBarrier together = new CyclicBarrier(2);
    List<SignedSlack.Answer> acks = both(i -> {
      together.await();
      return to.get(i).command("UALICE", "CGENERAL", "declare checkout drill sev2", "trig-declare-" + i);
    });
    acks.forEach(a -> assertEquals(200, a.status(), a.body()));
    String first = fake.await("response_url", c -> "trig-declare-0".equals(c.param("id")), WAIT).body();
    String second = fake.await("response_url", c -> "trig-declare-1".equals(c.param("id")), WAIT).body();
    assertEquals(1, count("SELECT COUNT(*) FROM incidents"), "one incident: " + first + " / " + second);
    assertEquals(1, (first.contains("just declared") ? 1 : 0) + (second.contains("just declared") ? 1 : 0),
        "one replica declared it, the other said it was the same declaration:\n" + first + "\n" + second);
    List<String> names = fake.calls("conversations.create").stream().map(c -> c.param("name")).distinct().toList();
    assertEquals(1, names.size(), "one channel name asked for (so one channel made): " + names);
  }

  private String declare(int replica, String user, String text, String title) {
    assertEquals(200, to.get(replica).command(user, "CGENERAL", "declare " + text).status());
    return channelOf(title);
  }

  /** The channel of the incident titled {@code title} (the first one, if a double declaration made two). */
  private String channelOf(String title) {
    await(() -> count("SELECT COUNT(*) FROM incidents WHERE title = ?", title) >= 1, "the incident " + title, WAIT);
    String channel = text("SELECT channel_id FROM incidents WHERE title = ? ORDER BY id LIMIT 1", title);
    await(() -> said(channel, "declared") >= 1, "the declaration announced in " + channel, WAIT);
    return channel;
  }

  // --- changes through slash commands --------------------------------------------------------------

  /**
   * {@code /incident <command> <marker>} in {@code channel}, typed at replica {@code replica}; when that one does
   * not answer, typed again at the other (as a person does when Slack says the command failed). Returns once the
   * change and its jobs are stored.
   */
  private void change(int replica, String channel, String command, String marker) {
    for (int attempt = 0; attempt < 2; attempt++) {
      int at = (replica + attempt) % 2;
      if (!replicas.get(at).isAlive()) {
        continue;
      }
      try {
        SignedSlack.Answer ack = to.get(at).command("UBOB", channel, command + " " + marker);
        if (ack.status() == 200) {
          assertEquals("", ack.body(), "acked without a word: " + command);
          changes.computeIfAbsent(channel, c -> new ArrayList<>()).add(marker);
          await(() -> count("SELECT COUNT(*) FROM jobs WHERE strpos(payload, ?) > 0", marker) > 0,
              "the jobs of " + marker + " stored", WAIT);
          return;
        }
      } catch (UncheckedIOException e) {
        // no answer: typed again at the other replica
      }
    }
    fail("no replica acknowledged " + command + " " + marker);
  }

  /** The index of the replica whose job runner holds the announcement saying {@code marker}. */
  private int holderOf(String marker) {
    String claimedBy = text("SELECT claimed_by FROM jobs WHERE kind = 'incident.announce' AND strpos(payload, ?) > 0",
        marker);
    for (int i = 0; i < replicas.size(); i++) {
      if (claimedBy != null && claimedBy.startsWith("pid-" + replicas.get(i).pid() + "-")) {
        return i;
      }
    }
    throw new AssertionError("the announcement " + marker + " is claimed by " + claimedBy + ", neither replica ("
        + replicas.get(0).pid() + ", " + replicas.get(1).pid() + ")");
  }

  private String jobStatus(String marker) {
    return text("SELECT status FROM jobs WHERE kind = 'incident.announce' AND strpos(payload, ?) > 0", marker);
  }

  // --- the load ------------------------------------------------------------------------------------

  /**
   * Two senders of message events, about 50 a second in all, to the replicas in turn. An event a replica does
   * not acknowledge (no answer, or not 200) is delivered again to the other with {@code X-Slack-Retry-Num}, as
   * Slack retries; every fifth acknowledged event is delivered again to the other too (an ack that reached Slack
   * too late).
   */
  final class Load {
    final List<String> channels;
    final Set<String> acked = ConcurrentHashMap.newKeySet();
    final AtomicInteger sent = new AtomicInteger();
    final AtomicInteger refusedFirst = new AtomicInteger();
    final AtomicInteger retriesAfterAck = new AtomicInteger();
    final AtomicInteger notAcked = new AtomicInteger();
    final long base = System.currentTimeMillis() / 1000;
    final List<Thread> senders = new ArrayList<>();
    volatile boolean stopped;

    Load(List<String> channels) {
      this.channels = channels;
    }

    void start() {
      for (int i = 0; i < 2; i++) {
        Thread t = new Thread(this::send, "drill-load-" + i);
        t.setDaemon(true);
        senders.add(t);
        t.start();
      }
    }

    private void send() {
      while (!stopped) {
        int n = sent.incrementAndGet();
        String channel = channels.get(n % channels.size());
        String ts = base + "." + String.format("%06d", n);
        Map<String, Object> envelope = SlackEvents.envelope("EvDRILL" + n,
            SlackEvents.message(channel, ts, n % 3 == 0 ? "UALICE" : "UBOB", "drill message " + n));
        int first = n % 2;
        boolean ok = false;
        for (int attempt = 0; attempt < 4 && !ok; attempt++) {
          ok = deliver(to.get((first + attempt) % 2), envelope, attempt, "http_error") == 200;
          if (!ok && attempt == 0) {
            refusedFirst.incrementAndGet();
          }
        }
        if (!ok) {
          notAcked.incrementAndGet();
        } else {
          acked.add(channel + ":" + ts);
          if (n % 5 == 0) {
            deliver(to.get(1 - first), envelope, 1, "http_timeout");
            retriesAfterAck.incrementAndGet();
          }
        }
        try {
          Thread.sleep(40);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    private int deliver(SignedSlack replica, Map<String, Object> envelope, int retry, String reason) {
      try {
        return replica.event(envelope, retry == 0 ? Map.of()
            : Map.of("X-Slack-Retry-Num", Integer.toString(retry), "X-Slack-Retry-Reason", reason)).status();
      } catch (UncheckedIOException e) {
        return -1;
      }
    }

    void stop() throws InterruptedException {
      stopped = true;
      for (Thread t : senders) {
        t.join(TimeUnit.SECONDS.toMillis(30));
        assertTrue(!t.isAlive(), t.getName() + " did not stop");
      }
    }

    @Override
    public String toString() {
      return sent.get() + " events sent, " + acked.size() + " acknowledged, " + refusedFirst.get()
          + " unanswered by their first replica, " + retriesAfterAck.get() + " retried after their ack, "
          + notAcked.get() + " never acknowledged";
    }
  }

  // --- the checks ----------------------------------------------------------------------------------

  private void assertEveryAcknowledgedEventOnce(Load load) {
    Map<String, Long> entries = new HashMap<>();
    for (List<Object> row : rows("SELECT entry_key, COUNT(*) FROM timeline_entries WHERE entry_key LIKE 'msg:%' "
        + "GROUP BY entry_key")) {
      entries.put((String) row.get(0), ((Number) row.get(1)).longValue());
    }
    List<String> lost = load.acked.stream().filter(k -> !entries.containsKey("msg:" + k)).sorted().toList();
    List<String> twice = entries.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
    assertEquals(List.of(), lost, "acknowledged events missing from the timeline (" + load + ")");
    assertEquals(List.of(), twice, "timeline entries recorded more than once");
    assertTrue(load.acked.size() >= 70, "the load ran: " + load);
  }

  private void assertEveryChangeOnceInTheTimeline() {
    changes.forEach((channel, markers) -> {
      for (String marker : markers) {
        assertEquals(1, count("SELECT COUNT(*) FROM timeline_entries t JOIN incidents i ON i.id = t.incident_id "
            + "WHERE i.channel_id = ? AND strpos(t.text, ?) > 0", channel, marker), marker + " in the timeline");
      }
    });
  }

  private void assertTheChainsVerify() throws Exception {
    for (List<Object> row : rows("SELECT incident_id, COUNT(*), MIN(seq), MAX(seq) FROM timeline_entries "
        + "GROUP BY incident_id")) {
      long entries = ((Number) row.get(1)).longValue();
      long span = ((Number) row.get(3)).longValue() - ((Number) row.get(2)).longValue() + 1;
      assertEquals(entries, span, "incident " + row.get(0) + ": its entries' seq has gaps");
    }
    CandorJar.Run verify = CandorJar.run(dir, Map.of("DATABASE_URL", database.url(), "CANDOR_KEY", PostgresIT.KEY),
        "verify");
    assertEquals(0, verify.exit(), verify.describe());
    assertEquals(count("SELECT COUNT(*) FROM incidents"), verify.out().lines().filter(l -> l.contains(": intact ("))
        .count(), verify.describe());
  }

  /** Each announcement of the incident of {@code channel} in the channel once, in the order of its changes. */
  private void assertEachAnnouncementOnceInOrder(String channel) {
    // the announcements that say something in the channel (a declaration's only sets the topic: the card says it)
    List<String> jobs = rows("SELECT j.job_key FROM jobs j JOIN incidents i ON j.queue = 'announce:' || i.id "
        + "WHERE i.channel_id = ? AND j.status = 'DONE' AND j.kind = 'incident.announce' "
        + "AND (j.payload::jsonb -> 'message') IS NOT NULL ORDER BY j.id", channel).stream()
        .map(r -> (String) r.get(0)).toList();
    List<String> posted = fromJobs(fake.channel(channel), "announce:");
    assertEquals(jobs, posted, "the announcements in " + channel + ", once each and in order");
    List<String> cards = fromJobs(fake.channel(channel), "card:");
    assertEquals(1, cards.size(), "the incident card in " + channel + " once, posted before the announcements: "
        + cards);
    List<String> all = fromJobs(fake.channel(channel), "");
    assertEquals(cards.get(0), all.get(0), "the card is the channel's first message from a job: " + all);
    for (String marker : changes.get(channel)) {
      assertEquals(1, said(channel, marker), marker + " announced once");
    }
  }

  /**
   * The messages of {@code kind}'s jobs in {@code channel}: each once, each queue's in the order its jobs were
   * made, and at least {@code atLeast}.
   */
  private void assertPostedOnceInOrder(FakeSlack.Channel channel, String kind, int atLeast) {
    Map<String, Long> ids = new HashMap<>();
    Map<String, String> queues = new HashMap<>();
    for (List<Object> row : rows("SELECT job_key, id, COALESCE(queue, '') FROM jobs WHERE kind = ?", kind)) {
      ids.put((String) row.get(0), ((Number) row.get(1)).longValue());
      queues.put((String) row.get(0), (String) row.get(2));
    }
    List<String> posted = fromJobs(channel, "");
    assertEquals(posted.stream().distinct().toList(), posted, "each message once in " + channel.id);
    List<String> ofKind = posted.stream().filter(ids::containsKey).toList();
    assertTrue(ofKind.size() >= atLeast, kind + " messages in " + channel.id + ": " + ofKind);
    Map<String, Long> lastOfQueue = new HashMap<>();
    for (String key : ofKind) {
      long previous = lastOfQueue.getOrDefault(queues.get(key), -1L);
      assertTrue(queues.get(key).isEmpty() || ids.get(key) > previous, "out of order in " + channel.id + ": "
          + ofKind);
      lastOfQueue.put(queues.get(key), ids.get(key));
    }
  }

  /** The job keys in {@code channel}'s messages (message metadata), oldest first, those starting {@code prefix}. */
  private static List<String> fromJobs(FakeSlack.Channel channel, String prefix) {
    List<String> keys = new ArrayList<>();
    for (ObjectNode m : channel.history) {
      String key = m.path("metadata").path("event_payload").path("job_id").asText("");
      if (!key.isEmpty() && key.startsWith(prefix)) {
        keys.add(key);
      }
    }
    return keys;
  }

  private long said(String channel, String words) {
    return fake.channel(channel).history.stream().filter(m -> m.path("text").asText().contains(words)).count();
  }

  // --- plumbing ------------------------------------------------------------------------------------

  /** A step of each replica, run at the same time; their results in replica order. */
  private <T> List<T> both(Step<T> step) throws Exception {
    List<Future<T>> futures = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      int replica = i;
      futures.add(pool.submit((Callable<T>) () -> step.run(replica)));
    }
    List<T> results = new ArrayList<>();
    for (Future<T> f : futures) {
      results.add(f.get(BOTH_WITHIN_SECONDS, TimeUnit.SECONDS));
    }
    return results;
  }

  @FunctionalInterface
  interface Step<T> {
    T run(int replica) throws Exception;
  }

  /** What {@code step} threw, or null. */
  private static Throwable failureOf(Executable step) {
    try {
      step.execute();
      return null;
    } catch (Throwable t) {
      return t;
    }
  }

  private String jobs() {
    StringBuilder out = new StringBuilder();
    rows("SELECT id, kind, job_key, status, claimed_by, last_error FROM jobs ORDER BY id")
        .forEach(r -> out.append("\n  ").append(r));
    return out.toString();
  }

  private long count(String sql, Object... args) {
    return ((Number) rows(sql, args).get(0).get(0)).longValue();
  }

  private String text(String sql, Object... args) {
    List<List<Object>> rows = rows(sql, args);
    assertEquals(1, rows.size(), sql + " " + List.of(args) + ": " + rows);
    return (String) rows.get(0).get(0);
  }

  private List<List<Object>> rows(String sql, Object... args) {
    try (Connection c = DriverManager.getConnection(database.url()); PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      List<List<Object>> rows = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          List<Object> row = new ArrayList<>();
          for (int col = 1; col <= rs.getMetaData().getColumnCount(); col++) {
            row.add(rs.getObject(col));
          }
          rows.add(row);
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new AssertionError(sql + ": " + e.getMessage(), e);
    }
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }

  private static void await(BooleanSupplier done, String what, Duration within) {
    Eventually.await(done, what, within);
  }
}
