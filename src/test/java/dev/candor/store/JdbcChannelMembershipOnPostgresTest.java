package dev.candor.store;

import dev.candor.testing.Postgres;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Channel membership's tests on a real PostgreSQL (embedded, one server per JVM), each test on a fresh database. */
class JdbcChannelMembershipOnPostgresTest extends JdbcChannelMembershipTest {
  /** A fresh database for each test, the same at every call within it, dropped after it. */
  @RegisterExtension final Postgres.FreshDatabase postgres = new Postgres.FreshDatabase();

  @Override
  String url() {
    return postgres.url();
  }
}
