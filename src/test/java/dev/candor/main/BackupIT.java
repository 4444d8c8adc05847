package dev.candor.main;

import static dev.candor.testing.CandorJar.assertNoStackTrace;
import static dev.candor.testing.SlackEvents.envelope;
import static dev.candor.testing.SlackEvents.newEventId;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.incident.Incident;
import dev.candor.store.JdbcIncidentRepository;
import dev.candor.store.JdbcTimelineStore;
import dev.candor.store.LocalKey;
import dev.candor.testing.CandorJar;
import dev.candor.testing.Eventually;
import dev.candor.testing.FakeSlack;
import dev.candor.testing.Postgres;
import dev.candor.testing.RunningCandor;
import dev.candor.testing.SlackEvents;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code candor backup <file>} as an operator runs it (the packaged jar) beside a running Candor. */
class BackupIT {
  /** Generous: the suite runs on a 2-core machine shared with other builds. */
  static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;
  RunningCandor candor;

  @AfterEach
  void stop() {
    if (candor != null) {
      candor.close();
    }
  }

  Map<String, String> env() {
    return Map.of("DATABASE_URL", "jdbc:sqlite:" + dir.resolve("candor.db"));
  }

  Incident startWithAnIncident() {
    FakeSlack slack = new FakeSlack();
    candor = RunningCandor.start(slack, dir, Map.of(), Clock.systemUTC());
    slack.addChannel("CGENERAL", "general", false, false, "UALICE", "UBOB");
    assertEquals(200, candor.requests.command("UALICE", "CGENERAL", "declare checkout errors sev2").status());
    String channel = slack.await("conversations.invite").param("channel");
    var incidents = new JdbcIncidentRepository(candor.candor.database().dataSource());
    Eventually.await(() -> incidents.byChannel(channel).isPresent(), "the incident of " + channel, WAIT);
    return incidents.byChannel(channel).orElseThrow();
  }

  @Test
  void aBackupTakenWhileMessagesKeepArriving_isConsistent_andVerifies() throws Exception {
    Incident incident = startWithAnIncident();
    JdbcTimelineStore timeline = new JdbcTimelineStore(candor.candor.database().dataSource());
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger sent = new AtomicInteger();
    AtomicReference<Throwable> failed = new AtomicReference<>();
    Thread appender = new Thread(() -> {
      try {
        while (writing.get()) {
          int n = sent.incrementAndGet();
          var answer = candor.requests.event(envelope(newEventId(), SlackEvents.message(incident.channelId(),
              (1700000000 + n) + ".000100", "UBOB", "still seeing errors, sample " + n)), Map.of());
          assertEquals(200, answer.status());
        }
      } catch (Throwable e) {
        failed.set(e);
      }
    }, "appender");
    appender.start();
    try {
      Eventually.await(() -> timeline.entries(incident.id()).size() > 20, "messages recorded before the backup", WAIT);
      int before = timeline.entries(incident.id()).size();
      Path copy = Files.createDirectories(dir.resolve("backups")).resolve("candor-copy.db");

      CandorJar.Run backup = CandorJar.run(dir, env(), "backup", copy.toString());

      int sentDuringBackup = sent.get();
      Eventually.await(() -> sent.get() > sentDuringBackup + 5, "messages still arriving after the backup", WAIT);
      writing.set(false);
      appender.join();
      assertEquals(null, failed.get());
      assertEquals(0, backup.exit(), backup.describe());
      assertNoStackTrace(backup);
      assertTrue(backup.out().contains("every chain verifies"), backup.describe());
      assertTrue(Files.isRegularFile(copy));
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(copy)));
      try (var left = Files.list(copy.getParent())) {
        assertEquals(0, left.filter(p -> p.getFileName().toString().contains("partial")).count(),
            "no partial file left");
      }

      Map<String, String> onCopy = Map.of("DATABASE_URL", "jdbc:sqlite:" + copy, "CANDOR_KEY_FILE",
          dir.resolve(LocalKey.FILE_NAME).toString());
      CandorJar.Run verify = CandorJar.run(dir, onCopy, "verify");
      assertEquals(0, verify.exit(), verify.describe());
      Matcher entries = Pattern.compile("INC-1: intact \\((\\d+) entries\\)").matcher(verify.out());
      assertTrue(entries.find(), verify.describe());
      int inCopy = Integer.parseInt(entries.group(1));
      Eventually.await(() -> timeline.entries(incident.id()).size() > inCopy, "the live timeline past the copy", WAIT);
      assertTrue(inCopy >= before, "the copy holds what was recorded before it began: " + inCopy + " < " + before);
    } finally {
      writing.set(false);
      appender.join();
    }
  }

  @Test
  void anExistingFile_isNeverOverwritten() throws Exception {
    startWithAnIncident();
    Path existing = Files.writeString(dir.resolve("precious.db"), "not to be lost", StandardCharsets.UTF_8);

    CandorJar.Run refused = CandorJar.run(dir, env(), "backup", existing.toString());

    assertEquals(2, refused.exit(), refused.describe());
    assertEquals(1, refused.errLines().size(), refused.describe());
    assertTrue(refused.err().contains("already exists; nothing was overwritten"), refused.describe());
    assertNoStackTrace(refused);
    assertArrayEquals("not to be lost".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(existing));
  }

  @Test
  void onPostgresql_itPointsToTheDatabasesOwnTools_inOneLine() throws Exception {
    Map<String, String> env = Map.of("DATABASE_URL", Postgres.freshDatabase(), "CANDOR_KEY",
        PostgresIT.KEY);

    CandorJar.Run refused = CandorJar.run(dir, env, "backup", dir.resolve("copy.db").toString());

    assertEquals(2, refused.exit(), refused.describe());
    assertEquals(1, refused.errLines().size(), refused.describe());
    assertTrue(refused.err().contains("pg_dump"), refused.describe());
    assertNoStackTrace(refused);
    assertFalse(Files.exists(dir.resolve("copy.db")));
  }
}
