package dev.candor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.incident.IncidentRepository;
import dev.candor.incident.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKeyTest {
  @TempDir Path dir;

  String url() {
    return "jdbc:sqlite:" + dir.resolve("candor.db");
  }

  static List<String> names(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aNewDatabase_getsANewKey_readableByItsOwnerOnly_andNoTemporaryFileIsLeft() throws Exception {
    Path key = LocalKey.besideDatabase(url());
    try (Database db = Database.open(url())) {
      LocalKey.loadOrCreate(key, db);
    }

    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    assertTrue(Files.readString(key).strip().matches("[0-9a-f]{64}"), Files.readString(key));
    // the lock file is the database's (it says which process alone uses it), no key's leftover
    assertEquals(List.of("candor.db", "candor.db.lock", "candor.key"), names(dir));
  }

  @Test
  void anExistingKey_isReadAgain_neverReplaced() throws Exception {
    Path key = LocalKey.besideDatabase(url());
    try (Database db = Database.open(url())) {
      LocalKey.loadOrCreate(key, db);
      String first = Files.readString(key);

      LocalKey.loadOrCreate(key, db);

      assertEquals(first, Files.readString(key));
    }
  }

  @Test
  void aMissingKey_besideADatabaseThatHoldsAnIncident_isRefusedSayingHowToRestoreIt_andNoKeyIsWritten() {
    Path key = LocalKey.besideDatabase(url());
    try (Database db = Database.open(url())) {
      new JdbcIncidentRepository(db.dataSource()).insert(new IncidentRepository.NewIncident("C1", "inc-x", "DB",
          "", Severity.SEV2, false, "UALICE", "CGENERAL", "req-1", Instant.parse("2026-01-01T00:00:00Z")));

      LocalKey.Missing e = assertThrows(LocalKey.Missing.class, () -> LocalKey.loadOrCreate(key, db));

      assertTrue(e.getMessage().contains(key.toString()), e.getMessage());
      assertTrue(e.getMessage().contains("put back the candor.key"), e.getMessage());
      assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
    assertFalse(Files.exists(key));
  }
}
