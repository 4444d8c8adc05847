package dev.candor.store;

import dev.candor.testing.Postgres;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The tracker links' tests on a real PostgreSQL (embedded, one server per JVM), each test on a fresh database. */
class JdbcTrackerLinksOnPostgresTest extends JdbcTrackerLinksTest {
  @RegisterExtension final Postgres.FreshDatabase postgres = new Postgres.FreshDatabase();

  @Override
  String url() {
    return postgres.url();
  }
}
