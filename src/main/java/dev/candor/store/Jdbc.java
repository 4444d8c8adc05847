package dev.candor.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import javax.sql.DataSource;

/** The few JDBC moves every repository makes: a query, a transaction, nullable instants. */
final class Jdbc {
  private final DataSource dataSource;

  Jdbc(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /**
   * SQLite has one writer at a time, and its busy handler is a lottery: under load a writer can lose
   * every draw until its timeout. Writers in this process take turns through one fair lock per database
   * instead, so none starves; SQLite's busy timeout still guards against other processes.
   */
  private static final Map<DataSource, ReentrantLock> WRITE_LOCKS = new WeakHashMap<>();

  static ReentrantLock writeLock(DataSource dataSource) {
    synchronized (WRITE_LOCKS) {
      return WRITE_LOCKS.computeIfAbsent(dataSource, d -> new ReentrantLock(true));
    }
  }

  /**
   * The vendor of each database {@link Database} opened, as its URL named it ({@link Vendor#of}): the one way Candor
   * knows whether other processes may write the same database (PostgreSQL).
   */
  private static final Map<DataSource, Vendor> VENDORS = new WeakHashMap<>();

  /** Notes that {@code dataSource} is a database of {@code vendor}; {@link Database} says so of every pool it opens. */
  static void opened(DataSource dataSource, Vendor vendor) {
    synchronized (VENDORS) {
      VENDORS.put(dataSource, vendor);
    }
  }

  /**
   * Writers in every process take turns, as SQLite's writers do: on PostgreSQL each write transaction first takes
   * one transaction-scoped advisory lock, which the server lets go at commit, at rollback, and when the connection
   * of a killed process drops. So a transaction that reads a chain's head, the evidence ledger, a version or a
   * lease and writes what follows from it reads what the last writer of any replica committed (READ COMMITTED reads
   * each statement afresh), and no two replicas interleave such a read and write. A wait for it gives up after the
   * connection's {@code lock_timeout} (see {@link Database}), as SQLite's busy timeout does. Read-only connections
   * take no turn.
   */
  static final String TAKE_WRITERS_TURN = "SELECT pg_advisory_xact_lock(" + Locks.WRITERS + ", 0)";

  /**
   * The transaction this thread holds on each database, if any: work started inside one (a
   * {@link JdbcUnitOfWork}) joins it, so several repositories' writes commit together.
   */
  private static final ThreadLocal<Map<DataSource, Connection>> HELD = ThreadLocal.withInitial(HashMap::new);

  /**
   * Runs {@code work} in one transaction: all of it is written, or none. Inside a transaction this
   * thread already holds on the same database, {@code work} joins it and commits with it.
   */
  <T> T inTransaction(String what, Work<T> work) {
    Connection held = HELD.get().get(dataSource);
    if (held != null) {
      try {
        return work.run(held);
      } catch (SQLException e) {
        throw new StoreException(what, e);
      }
    }
    ReentrantLock lock = writeLock(dataSource);
    lock.lock();
    try (Connection c = dataSource.getConnection()) {
      HELD.get().put(dataSource, c);
      try {
        if (!shared(dataSource) || c.isReadOnly()) {
          return inTransaction(c, vendor(dataSource), work);
        }
        return inTransaction(c, Vendor.POSTGRESQL, tx -> {
          query(tx, TAKE_WRITERS_TURN, rs -> null);
          return work.run(tx);
        });
      } finally {
        HELD.get().remove(dataSource);
      }
    } catch (SQLException e) {
      throw new StoreException(what, e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs {@code work} holding the advisory lock ({@code space}, {@code key}) on PostgreSQL, for as long as it runs,
   * whatever it does meanwhile (a call to Slack, transactions of its own): other processes wait for it, at most
   * {@code wait}. The lock is held by a connection of its own, and let go when the work ends or the process dies
   * (the server ends a dead peer's session). On SQLite, which one process uses, {@code work} just runs.
   */
  <T> T holdingLock(String what, int space, int key, Duration wait, Supplier<T> work) {
    Connection c;
    try {
      c = dataSource.getConnection();
    } catch (SQLException e) {
      throw new StoreException(what, e);
    }
    try (c) {
      if (!shared(dataSource)) {
        return work.get();
      }
      query(c, "SELECT set_config('lock_timeout', ?, false)", rs -> null, wait.toMillis() + "ms");
      try {
        query(c, "SELECT pg_advisory_lock(?, ?)", rs -> null, space, key);
      } finally {
        query(c, "SELECT set_config('lock_timeout', ?, false)", rs -> null, Database.LOCK_TIMEOUT);
      }
      try {
        return work.get();
      } finally {
        try {
          query(c, "SELECT pg_advisory_unlock(?, ?)", rs -> null, space, key);
        } catch (SQLException lost) {
          // the connection broke: its session ended, and the server let go of its locks with it; what the work
          // came to (or what it threw) is what the caller hears
        }
      }
    } catch (SQLException e) {
      throw new StoreException(what, e);
    }
  }

  /** True when {@code dataSource} is a database server other processes may write too (PostgreSQL). */
  private static boolean shared(DataSource dataSource) {
    return vendor(dataSource) == Vendor.POSTGRESQL;
  }

  /** The vendor of a database {@link Database} opened. */
  static Vendor vendor(DataSource dataSource) {
    Vendor vendor;
    synchronized (VENDORS) {
      vendor = VENDORS.get(dataSource);
    }
    if (vendor == null) {
      throw new IllegalStateException("a data source Database did not open: which database it is is unknown");
    }
    return vendor;
  }

  /**
   * {@code work} in one transaction on {@code c}, a connection to a {@code vendor} database; on failure nothing stays
   * written and the failure is what is thrown.
   */
  static <T> T inTransaction(Connection c, Vendor vendor, Work<T> work) throws SQLException {
    return vendor == Vendor.SQLITE ? inSqliteTransaction(c, work) : inJdbcTransaction(c, work);
  }

  private static <T> T inJdbcTransaction(Connection c, Work<T> work) throws SQLException {
    c.setAutoCommit(false);
    boolean committed = false;
    try {
      T result = work.run(c);
      c.commit();
      committed = true;
      return result;
    } finally {
      if (!committed) {
        try {
          c.rollback();
        } catch (SQLException ignored) {
          // the original failure is the one to report
        }
      }
      try {
        c.setAutoCommit(true);
      } catch (SQLException ignored) {
        // the pool resets the connection's auto-commit when it is returned
      }
    }
  }

  /**
   * On SQLite the transaction is begun and ended by statements, the driver left in auto-commit throughout. The driver's
   * own transactions begin the next one inside {@code commit()}, and note a transaction before beginning it: when
   * that BEGIN waits out the busy timeout (another process, or another pool, writing), a commit that happened is
   * reported failed, and the connection goes back to the pool believing it is inside a transaction it is not in, so
   * the next work on it runs statement by statement, unguarded, and its commit fails ("no transaction is active").
   * Here a BEGIN that fails has begun nothing, and a failed COMMIT or work is rolled back.
   */
  private static <T> T inSqliteTransaction(Connection c, Work<T> work) throws SQLException {
    // a read-only connection cannot take the write lock; its transaction is one snapshot to read
    execute(c, c.isReadOnly() ? "BEGIN" : "BEGIN IMMEDIATE");
    boolean committed = false;
    try {
      T result = work.run(c);
      execute(c, "COMMIT");
      committed = true;
      return result;
    } finally {
      if (!committed) {
        try {
          execute(c, "ROLLBACK");
        } catch (SQLException ignored) {
          // SQLite may already have ended the transaction; the original failure is the one to report
        }
      }
    }
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** Reads on a connection of its own, or inside the transaction this thread holds (so it sees its writes). */
  <T> List<T> query(String what, String sql, RowMapper<T> mapper, Object... args) {
    Connection held = HELD.get().get(dataSource);
    if (held != null) {
      try {
        return query(held, sql, mapper, args);
      } catch (SQLException e) {
        throw new StoreException(what, e);
      }
    }
    try (Connection c = dataSource.getConnection()) {
      return query(c, sql, mapper, args);
    } catch (SQLException e) {
      throw new StoreException(what, e);
    }
  }

  <T> Optional<T> queryOne(String what, String sql, RowMapper<T> mapper, Object... args) {
    List<T> rows = query(what, sql, mapper, args);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  static <T> List<T> query(Connection c, String sql, RowMapper<T> mapper, Object... args)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        List<T> out = new ArrayList<>();
        while (rs.next()) {
          out.add(mapper.map(rs));
        }
        return out;
      }
    }
  }

  /** Hears rows one at a time; answers false to stop. */
  interface RowVisitor {
    boolean visit(ResultSet rs) throws SQLException;
  }

  /**
   * Runs a query and hands its rows to {@code visitor} one at a time, never holding them together: on a connection
   * of its own, or inside the transaction this thread holds (so a reader sees one snapshot throughout).
   */
  void scan(String what, String sql, RowVisitor visitor, Object... args) {
    Connection held = HELD.get().get(dataSource);
    if (held != null) {
      try {
        scan(held, sql, visitor, args);
      } catch (SQLException e) {
        throw new StoreException(what, e);
      }
      return;
    }
    try (Connection c = dataSource.getConnection()) {
      scan(c, sql, visitor, args);
    } catch (SQLException e) {
      throw new StoreException(what, e);
    }
  }

  private static void scan(Connection c, String sql, RowVisitor visitor, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next() && visitor.visit(rs)) {
          // the visitor does the work
        }
      }
    }
  }

  static int update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      return ps.executeUpdate();
    }
  }

  /** Inserts a row and returns its generated {@code id} (by {@code RETURNING}, which SQLite and PostgreSQL both know). */
  static long insert(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql + " RETURNING id")) {
      bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("the insert returned no id: " + sql);
        }
        return rs.getLong(1);
      }
    }
  }

  static void bind(PreparedStatement ps, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      if (a == null) {
        ps.setNull(i + 1, Types.NULL);
      } else if (a instanceof Instant t) {
        ps.setLong(i + 1, t.toEpochMilli());
      } else if (a instanceof Boolean b) {
        ps.setInt(i + 1, b ? 1 : 0);
      } else if (a instanceof Enum<?> e) {
        ps.setString(i + 1, e.name());
      } else {
        ps.setObject(i + 1, a);
      }
    }
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    long millis = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
  }
}
