package dev.candor.store;

import dev.candor.incident.IncidentRepository;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The repository contract on a real SQLite file with the migrations applied. */
class JdbcIncidentRepositoryTest extends IncidentRepositoryContract {
  @TempDir Path dir;
  Database database;

  /** The database the tests run on: a SQLite file here; a PostgreSQL one in {@code JdbcIncidentRepositoryOnPostgresTest}. */
  String url() {
    return "jdbc:sqlite:" + dir.resolve("candor.db");
  }

  @Override
  IncidentRepository newRepository() {
    database = Database.open(url());
    return new JdbcIncidentRepository(database.dataSource());
  }

  @AfterEach
  void closeDatabase() {
    database.close();
  }
}
