package dev.candor.timeline;

import static dev.candor.testing.SlackEvents.envelope;
import static dev.candor.testing.SlackEvents.message;
import static dev.candor.testing.SlackEvents.newEventId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.testing.CandorProcess;
import dev.candor.testing.FakeSlack;
import dev.candor.testing.SignedSlack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing acknowledged is lost (issue 3, item 4): the packaged jar runs as a child JVM, takes message
 * events from four senders, is killed with SIGKILL in the middle of the load, is started again on the
 * same database and port, and every event it answered 200 ends up in the incident's timeline, once.
 */
class CrashIT {
  static final int SENDERS = 4;
  static final Duration START_TIMEOUT = Duration.ofSeconds(60); // a start took up to 15 s on a loaded 2-core machine
  static final Duration LOAD_TIMEOUT = Duration.ofSeconds(8);
  static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(30);

  @TempDir Path dir;
  FakeSlack fake;
  CandorProcess child;
  ExecutorService senders;
  Path database;

  /** One message event sent during the load. */
  record Sent(String eventId, String ts, String text) {}

  @BeforeEach
  void setUp() throws IOException {
    fake = new FakeSlack();
    fake.addChannel("CGENERAL", "general", false, false, "UALICE");
    child = CandorProcess.in(fake, dir, Map.of()); // one database and port for both starts; checks the jar is built
    database = dir.resolve("candor.db");
  }

