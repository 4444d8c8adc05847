package dev.candor.store;

import dev.candor.incident.IncidentRepository;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The repository contract on a real SQLite file with the migrations applied. */
class JdbcIncidentRepositoryTest extends IncidentRepositoryContract {
  @TempDir Path dir;
  Database database;

  @Override
  IncidentRepository newRepository() {
    database = Database.open("jdbc:sqlite:" + dir.resolve("candor.db"));
    return new JdbcIncidentRepository(database.dataSource());
  }

  @AfterEach
  void closeDatabase() {
    database.close();
  }
}
