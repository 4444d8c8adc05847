package dev.candor.store;

import dev.candor.testing.Postgres;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The catch-up log's contract on a real PostgreSQL (embedded, one server per JVM), each test on a fresh database. */
class JdbcCatchupLogOnPostgresTest extends JdbcCatchupLogTest {
  /** A fresh database for each test, the same at every call within it, dropped after it. */
  @RegisterExtension final Postgres.FreshDatabase postgres = new Postgres.FreshDatabase();

  @Override
  String url() {
    return postgres.url();
  }
}
