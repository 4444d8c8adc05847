package dev.candor.store;

import dev.candor.testing.Postgres;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Nudges and messages per week on a real PostgreSQL (embedded), each test on fresh databases. */
class NudgeWeeksOnPostgresTest extends NudgeWeeksTest {
  @RegisterExtension final Postgres.FreshDatabase postgres = new Postgres.FreshDatabase();

  @Override
  String url() {
    return postgres.url();
  }

  @Override
  String emptyUrl() {
    return Postgres.emptyDatabase();
  }
}
