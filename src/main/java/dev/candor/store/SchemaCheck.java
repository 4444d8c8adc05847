package dev.candor.store;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;

/** Candor's schema, brought up to date by Flyway when writing, and only read when reading. */
final class SchemaCheck {
  private SchemaCheck() {}

  /** The shared migrations ({@code db/migration}) and {@code vendor}'s own, in one sequence of versions. */
  static Flyway flyway(DataSource ds, Vendor vendor) {
    return Flyway.configure().dataSource(ds).locations(vendor.migrations()).load();
  }

  /**
   * Fails, saying what to do, unless the database at {@code where} has every migration this Candor knows; reads
   * the schema history, writes nothing.
   */
  static void requireCurrent(DataSource ds, Vendor vendor, String where) {
    MigrationInfoService info = flyway(ds, vendor).info();
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
