package dev.candor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.candor.jobs.Job;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When a job began sending, on a real SQLite file: kept for its run's generation, forgotten once it is finished. */
class JdbcSendLogTest {
  static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");
  static final Duration LEASE = Duration.ofMinutes(1);

  @TempDir Path dir;
  Database database;
  JdbcJobStore jobs;
  JdbcSendLog sends;

  /** The database the tests run on: a SQLite file here; a PostgreSQL one in {@code JdbcSendLogOnPostgresTest}. */
  String url() {
    return "jdbc:sqlite:" + dir.resolve("candor.db");
  }

  void open() {
    database = Database.open(url());
    jobs = new JdbcJobStore(database.dataSource(), Clock.fixed(T0, ZoneOffset.UTC));
    sends = new JdbcSendLog(database.dataSource());
  }

  @AfterEach
  void close() {
    database.close();
  }

  private Job claim(String key) {
    return jobs.claimDue(T0.plusSeconds(3600), LEASE, 10, "runner").stream().filter(j -> j.key().equals(key))
        .findFirst().orElseThrow();
  }

  @Test
  void theFirstStartIsKept_acrossRetriesAndARestart_perTarget() {
    open();
    jobs.schedule("remind", "followup:1:due", "{}", T0);
    Job job = claim("followup:1:due");
    assertEquals(Optional.empty(), sends.begun(job, "DALICE"));

    assertEquals(T0, sends.begin(job, "DALICE", T0));
    assertEquals(T0, sends.begin(job, "DALICE", T0.plusSeconds(90)), "the first start stays");
    jobs.retry(job, T0.plusSeconds(60), "http_503");
    database.close();
    open();

    Job retried = claim("followup:1:due");
    assertEquals(Optional.of(T0), sends.begun(retried, "DALICE"));
    assertEquals(Optional.empty(), sends.begun(retried, "CINC1"), "another target has its own start");
  }

  @Test
  void aRescheduledJob_startsAfresh_andAFinishedJobsRecordsAreForgotten() {
    open();
    jobs.schedule("remind", "followup:1:due", "{}", T0);
    Job first = claim("followup:1:due");
    sends.begin(first, "DALICE", T0);
    jobs.schedule("remind", "followup:1:due", "{}", T0.plusSeconds(60)); // the next generation
    Job second = claim("followup:1:due");
    assertEquals(Optional.empty(), sends.begun(second, "DALICE"), "the next generation never began");
    jobs.schedule("remind", "followup:2:due", "{}", T0);
    Job other = claim("followup:2:due");
    sends.begin(other, "DBOB", T0);
    jobs.done(other, T0);

    sends.begin(second, "DALICE", T0.plusSeconds(120));

    assertEquals(Optional.empty(), sends.begun(first, "DALICE"), "an earlier generation's record is gone");
    assertEquals(Optional.empty(), sends.begun(other, "DBOB"), "a finished job's record is gone");
    assertEquals(Optional.of(T0.plusSeconds(120)), sends.begun(second, "DALICE"));
  }
}
