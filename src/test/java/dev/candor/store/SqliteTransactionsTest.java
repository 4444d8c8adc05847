package dev.candor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transactions on SQLite when another process (or another pool) holds the write lock longer than the busy timeout:
 * the write that gave up fails, and leaves nothing behind on the pool's connection, so the next transaction on it
 * is one (all or nothing) and commits.
 */
class SqliteTransactionsTest {
  static final Instant T0 = Instant.parse("2026-12-07T09:00:00Z");

  @TempDir Path dir;
  Database database;
  JdbcJobStore jobs;

  @BeforeEach
  void open() {
    database = Database.open(url());
    jobs = new JdbcJobStore(database.dataSource(), Clock.fixed(T0, ZoneOffset.UTC));
  }

  @AfterEach
  void close() {
    database.close();
  }

  String url() {
    return "jdbc:sqlite:" + dir.resolve("candor.db");
  }

  @Test
  void aWriteThatWaitedOutAnotherWriter_failsAlone_andTheConnectionsNextTransactionIsWholeAndCommits()
      throws SQLException {
    try (Connection other = DriverManager.getConnection(url()); Statement s = other.createStatement()) {
      s.execute("BEGIN IMMEDIATE"); // another process writing, past Candor's busy timeout
      StoreException locked = assertThrows(StoreException.class, () -> jobs.schedule("remind", "k0", "", T0));
      assertTrue(String.valueOf(locked.getCause()).contains("SQLITE_BUSY"), String.valueOf(locked.getCause()));
      s.execute("ROLLBACK");
    }

    assertThrows(IllegalStateException.class, () -> new JdbcUnitOfWork(database.dataSource()).run(() -> {
      jobs.schedule("remind", "k1", "", T0);
      throw new IllegalStateException("the work fails after its first write");
    }));
    jobs.schedule("remind", "k2", "", T0);

    assertEquals(Optional.empty(), jobs.find("k1"), "a failed unit of work leaves nothing written");
    assertTrue(jobs.find("k2").isPresent(), "the next transaction commits");
  }
}
