package dev.candor.store;

import dev.candor.jobs.UnitOfWork;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * One SQLite transaction around a piece of work: every repository and the job store on the same
 * database join it (see {@link Jdbc#inTransaction}), so the work's writes commit together. A failure
 * anywhere in it rolls all of them back and is what the caller sees.
 */
public final class JdbcUnitOfWork implements UnitOfWork {
  private final Jdbc jdbc;

  public JdbcUnitOfWork(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  @Override
  public <T> T run(Supplier<T> work) {
    return jdbc.inTransaction("a unit of work", c -> work.get());
  }
}
