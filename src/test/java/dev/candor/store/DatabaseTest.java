package dev.candor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
  @TempDir Path dir;

  static String url(Path file) {
    return "jdbc:sqlite:" + file;
  }

  static String pragma(Connection c, String name) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
      assertTrue(rs.next(), "PRAGMA " + name + " answered nothing");
      return rs.getString(1);
    }
  }

  static List<String> column(Connection c, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }

  @Test
  void theFirstOpening_isTheSoleUser_aSecondIsNot_untilTheFirstCloses() {
    String url = url(dir.resolve("candor.db"));
    try (Database first = Database.open(url)) {
      assertTrue(first.soleUser(), "it holds the database's lock");
      assertTrue(Files.isRegularFile(dir.resolve("candor.db.lock")));
      try (Database second = Database.open(url)) {
        assertFalse(second.soleUser(), "another holds it: its claims may be a live runner's");
      }
      try (Database reading = Database.openReadOnly(url)) {
        assertFalse(reading.soleUser());
      }
    }
    try (Database again = Database.open(url)) {
      assertTrue(again.soleUser(), "the lock was let go with the first");
    }
  }

  @Test
  void theLockFile_isReadableByItsOwnerOnly() throws Exception {
    try (Database db = Database.open(url(dir.resolve("candor.db")))) {
      assertTrue(db.soleUser());
      assertEquals("rw-------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("candor.db.lock"))));
    }
  }

  @Test
  void opening_createsTheFolderWhenItIsMissing() {
    Path file = dir.resolve("not/there/yet/candor.db");

    try (Database db = Database.open(url(file))) {
      assertTrue(Files.isDirectory(file.getParent()));
      assertTrue(Files.isRegularFile(file));
      assertTrue(db.isHealthy());
    }
  }

  @Test
  void opening_usesWriteAheadLoggingAndABusyTimeoutOnEveryConnection() throws SQLException {
    try (Database db = Database.open(url(dir.resolve("candor.db")));
        Connection first = db.dataSource().getConnection();
        Connection second = db.dataSource().getConnection()) {
      for (Connection c : List.of(first, second)) {
        assertEquals("wal", pragma(c, "journal_mode"));
        int busyTimeout = Integer.parseInt(pragma(c, "busy_timeout"));
        assertTrue(busyTimeout >= 1_000, "busy_timeout is " + busyTimeout + " ms");
        assertEquals("1", pragma(c, "foreign_keys"));
      }
    }
  }

  @Test
  void migratingV13_numbersTheChangesAlreadyStored_byTheIncidentVersionEachMade() throws SQLException {
    String url = url(dir.resolve("candor.db"));
    org.sqlite.SQLiteDataSource old = new org.sqlite.SQLiteDataSource();
    old.setUrl(url);
    org.flywaydb.core.Flyway.configure().dataSource(old).locations(Vendor.SQLITE.migrations()).target("9").load()
        .migrate();
    try (Connection c = old.getConnection(); Statement s = c.createStatement()) {
      for (int i = 1; i <= 2; i++) {
        s.executeUpdate("INSERT INTO incidents (id, channel_id, channel_name, title, title_key, severity, state, "
            + "private_channel, declared_by, origin_channel_id, started_at, declared_at, last_update_at) VALUES ("
            + i + ", 'C" + i + "', 'inc', 't', 't', 'SEV2', 'INVESTIGATING', 0, 'U', 'C', 0, 0, 0)");
      }
      for (String incident : List.of("1", "2", "1", "1", "2")) {
        s.executeUpdate("INSERT INTO incident_changes (incident_id, kind, actor, at) VALUES (" + incident
            + ", 'NOTE', 'U', 0)");
      }
    }

    try (Database db = Database.open(url); Connection c = db.dataSource().getConnection()) {
      assertEquals(List.of("1:0", "2:0", "1:1", "1:2", "2:1"), column(c,
          "SELECT incident_id || ':' || version FROM incident_changes ORDER BY id"));
    }
  }

  @Test
  void opening_appliesTheMigrations() throws SQLException {
    try (Database db = Database.open(url(dir.resolve("candor.db")));
        Connection c = db.dataSource().getConnection()) {
      List<String> tables = column(c, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
      assertTrue(tables.containsAll(List.of("incidents", "incident_changes", "events", "timeline_entries")),
          tables.toString());
      assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "13", "14", "15", "16", "17",
          "18", "19", "20", "21"), column(c,
          "SELECT version FROM flyway_schema_history WHERE success = 1 AND version IS NOT NULL ORDER BY installed_rank"));
    }
  }

  @Test
  void openingAgain_keepsTheDataAndDoesNotMigrateTwice() throws SQLException {
    String url = url(dir.resolve("candor.db"));
    try (Database db = Database.open(url); Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO incidents (channel_id, channel_name, title, title_key, severity, state, "
          + "private_channel, declared_by, origin_channel_id, started_at, declared_at, last_update_at) "
          + "VALUES ('CINC1', 'inc-x', 'DB', 'db', 'SEV2', 'INVESTIGATING', 0, 'UALICE', 'CGENERAL', 1, 1, 1)");
    }

    try (Database db = Database.open(url); Connection c = db.dataSource().getConnection()) {
      assertEquals(List.of("CINC1"), column(c, "SELECT channel_id FROM incidents"));
      assertEquals(List.of("1"), column(c, "SELECT count(*) FROM flyway_schema_history WHERE version = '1'"));
    }
  }

  @Test
  void aNewDatabase_andTheWalAndShmSqliteMakesBesideIt_areReadableByTheOwnerOnly() throws Exception {
    Path file = dir.resolve("data").resolve("candor.db");
    try (Database db = Database.open(url(file)); Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO incidents (channel_id, channel_name, title, title_key, severity, state, "
          + "private_channel, declared_by, origin_channel_id, started_at, declared_at, last_update_at) "
          + "VALUES ('CINC1', 'inc-x', 'DB', 'db', 'SEV2', 'INVESTIGATING', 0, 'UALICE', 'CGENERAL', 1, 1, 1)");

      for (String name : List.of("candor.db", "candor.db-wal", "candor.db-shm")) {
        Path made = file.resolveSibling(name);
        assertTrue(Files.exists(made), name + " exists while the database is open");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(made)), name);
      }
    }
  }

  @Test
  void openingReadOnly_aMissingFile_namesItAndCreatesNothing() {
    Path file = dir.resolve("not-here").resolve("candor.db");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Database.openReadOnly(url(file)));

    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertFalse(Files.exists(file.getParent()));
  }

  @Test
  void openingReadOnly_anOlderSchema_saysSoAndLeavesItUnmigrated() throws SQLException {
    String url = url(dir.resolve("candor.db"));
    try (Database db = Database.open(url); Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate("DROP TABLE incident_numbers");
      s.executeUpdate("DELETE FROM flyway_schema_history WHERE version = '21'");
    }

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Database.openReadOnly(url));

    assertTrue(e.getMessage().contains("schema version 20, older than this Candor's 21"), e.getMessage());
    try (Connection c = DriverManager.getConnection(url)) {
      assertEquals(List.of("20"), column(c, "SELECT max(CAST(version AS INTEGER)) FROM flyway_schema_history"));
      assertEquals(List.of(), column(c, "SELECT name FROM sqlite_master WHERE name = 'incident_numbers'"));
    }
  }

  @Test
  void health_isTrueWhileOpenAndFalseAfterClose() {
    Database db = Database.open(url(dir.resolve("candor.db")));
    assertTrue(db.isHealthy());

    db.close();

    assertFalse(db.isHealthy());
  }

  @Test
  void opening_aUrlOfNeitherSqliteNorPostgresql_isRefusedNamingTheUrl() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Database.open("jdbc:mysql://localhost/candor"));

    assertTrue(e.getMessage().contains("jdbc:mysql://localhost/candor"), e.getMessage());
  }

  /**
   * What every existing database recorded when it ran each migration: moving a migration between folders (the
   * shared {@code db/migration}, SQLite's own {@code db/sqlite}) must never change one, or Flyway refuses them.
   */
  @Test
  void theMigrations_keepTheChecksumsEveryExistingDatabaseRecorded() throws SQLException {
    try (Database db = Database.open(url(dir.resolve("candor.db"))); Connection c = db.dataSource().getConnection()) {
      assertEquals(List.of("1 V1__incidents.sql -140775807", "2 V2__timeline.sql -1181135043",
          "3 V3__nudges.sql 827614459", "4 V4__jobs.sql 700542246", "5 V5__followups.sql 127786694",
          "6 V6__postmortems.sql -1011776437", "7 V7__followup_versions.sql -735889013",
          "8 V8__job_queues.sql 1930897912", "9 V9__nudge_answers.sql -1067689206",
          "10 V10__evidence_heads.sql 1737299352", "11 V11__job_leases.sql 537001495",
          "13 V13__change_versions.sql -203426516", "14 V14__job_sends.sql -925969690",
          "15 V15__channel_members.sql -1452246357", "16 V16__event_claims.sql 78330793",
          "17 V17__incident_cards.sql 2051439479", "18 V18__catchups.sql 995996613",
          "19 V19__nudge_channel_days.sql -918509657",
          "20 V20__tracker_issues.sql -224543871", "21 V21__incident_numbers.sql 1542191251"),
          column(c, "SELECT version || ' ' || script || ' ' || checksum FROM flyway_schema_history "
              + "ORDER BY installed_rank"));
    }
  }
}
