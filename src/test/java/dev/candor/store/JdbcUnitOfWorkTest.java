package dev.candor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.jobs.JobStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One transaction around several stores' writes. */
class JdbcUnitOfWorkTest {
  static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");
  @TempDir Path dir;
  Database db;
  JdbcJobStore jobs;
  JdbcUnitOfWork work;

  /** The database the tests run on: a SQLite file here; a PostgreSQL one in {@code JdbcUnitOfWorkOnPostgresTest}. */
  String url() {
    return "jdbc:sqlite:" + dir.resolve("c.db");
  }

  @BeforeEach
  void open() {
    db = Database.open(url());
    jobs = new JdbcJobStore(db.dataSource(), Clock.systemUTC());
    work = new JdbcUnitOfWork(db.dataSource());
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void writesInside_areSeenInside_andByOthersOnlyOnceCommitted() throws Exception {
    Optional<JobStore.Entry> seenByAnother = work.run(() -> {
      jobs.schedule("k", "a", "", T0);
      assertTrue(jobs.find("a").isPresent(), "a read inside sees the write");
      return CompletableFuture.supplyAsync(() -> jobs.find("a")).join();
    });
    assertEquals(Optional.empty(), seenByAnother, "not committed yet while the work ran");
    assertTrue(jobs.find("a").isPresent());
  }

  @Test
  void aFailureAnywhere_rollsBackEveryWrite_andIsWhatTheCallerSees() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> work.run(() -> {
      jobs.schedule("k", "a", "", T0);
      work.run(() -> jobs.schedule("k", "b", "", T0)); // nested: joins, does not commit on its own
      throw new IllegalStateException("late failure");
    }));
    assertEquals("late failure", e.getMessage());
    assertEquals(List.of(), jobs.list(""));
    jobs.schedule("k", "c", "", T0);
    assertEquals(1, jobs.list("").size(), "the store works normally afterwards");
  }
}
