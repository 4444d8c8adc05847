package dev.candor.store;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;

/** Candor's schema, brought up to date by Flyway when writing, and only read when reading. */
final class SchemaCheck {
  private SchemaCheck() {}

  static Flyway flyway(DataSource ds) {
    return Flyway.configure().dataSource(ds).locations("classpath:db/migration").load();
  }

  /**
   * Fails, saying what to do, unless the database at {@code where} has every migration this Candor knows; reads
   * the schema history, writes nothing.
   */
  static void requireCurrent(DataSource ds, String where) {
    MigrationInfoService info = flyway(ds).info();
    MigrationInfo current = info.current();
    MigrationInfo[] pending = info.pending();
    if (current == null) {
      throw new IllegalArgumentException("the database " + where + " holds no Candor schema; point DATABASE_URL at "
          + "the database candor serve writes");
    }
    if (pending.length > 0) {
      throw new IllegalArgumentException("the database " + where + " has schema version " + current.getVersion()
          + ", older than this Candor's " + pending[pending.length - 1].getVersion() + "; it is not changed here: "
          + "back it up and start candor serve on it once to bring it up to date");
    }
  }
}
