package dev.candor.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.app_backend.SlackSignature;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.model.event.MessageEvent;
import com.sun.management.OperatingSystemMXBean;
import dev.candor.config.BotConfig;
import dev.candor.main.Candor;
import dev.candor.server.SlackHttpServer;
import dev.candor.testing.FakeSlack;
import dev.candor.testing.RunningCandor;
import dev.candor.testing.SignedSlack;
import dev.candor.testing.SlackEvents;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The intake load benchmark (issue 3, item 10); not a timed test, and not run by {@code mvn verify}
 * (its name matches neither {@code *Test} nor {@code *IT}). Run it with {@code mvn -B -q -Pbench test}.
 *
 * <p>Two targets take the same load over loopback, behind the same {@link SlackHttpServer} adapter,
 * with requests signed as Slack signs them: a bare Bolt app whose only handler acks message events,
 * and the production Candor with one declared incident, whose channel the messages go to. Each gets a
 * warm-up, then a measured phase where {@code bench.clients} threads send Events API message envelopes
 * back to back, each with its own {@code event_id} and {@code ts}. For Candor the store is then checked:
 * every acknowledged message must be exactly one timeline entry once the event processor has drained.
 *
 * <p>The test fails only on correctness (an acknowledged event lost, an entry duplicated), never on speed.
 */
class IntakeBenchmark {
  private static final String SECRET = SignedSlack.SECRET;
  private static final MediaType JSON_TYPE = MediaType.get("application/json");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final double TARGET_EVENTS_PER_SECOND = 500;
  private static final double TARGET_P99_MILLIS = 100;
  private static final Duration DRAIN_LIMIT = Duration.ofSeconds(60);

  final int seconds = Integer.getInteger("bench.seconds", 60);
  final int clients = Integer.getInteger("bench.clients", 16);
  final int warmupSeconds = Integer.getInteger("bench.warmup", 5);
  private final List<String> lines = new ArrayList<>();
  /** Unique across both targets: every event gets its own event_id and message ts. */
  private final AtomicLong sequence = new AtomicLong();
  private final long tsBaseSeconds = System.currentTimeMillis() / 1000;

  @TempDir Path dir;

  @Test
  void intake() throws Exception {
    print(machine());
    Path out = Path.of(System.getProperty("basedir", ".")).resolve("target/bench/intake.txt");

    Result baseline;
    try (FakeSlack fake = new FakeSlack()) {
      baseline = runBaseline(fake);
    }
    print(baseline.line("baseline (bare Bolt, ack only)"));
    print(baseline.cpu.line("baseline"));

    Result candor;
    Integrity integrity;
    try (FakeSlack fake = new FakeSlack()) {
      fake.addChannel("CGENERAL", "general", false, false, "UBENCH");
      Candor app = Candor.start(BotConfig.fromEnvironment(RunningCandor.environment(fake, dir, Map.of())),
          Clock.systemUTC());
      try {
        String channel = declare(fake, app);
        candor = load("candor", app.port(), channel, true);
        integrity = check("jdbc:sqlite:" + dir.resolve("candor.db"), channel, candor);
      } finally {
        app.close();
      }
    }
    print(candor.line("candor") + "; " + integrity.line());
    print(candor.cpu.line("candor"));
    print(comparison(baseline, candor, integrity));

    Files.createDirectories(out.getParent());
    Files.writeString(out, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    System.out.println("[bench] written to " + out.toAbsolutePath().normalize());

    assertEquals(0, integrity.duplicated, "timeline entries duplicated");
    assertEquals(0, integrity.lost, "acknowledged events missing from the timeline (and not pending)");
    assertTrue(candor.acked > 0 && baseline.acked > 0, "no event was acknowledged");
  }

  // --- the two targets -------------------------------------------------------------------------

  private Result runBaseline(FakeSlack fake) throws Exception {
    SlackConfig cfg = new SlackConfig();
    cfg.setMethodsEndpointUrlPrefix(fake.apiUrl());
    cfg.setStatsEnabled(false);
    App app = new App(AppConfig.builder().slack(Slack.getInstance(cfg)).singleTeamBotToken("xoxb-bench")
        .signingSecret(SECRET).authTestCacheExpirationMillis(-1L).build());
    app.event(MessageEvent.class, (payload, ctx) -> ctx.ack());
    SlackHttpServer server = new SlackHttpServer(0, app, Optional.of(SECRET), () -> true, Clock.systemUTC());
    server.start();
    try {
      return load("baseline", server.port(), "CBASELINE", false);
    } finally {
      server.close();
    }
  }

  /** Declares one incident with a signed slash command; returns its channel once the topic is set and the row exists. */
  private String declare(FakeSlack fake, Candor app) throws Exception {
    return declare(fake, new SignedSlack("http://127.0.0.1:" + app.port(), fake),
        "jdbc:sqlite:" + dir.resolve("candor.db"), Duration.ofSeconds(30));
  }

  /**
   * Declares one incident through {@code requests} (a signed slash command); returns its channel once its topic is
   * set and its row is in the database at {@code url}, waiting at most {@code wait} for each.
   */
  static String declare(FakeSlack fake, SignedSlack requests, String url, Duration wait) throws Exception {
    SignedSlack.Answer answer = requests.command("UBENCH", "CGENERAL", "declare bench sev2");
    assertEquals(200, answer.status(), "declare: " + answer.body());
    String channel = fake.await("conversations.setTopic", c -> true, wait).param("channel");
    long end = System.nanoTime() + wait.toNanos();
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM incidents WHERE channel_id = ?")) {
      s.setString(1, channel);
      while (true) {
        try (ResultSet rs = s.executeQuery()) {
          if (rs.next() && rs.getLong(1) == 1) {
            return channel;
          }
        }
        if (System.nanoTime() > end) {
          throw new AssertionError("no incidents row for " + channel);
        }
        Thread.sleep(20);
      }
    }
  }

