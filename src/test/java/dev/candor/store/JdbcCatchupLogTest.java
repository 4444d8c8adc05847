package dev.candor.store;

import dev.candor.catchup.CatchupLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The catch-up log's contract on a real SQLite file (and, in the subclass, on PostgreSQL). */
class JdbcCatchupLogTest extends CatchupLogContract {
  @TempDir Path dir;
  final List<Database> open = new ArrayList<>();

  /** The database the tests run on: a SQLite file here; a PostgreSQL one in the subclass. */
  String url() {
    return "jdbc:sqlite:" + dir.resolve("candor.db");
  }

  @Override
  CatchupLog newLog() {
    Database db = Database.open(url());
    open.add(db);
    return new JdbcCatchupLog(db.dataSource());
  }

  @Override
  CatchupLog sameLogElsewhere() {
    return newLog();
  }

  @AfterEach
  void close() {
    open.forEach(Database::close);
  }
}
