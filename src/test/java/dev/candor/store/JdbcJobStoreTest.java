package dev.candor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.jobs.Job;
import dev.candor.jobs.JobStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job store contract on a real SQLite file with the migrations applied, and two runners at once. */
class JdbcJobStoreTest extends JobStoreContract {
  static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

  @TempDir Path dir;
  final List<Database> opened = new ArrayList<>();

  /** The database the tests run on, the same at every call: a SQLite file here; in {@code JdbcJobStoreOnPostgresTest} a PostgreSQL one. */
  String url() {
    return "jdbc:sqlite:" + dir.resolve("candor.db");
  }

  JdbcJobStore open() {
    Database database = Database.open(url());
    opened.add(database);
    return new JdbcJobStore(database.dataSource(), CLOCK);
  }

  @Override
  JobStore newStore() {
    return open();
  }

  @AfterEach
  void closeDatabases() {
    opened.forEach(Database::close);
  }

  @Test
  void jobs_surviveClosingAndOpeningTheDatabase() {
    store.schedule("remind", "followup:1:due", "{\"followup\":1}", T0);
    opened.remove(0).close();

    JobStore reopened = open();

    Job job = reopened.claimDue(T0, LEASE, 10, "A").get(0);
    assertEquals("{\"followup\":1}", job.payload());
  }

  @Test
  void aClaimThatDiedWithItsProcess_isResumedByTheNextProcess() {
    store.schedule("remind", "k", "", T0);
    store.claimDue(T0, LEASE, 10, "process-1");
    opened.remove(0).close();

    List<Job> resumed = open().claimDue(T0.plus(LEASE), LEASE, 10, "process-2");

    assertEquals(1, resumed.size());
    assertTrue(resumed.get(0).resumed());
  }

  @Test
  void twoRunnersOnTwoPools_neverClaimTheSameJob() throws Exception {
    int total = 300;
    for (int i = 0; i < total; i++) {
      store.schedule("remind", "job:" + i, "", T0.plusMillis(i % 7));
    }
    JobStore first = open();
    JobStore second = open();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<String>>> claims = new ArrayList<>();
      List<JobStore> runners = List.of(first, second, first, second);
      for (int i = 0; i < runners.size(); i++) {
        claims.add(threads.submit(claimAll(runners.get(i), "worker-" + i, start)));
      }
      start.countDown();

      List<String> all = new ArrayList<>();
      for (Future<List<String>> f : claims) {
        all.addAll(f.get(60, TimeUnit.SECONDS));
      }
      Set<String> distinct = new HashSet<>(all);
      assertEquals(all.size(), distinct.size(), "a job was claimed twice");
      assertEquals(total, distinct.size());
    } finally {
      threads.shutdownNow();
    }
  }

  private static Callable<List<String>> claimAll(JobStore runner, String worker, CountDownLatch start) {
    return () -> {
      start.await();
      List<String> mine = new ArrayList<>();
      while (true) {
        List<Job> jobs = untilNotBusy(() -> runner.claimDue(T0.plusSeconds(1), Duration.ofHours(1), 7, worker));
        if (jobs.isEmpty()) {
          return mine;
        }
        for (Job job : jobs) {
          mine.add(job.key());
          untilNotBusy(() -> runner.done(job, T0.plusSeconds(1)));
        }
      }
    };
  }

  /**
   * {@code write}, again for as long as it gives up on SQLite's busy timeout (the other pool held the write lock that
   * long: on a loaded machine its busy handler can lose every draw), as a job runner tries again at its next pass; a
   * write that gave up wrote nothing. Any other failure is thrown.
   */
  private static <T> T untilNotBusy(Supplier<T> write) {
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      try {
        return write.get();
      } catch (StoreException e) {
        if (!String.valueOf(e.getCause()).contains("SQLITE_BUSY") || System.nanoTime() > end) {
          throw e;
        }
      }
    }
  }
}