  // --- the load --------------------------------------------------------------------------------

  /** One client's records; only its own thread writes them. */
  private static final class ClientLog {
    long[] latencies = new long[1 << 14];
    int measured;
    long acked;
    long non200;
    long failed;
    long lastFinish;
    long warmupSent;
    /** Deliveries of an event again, to another replica, after one that was not acknowledged. */
    long retries;
    /** The sequence numbers of every event acknowledged 200, warm-up included. */
    long[] ackedSeq = new long[1 << 14];
    int ackedCount;
    String firstProblem;

    void latency(long nanos) {
      if (measured == latencies.length) {
        latencies = Arrays.copyOf(latencies, latencies.length * 2);
      }
      latencies[measured++] = nanos;
    }

    void acked(long seq) {
      if (ackedCount == ackedSeq.length) {
        ackedSeq = Arrays.copyOf(ackedSeq, ackedSeq.length * 2);
      }
      ackedSeq[ackedCount++] = seq;
    }
  }

  private Result load(String name, int port, String channel, boolean keepSequence) throws Exception {
    return load(name, List.of(port), channel, keepSequence);
  }

  /**
   * The load, client {@code i} sending to {@code ports[i % ports.size()]} (a load balancer that keeps each
   * connection on one replica). With more than one port, an event not acknowledged 200 is delivered again to the
   * next port, up to three times, with {@code X-Slack-Retry-Num}, as Slack retries; each delivery is timed and
   * counted, and the event counts as acknowledged once any of them is.
   */
  Result load(String name, List<Integer> ports, String channel, boolean keepSequence) throws Exception {
    List<String> urls = ports.stream().map(p -> "http://127.0.0.1:" + p + SlackHttpServer.EVENTS_PATH).toList();
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(clients);
    dispatcher.setMaxRequestsPerHost(clients);
    OkHttpClient http = new OkHttpClient.Builder()
        .connectionPool(new ConnectionPool(clients, 5, TimeUnit.MINUTES))
        .dispatcher(dispatcher)
        .retryOnConnectionFailure(false) // one event, one request: a silent resend would hide duplicates
        .callTimeout(Duration.ofSeconds(10))
        .build();
    // The envelope is the test fixture's, serialized once; each request fills in its event_id and ts.
    String[] template = JSON.writeValueAsString(SlackEvents.envelope("@ID@",
        SlackEvents.message(channel, "@TS@", "UBENCH", "bench message @TS@"))).split("@");
    SlackSignature.Generator signer = new SlackSignature.Generator(SECRET);

    long start = System.nanoTime();
    long measureFrom = start + TimeUnit.SECONDS.toNanos(warmupSeconds);
    long measureUntil = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
    ClientLog[] logs = new ClientLog[clients];
    CountDownLatch done = new CountDownLatch(clients);
    CountDownLatch sampled = new CountDownLatch(1);
    CpuSampler cpu = new CpuSampler();
    // CPU is sampled at the phase's edges, while the clients still run (a finished thread's CPU time is gone).
    Thread sampler = new Thread(() -> {
      sleepUntil(measureFrom);
      cpu.begin();
      sleepUntil(measureUntil);
      cpu.end();
      sampled.countDown();
    }, "bench-sampler");
    sampler.start();
    for (int i = 0; i < clients; i++) {
      ClientLog log = logs[i] = new ClientLog();
      int first = i % urls.size();
      Thread t = new Thread(() -> {
        try {
          while (true) {
            long seq = sequence.incrementAndGet();
            String ts = String.format(Locale.ROOT, "%d.%06d", tsBaseSeconds + seq / 1_000_000, seq % 1_000_000);
            String body = fill(template, "EvBENCH" + seq, ts);
            boolean acked = false;
            for (int attempt = 0; !acked && attempt < (urls.size() > 1 ? 4 : 1); attempt++) {
              long sent = System.nanoTime();
              if (sent >= measureUntil) {
                break;
              }
              int status = send(http, signer, urls.get((first + attempt) % urls.size()), body, attempt, log);
              long finished = System.nanoTime();
              acked = status == 200;
              if (acked && keepSequence) {
                log.acked(seq);
              }
              if (attempt > 0) {
                log.retries++;
              }
              if (sent < measureFrom) {
                log.warmupSent++;
                continue;
              }
              log.latency(finished - sent);
              log.lastFinish = Math.max(log.lastFinish, finished);
              if (status == 200) {
                log.acked++;
              } else if (status < 0) {
                log.failed++;
              } else {
                log.non200++;
                if (log.firstProblem == null) {
                  log.firstProblem = "HTTP " + status;
                }
              }
            }
            if (System.nanoTime() >= measureUntil) {
              break;
            }
          }
        } finally {
          awaitQuietly(sampled); // a thread that has ended takes its CPU time with it
          done.countDown();
        }
      }, "bench-client-" + i);
      t.start();
    }
    done.await();
    sampler.join();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();

    Result r = new Result();
    r.cpu = cpu;
    long lastFinish = measureFrom;
    int total = 0;
    for (ClientLog log : logs) {
      total += log.measured;
      lastFinish = Math.max(lastFinish, log.lastFinish);
      r.acked += log.acked;
      r.non200 += log.non200;
      r.failed += log.failed;
      r.warmup += log.warmupSent;
      r.retries += log.retries;
      if (r.firstProblem == null) {
        r.firstProblem = log.firstProblem;
      }
    }
    long[] all = new long[total];
    int at = 0;
    for (ClientLog log : logs) {
      System.arraycopy(log.latencies, 0, all, at, log.measured);
      at += log.measured;
      for (int i = 0; i < log.ackedCount; i++) {
        r.ackedTs.add(String.format(Locale.ROOT, "%d.%06d", tsBaseSeconds + log.ackedSeq[i] / 1_000_000,
            log.ackedSeq[i] % 1_000_000));
      }
    }
    Arrays.sort(all);
    r.sent = total;
    r.elapsedSeconds = (lastFinish - measureFrom) / 1e9;
    r.p50 = percentile(all, 0.50);
    r.p99 = percentile(all, 0.99);
    r.max = all.length == 0 ? 0 : all[all.length - 1] / 1e6;
    r.loadStarted = start;
    r.loadEnded = System.nanoTime();
    System.out.println("[bench] " + name + " load done: " + total + " measured requests");
    return r;
  }