  @AfterEach
  void cleanUp() throws InterruptedException {
    if (senders != null) {
      senders.shutdownNow();
      senders.awaitTermination(15, TimeUnit.SECONDS);
    }
    if (child != null) {
      child.close();
    }
    fake.close();
  }

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS) // two starts, the load, the senders' end and the recovery, at most
  void everyAcknowledgedEvent_survivesASigkillMidLoad_andReachesTheTimelineAfterARestart() throws Exception {
    try {
      run();
    } catch (Throwable t) {
      dumpLogs();
      throw t;
    }
  }

  private void run() throws Exception {
    // 1. A first Candor, and an incident declared through it the way a user would.
    child.start("first", START_TIMEOUT);
    SignedSlack slack = child.requests();
    SignedSlack.Answer declared = slack.command("UALICE", "CGENERAL", "declare crash test sev2");
    assertEquals(200, declared.status(), "declare: " + declared);
    fake.await("conversations.create", c -> true, Duration.ofSeconds(20));
    String channel = fake.await("conversations.invite", c -> true, Duration.ofSeconds(20)).param("channel");
    fake.await("conversations.setTopic", c -> channel.equals(c.param("channel")), Duration.ofSeconds(20));
    long incidentId = awaitIncident(channel);

    // 2. Load from four senders; the child is killed with SIGKILL while they are sending.
    Map<String, Sent> acked = new ConcurrentHashMap<>();
    AtomicInteger sent = new AtomicInteger();
    AtomicInteger failedInFlight = new AtomicInteger();
    AtomicInteger failedBeforeKill = new AtomicInteger();
    List<String> errorsBeforeKill = new CopyOnWriteArrayList<>();
    Map<Integer, Integer> otherStatuses = new ConcurrentHashMap<>();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger numbers = new AtomicInteger();
    long base = Instant.now().getEpochSecond();
    senders = Executors.newFixedThreadPool(SENDERS);
    for (int i = 0; i < SENDERS; i++) {
      senders.submit(() -> {
        while (!stop.get() && !Thread.currentThread().isInterrupted()) {
          int n = numbers.incrementAndGet();
          if (n > 999_999) {
            return;
          }
          Sent s = new Sent(newEventId(), base + "." + String.format("%06d", n), "m-" + n);
          sent.incrementAndGet();
          try {
            SignedSlack.Answer a = slack.event(envelope(s.eventId(), message(channel, s.ts(), "UBOB", s.text())),
                Map.of());
            if (a.status() == 200) {
              acked.put(s.eventId(), s);
            } else {
              otherStatuses.merge(a.status(), 1, Integer::sum);
            }
          } catch (UncheckedIOException e) {
            if (stop.get()) {
              failedInFlight.incrementAndGet(); // in flight at the kill: never acknowledged
            } else {
              failedBeforeKill.incrementAndGet();
              errorsBeforeKill.add(e.getCause().toString());
            }
          }
        }
      });
    }
    int target = ThreadLocalRandom.current().nextInt(300, 801);
    long loadStart = System.nanoTime();
    while (acked.size() < target && System.nanoTime() - loadStart < LOAD_TIMEOUT.toNanos()) {
      assertTrue(child.isAlive(), "Candor died under load before the kill\n" + child.logTail());
      Thread.sleep(5);
    }
    int ackedBeforeKill = acked.size();
    stop.set(true); // no new requests; those already sent are in flight when the signal lands
    child.kill9();
    long loadMillis = (System.nanoTime() - loadStart) / 1_000_000;
    senders.shutdown();
    assertTrue(senders.awaitTermination(20, TimeUnit.SECONDS), "senders still busy 20 s after the kill");
    assertTrue(otherStatuses.isEmpty(), "answers other than 200 during the load: " + otherStatuses);
    assertTrue(errorsBeforeKill.isEmpty(), "requests failed before the kill: " + errorsBeforeKill);
    assertTrue(acked.size() >= 50, "too little load before the kill to prove anything: " + acked.size() + " acks");

    // What the kill left on disk, read from a copy so the crashed files stay exactly as they were.
    Snapshot atKill = snapshot(incidentId);
    List<String> notStored = acked.keySet().stream().filter(id -> !atKill.eventIds().contains(id)).sorted().toList();
    System.out.printf("CrashIT: load %d ms, %d sent, %d acked (%d when the kill was sent, target %d), "
            + "%d failed in flight at the kill%n",
        loadMillis, sent.get(), acked.size(), ackedBeforeKill, target, failedInFlight.get());
    System.out.printf("CrashIT: at the kill: %d events stored, %d of them unprocessed, %d message entries%n",
        atKill.eventIds().size(), atKill.unprocessed(), atKill.messageEntries());
    assertTrue(notStored.isEmpty(), notStored.size() + " acknowledged events were not in the events table "
        + "after the kill, e.g. " + notStored.subList(0, Math.min(10, notStored.size())));

    // 3. A second Candor on the same database and port finishes the work.
    long restart = System.nanoTime();
    child.start("second", START_TIMEOUT);
    long healthyMillis = (System.nanoTime() - restart) / 1_000_000;
    Map<String, String> expected = new HashMap<>();
    acked.values().forEach(s -> expected.put("msg:" + channel + ":" + s.ts(), s.text()));
    Map<String, List<String>> entries = Map.of();
    long unprocessed = -1;
    List<String> missing = List.copyOf(expected.keySet());
    long deadline = System.nanoTime() + RECOVERY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      assertTrue(child.isAlive(), "the restarted Candor died\n" + child.logTail());
      try (Connection c = child.readOnly()) {
        entries = messageEntries(c, incidentId);
        unprocessed = count(c, "SELECT COUNT(*) FROM events WHERE processed_at IS NULL");
      } catch (SQLException e) {
        Thread.sleep(100); // busy or mid-recovery: ask again
        continue;
      }
      Map<String, List<String>> seen = entries;
      missing = expected.keySet().stream().filter(k -> !seen.containsKey(k)).sorted().toList();
      if (missing.isEmpty() && unprocessed == 0) {
        break;
      }
      Thread.sleep(100);
    }
    long recoveryMillis = (System.nanoTime() - restart) / 1_000_000;
    System.out.printf("CrashIT: restart healthy after %d ms; all acked entries present after %d ms "
            + "(%d message entries, %d unprocessed events left)%n",
        healthyMillis, recoveryMillis, entries.size(), unprocessed);

    assertTrue(missing.isEmpty(), missing.size() + " of " + expected.size()
        + " acknowledged events are missing from the timeline after the restart, e.g. "
        + missing.subList(0, Math.min(10, missing.size())));
    Map<String, List<String>> finalEntries = entries;
    List<String> wrongText = expected.entrySet().stream()
        .filter(e -> !List.of(e.getValue()).equals(finalEntries.get(e.getKey())))
        .map(e -> e.getKey() + " expected [" + e.getValue() + "] got " + finalEntries.get(e.getKey()))
        .limit(10).toList();
    assertTrue(wrongText.isEmpty(), "entries with the wrong text or more than once: " + wrongText);
    try (Connection c = child.readOnly()) {
      List<String> twice = duplicates(c, incidentId);
      assertTrue(twice.isEmpty(), "entry keys recorded more than once: " + twice);
      assertEquals(0, count(c, "SELECT COUNT(*) FROM events WHERE processed_at IS NULL"),
          "events left unprocessed after the recovery");
      long extra = entries.keySet().stream().filter(k -> !expected.containsKey(k)).count();
      assertTrue(extra <= failedInFlight.get(), extra + " message entries beyond the acked ones, but only "
          + failedInFlight.get() + " requests went unanswered");
    }

    // 4. A normal stop.
    child.stop();
  }

  /** The events table and the message entries as the kill left them, read from a copy of the files. */
  record Snapshot(Set<String> eventIds, long unprocessed, long messageEntries) {}

  private Snapshot snapshot(long incidentId) throws IOException, SQLException {
    Path copy = Files.createDirectories(dir.resolve("at-kill"));
    for (String suffix : List.of("", "-wal", "-shm")) {
      Path file = Path.of(database + suffix);
      if (Files.exists(file)) {
        Files.copy(file, copy.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy.resolve(database.getFileName()))) {
      Set<String> ids = new HashSet<>();
      try (PreparedStatement s = c.prepareStatement("SELECT event_id FROM events"); ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
      return new Snapshot(ids, count(c, "SELECT COUNT(*) FROM events WHERE processed_at IS NULL"),
          messageEntries(c, incidentId).size());
    }
  }

  private long awaitIncident(String channel) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      try (Connection c = child.readOnly();
          PreparedStatement s = c.prepareStatement("SELECT id FROM incidents WHERE channel_id = ?")) {
        s.setString(1, channel);
        try (ResultSet rs = s.executeQuery()) {
          if (rs.next()) {
            return rs.getLong(1);
          }
        }
      } catch (SQLException e) {
        // not there yet, or busy
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no incident row for channel " + channel + "\n" + child.logTail());
  }

  /** Each message entry's key and its texts (one per row). */
  private static Map<String, List<String>> messageEntries(Connection c, long incidentId) throws SQLException {
    Map<String, List<String>> out = new TreeMap<>();
    try (PreparedStatement s = c.prepareStatement(
        "SELECT entry_key, text FROM timeline_entries WHERE incident_id = ? AND entry_key LIKE 'msg:%'")) {
      s.setLong(1, incidentId);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
        }
      }
    }
    return out;
  }

  private static List<String> duplicates(Connection c, long incidentId) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT entry_key, COUNT(*) FROM timeline_entries "
        + "WHERE incident_id = ? GROUP BY entry_key HAVING COUNT(*) > 1")) {
      s.setLong(1, incidentId);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1) + " x" + rs.getLong(2));
        }
      }
    }
    return out;
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  private void dumpLogs() {
    System.err.println("CrashIT failed; Candor's output:\n" + child.logTail());
    Optional.ofNullable(fake).ifPresent(f -> System.err.println("Slack calls:\n" + f.describe()));
  }
}