  /** One signed delivery of {@code body} to {@code url}: its HTTP status, or -1 when no answer came. */
  private static int send(OkHttpClient http, SlackSignature.Generator signer, String url, String body, int retry,
      ClientLog log) {
    String stamp = Long.toString(System.currentTimeMillis() / 1000);
    Request.Builder request = new Request.Builder().url(url).post(RequestBody.create(body, JSON_TYPE))
        .header(SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP, stamp)
        .header(SlackSignature.HeaderNames.X_SLACK_SIGNATURE, signer.generate(stamp, body));
    if (retry > 0) {
      request.header("X-Slack-Retry-Num", Integer.toString(retry)).header("X-Slack-Retry-Reason", "http_error");
    }
    try (Response response = http.newCall(request.build()).execute()) {
      response.body().bytes();
      return response.code();
    } catch (IOException e) {
      if (log.firstProblem == null) {
        log.firstProblem = e.toString();
      }
      return -1;
    }
  }

  private static String fill(String[] template, String id, String ts) {
    // template alternates literal text and the placeholders ID / TS (split on '@')
    StringBuilder b = new StringBuilder(512);
    for (String part : template) {
      switch (part) {
        case "ID" -> b.append(id);
        case "TS" -> b.append(ts);
        default -> b.append(part);
      }
    }
    return b.toString();
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleepUntil(long nanoTime) {
    long left;
    while ((left = nanoTime - System.nanoTime()) > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  // --- the store check -------------------------------------------------------------------------

  /** The nearest-rank {@code p} quantile of {@code sorted} (ascending, not empty). */
  static long rank(List<Long> sorted, double p) {
    return sorted.get(Math.max(0, (int) Math.ceil(p * sorted.size()) - 1));
  }

  static final class Integrity {
    long backlogAtEnd;
    long pendingAfter;
    double drainSeconds;
    boolean drained;
    long lost;
    long notStored;
    long duplicated;
    long acked;
    long entries;
    double processedDuringLoadPerSecond;
    double lagP50Seconds;
    double lagP99Seconds;
    double lagMaxSeconds;
    /** When a replica was killed (epoch millis), or 0: the lags after it are then reported apart. */
    long killedAtMillis;
    /** Events processed after the kill, and their ack-to-timeline lags. */
    long afterKill;
    double afterKillP50Seconds;
    double afterKillP99Seconds;
    double afterKillMaxSeconds;
    /** Events received before the kill but processed after it (left unfinished by it), and the last one's wait. */
    long stranded;
    double strandedLastSecondsAfterKill;

    String line() {
      String drain = drained
          ? String.format(Locale.ROOT, "backlog %d at end of load, drained in %.1f s", backlogAtEnd, drainSeconds)
          : String.format(Locale.ROOT, "backlog %d at end of load, NOT drained after %d s (%d still pending)",
              backlogAtEnd, DRAIN_LIMIT.toSeconds(), pendingAfter);
      return String.format(Locale.ROOT, "lost %d, duplicated %d (of %d acked events, warm-up included; %d message "
          + "entries)%s; processed %.0f events/s during the load, %s; ack-to-timeline lag p50 %.1f s, p99 %.1f s, "
          + "max %.1f s", lost, duplicated, acked, entries,
          notStored > 0 ? "; " + notStored + " acked events not even in the events table" : "",
          processedDuringLoadPerSecond, drain, lagP50Seconds, lagP99Seconds, lagMaxSeconds);
    }

    /** The lags of the events processed after the kill; empty without one. */
    String afterKillLine() {
      if (killedAtMillis == 0) {
        return "";
      }
      return String.format(Locale.ROOT, "after the kill: %d events processed, ack-to-timeline lag p50 %.1f s, p99 %.1f "
          + "s, max %.1f s; %d of them received before the kill (left to the survivor), the last processed %.1f s "
          + "after the kill", afterKill, afterKillP50Seconds, afterKillP99Seconds, afterKillMaxSeconds, stranded,
          strandedLastSecondsAfterKill);
    }
  }

  /**
   * Waits for the event processors to drain, then reads the store (SQLite or PostgreSQL, at {@code url}) with plain
   * JDBC.
   */
  static Integrity check(String url, String channel, Result load) throws Exception {
    return check(url, channel, load, 0);
  }

  /**
   * {@link #check(String, String, Result)}, with the lags of the events processed after {@code killedAtMillis}
   * (epoch millis, the processes' clock; 0 for no kill) reported apart.
   */
  static Integrity check(String url, String channel, Result load, long killedAtMillis) throws Exception {
    Integrity out = new Integrity();
    out.killedAtMillis = killedAtMillis;
    out.acked = load.ackedTs.size();
    boolean sqlite = url.startsWith("jdbc:sqlite:");
    try (Connection c = DriverManager.getConnection(url)) {
      if (sqlite) {
        try (var s = c.createStatement()) {
          s.execute("PRAGMA busy_timeout = 5000");
        }
      }
      out.backlogAtEnd = pending(c);
      out.processedDuringLoadPerSecond = Math.max(0, out.acked - out.backlogAtEnd)
          / ((load.loadEnded - load.loadStarted) / 1e9);
      long limit = load.loadEnded + DRAIN_LIMIT.toNanos();
      long pending = out.backlogAtEnd;
      while (pending > 0 && System.nanoTime() < limit) {
        Thread.sleep(50);
        pending = pending(c);
      }
      out.drained = pending == 0;
      out.pendingAfter = pending;
      out.drainSeconds = (System.nanoTime() - load.loadEnded) / 1e9;

      List<Long> lags = new ArrayList<>();
      List<Long> afterKill = new ArrayList<>();
      long lastStranded = Long.MIN_VALUE;
      try (var s = c.createStatement(); ResultSet rs = s.executeQuery(
          "SELECT processed_at - received_at, received_at, processed_at FROM events WHERE processed_at IS NOT NULL "
              + "ORDER BY 1")) {
        while (rs.next()) {
          long lag = rs.getLong(1);
          lags.add(lag);
          if (killedAtMillis > 0 && rs.getLong(3) >= killedAtMillis) {
            afterKill.add(lag);
            if (rs.getLong(2) < killedAtMillis) {
              out.stranded++;
              lastStranded = Math.max(lastStranded, rs.getLong(3) - killedAtMillis);
            }
          }
        }
      }
      if (!lags.isEmpty()) {
        out.lagP50Seconds = rank(lags, 0.5) / 1e3;
        out.lagP99Seconds = rank(lags, 0.99) / 1e3;
        out.lagMaxSeconds = lags.get(lags.size() - 1) / 1e3;
      }
      out.afterKill = afterKill.size();
      if (!afterKill.isEmpty()) {
        out.afterKillP50Seconds = rank(afterKill, 0.5) / 1e3;
        out.afterKillP99Seconds = rank(afterKill, 0.99) / 1e3;
        out.afterKillMaxSeconds = afterKill.get(afterKill.size() - 1) / 1e3;
      }
      out.strandedLastSecondsAfterKill = out.stranded == 0 ? 0 : lastStranded / 1e3;

      String prefix = "msg:" + channel + ":";
      Map<String, Integer> keys = new HashMap<>();
      try (PreparedStatement s = c.prepareStatement(
          "SELECT entry_key, COUNT(*) FROM timeline_entries WHERE entry_key LIKE ? GROUP BY entry_key")) {
        s.setString(1, prefix + "%");
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            keys.put(rs.getString(1), rs.getInt(2));
          }
        }
      }
      out.entries = keys.size();
      try (var s = c.createStatement(); ResultSet rs = s.executeQuery(
          "SELECT COUNT(*) FROM (SELECT entry_key FROM timeline_entries GROUP BY entry_key HAVING COUNT(*) > 1) d")) {
        rs.next();
        out.duplicated = rs.getLong(1);
      }
      // What the event inbox holds for this channel's messages, by ts: stored at all, still unprocessed.
      Set<String> stored = new HashSet<>();
      Set<String> unprocessed = new HashSet<>();
      // a processed event's body is emptied: only an unprocessed one still says its ts and channel
      String eventTs = sqlite ? "CASE WHEN body = '' THEN NULL ELSE json_extract(body, '$.event.ts') END"
          : "CASE WHEN body = '' THEN NULL ELSE body::json #>> '{event,ts}' END";
      String inChannel = sqlite ? "CASE WHEN body = '' THEN NULL ELSE json_extract(body, '$.event.channel') END"
          : "CASE WHEN body = '' THEN NULL ELSE body::json #>> '{event,channel}' END";
      try (PreparedStatement s = c.prepareStatement("SELECT " + eventTs + ", processed_at IS NULL FROM events WHERE "
          + inChannel + " = ?")) {
        s.setString(1, channel);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            stored.add(rs.getString(1));
            if (rs.getBoolean(2)) {
              unprocessed.add(rs.getString(1));
            }
          }
        }
      }
      for (String ts : load.ackedTs) {
        if (keys.containsKey(prefix + ts) || unprocessed.contains(ts)) {
          continue;
        }
        out.lost++;
        if (!stored.contains(ts)) {
          out.notStored++;
        }
      }
    }
    return out;
  }

  private static long pending(Connection c) throws SQLException {
    try (var s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT COUNT(*) FROM events WHERE processed_at IS NULL")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  // --- results and printing --------------------------------------------------------------------

  final class Result {
    long sent;
    long retries;
    long acked;
    long non200;
    long failed;
    long warmup;
    double elapsedSeconds;
    double p50;
    double p99;
    double max;
    long loadStarted;
    long loadEnded;
    String firstProblem;
    CpuSampler cpu;
    final List<String> ackedTs = new ArrayList<>();

    double rate() {
      return elapsedSeconds <= 0 ? 0 : acked / elapsedSeconds;
    }

    String line(String name) {
      return String.format(Locale.ROOT, "%s: %.1f events/s sustained (%d acked in %.1f s, %d clients, %d warm-up "
          + "events); ack p50 %.2f ms, p99 %.2f ms, max %.2f ms; non-200 %d%s", name, rate(), acked,
          elapsedSeconds, clients, warmup, p50, p99, max, non200 + failed,
          non200 + failed == 0 ? "" : " (" + failed + " without an answer; first: " + firstProblem + ")")
          + (retries == 0 ? "" : "; " + retries + " events delivered again to another replica");
    }
  }

  private String comparison(Result baseline, Result candor, Integrity integrity) {
    boolean rateOk = candor.rate() >= TARGET_EVENTS_PER_SECOND;
    boolean p99Ok = candor.p99 <= TARGET_P99_MILLIS;
    boolean lostOk = integrity.lost == 0 && integrity.drained;
    boolean dupOk = integrity.duplicated == 0;
    return String.format(Locale.ROOT, "comparison: candor/baseline throughput %.2f, p99 %.1fx; targets: "
            + ">= %d events/s for 60 s %s%s, p99 <= %d ms %s, lost = 0 %s%s, duplicated = 0 %s",
        baseline.rate() == 0 ? 0 : candor.rate() / baseline.rate(),
        baseline.p99 == 0 ? 0 : candor.p99 / baseline.p99,
        (int) TARGET_EVENTS_PER_SECOND, word(rateOk),
        seconds < 60 ? " (over " + seconds + " s, not 60)" : "",
        (int) TARGET_P99_MILLIS, word(p99Ok), word(lostOk),
        integrity.drained ? "" : " (not drained in time)", word(dupOk));
  }

  private static String word(boolean ok) {
    return ok ? "PASS" : "MISS";
  }

  String machine() {
    Runtime rt = Runtime.getRuntime();
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return String.format(Locale.ROOT, "machine: %d processors, max heap %d MiB, Java %s (%s), %s %s %s; "
            + "load average %.2f at start; %d clients, %d s warm-up, %d s measured per target",
        rt.availableProcessors(), rt.maxMemory() >> 20, System.getProperty("java.version"),
        System.getProperty("java.vm.name"), System.getProperty("os.name"), System.getProperty("os.version"),
        System.getProperty("os.arch"), load, clients, warmupSeconds, seconds);
  }

  private void print(String line) {
    lines.add(line);
    System.out.println(line);
  }

  /**
   * Where the CPU went during the measured phase: this JVM's threads grouped by name, the rest of this
   * process (GC, JIT), and the whole machine from /proc/stat (other processes compete on a shared box).
   */
  static final class CpuSampler {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private Map<Long, Long> before = Map.of();
    private Map<Long, String> names = new HashMap<>();
    private long processBefore;
    private long[] machineBefore;
    private long wallBefore;
    private long gcBefore;
    private final Map<String, Long> byGroup = new TreeMap<>();
    private double wallSeconds;
    private double processCores;
    private double machineCores = Double.NaN;
    private double gcMillis;

    void begin() {
      wallBefore = System.nanoTime();
      before = snapshot();
      processBefore = processCpu();
      machineBefore = machineJiffies();
      gcBefore = gcMillis();
    }

    void end() {
      long wall = System.nanoTime() - wallBefore;
      Map<Long, Long> after = snapshot();
      long process = processCpu() - processBefore;
      long[] machineAfter = machineJiffies();
      gcMillis = gcMillis() - gcBefore;
      wallSeconds = wall / 1e9;
      processCores = process / (double) wall;
      if (machineBefore != null && machineAfter != null) {
        long busy = machineAfter[0] - machineBefore[0];
        long total = machineAfter[1] - machineBefore[1];
        machineCores = total == 0 ? Double.NaN
            : busy / (double) total * Runtime.getRuntime().availableProcessors();
      }
      after.forEach((id, cpu) -> {
        long used = cpu - before.getOrDefault(id, 0L);
        if (used > 0) {
          byGroup.merge(group(names.get(id)), used, Long::sum);
        }
      });
    }

    String line(String target) {
      long wall = (long) (wallSeconds * 1e9);
      long threadSum = byGroup.values().stream().mapToLong(Long::longValue).sum();
      StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
          "%s cpu (measured phase, in cores busy of %d): machine %.2f, this JVM %.2f =", target,
          Runtime.getRuntime().availableProcessors(), machineCores, processCores));
      byGroup.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .filter(e -> e.getValue() / (double) wall >= 0.01)
          .forEach(e -> b.append(String.format(Locale.ROOT, " %s %.2f,", e.getKey(), e.getValue() / (double) wall)));
      b.append(String.format(Locale.ROOT, " GC/JIT/VM and short-lived threads %.2f; GC pauses %.0f ms",
          Math.max(0, processCores - threadSum / (double) wall), gcMillis));
      return b.toString();
    }

    private Map<Long, Long> snapshot() {
      Map<Long, Long> cpu = new HashMap<>();
      for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
        if (info == null) {
          continue;
        }
        long t = threads.getThreadCpuTime(info.getThreadId());
        if (t >= 0) {
          cpu.put(info.getThreadId(), t);
          names.put(info.getThreadId(), info.getThreadName());
        }
      }
      return cpu;
    }

    private static String group(String name) {
      if (name == null) {
        return "?";
      }
      if (name.startsWith("MockWebServer")) {
        return "fake-slack";
      }
      if (name.startsWith("OkHttp")) {
        return "okhttp";
      }
      if (name.startsWith("slack-api-metrics")) {
        return "slack-api-metrics";
      }
      return name.replaceAll("[-_ #]*\\d+$", "").replaceAll("[-_ ]*\\d+$", "");
    }

    private static long processCpu() {
      if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
        return os.getProcessCpuTime();
      }
      return 0;
    }

    private static long gcMillis() {
      return ManagementFactory.getGarbageCollectorMXBeans().stream()
          .mapToLong(g -> Math.max(0, g.getCollectionTime())).sum();
    }

    /** {busy, total} jiffies of the whole machine, or null off Linux. */
    private static long[] machineJiffies() {
      try {
        String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
        String[] f = cpu.trim().split("\\s+");
        long total = 0;
        long idle = 0;
        for (int i = 1; i < f.length; i++) {
          long v = Long.parseLong(f[i]);
          total += v;
          if (i == 4 || i == 5) { // idle, iowait
            idle += v;
          }
        }
        return new long[] {total - idle, total};
      } catch (IOException | RuntimeException e) {
        return null;
      }
    }
  }
}
