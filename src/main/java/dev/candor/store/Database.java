package dev.candor.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.candor.config.DatabaseUrls;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteOpenMode;

/**
 * The database behind Candor, its schema brought up to date by Flyway when opened for writing; a read-only opening
 * ({@link #openReadOnly}) creates and migrates nothing.
 *
 * <p>SQLite (the default): a small Hikari pool in WAL mode with a busy timeout. The file is made readable by its
 * owner only (SQLite gives its {@code -wal} and {@code -shm} the same permissions). PostgreSQL: a Hikari pool on the
 * server, which must exist with a role that may create tables in it; nothing else is asked of it.
 */
public final class Database implements AutoCloseable {
  private static final String PREFIX = "jdbc:sqlite:";
  private final HikariDataSource dataSource;
  private final ProcessLock soleUse;
  private final boolean inMemory;
  private final Vendor vendor;

  private Database(HikariDataSource dataSource, ProcessLock soleUse, boolean inMemory, Vendor vendor) {
    this.dataSource = dataSource;
    this.soleUse = soleUse;
    this.inMemory = inMemory;
    this.vendor = vendor;
    Jdbc.opened(dataSource, vendor);
  }

  /**
   * Opens and migrates the database at {@code url}: for SQLite, creating the folder, and the file readable by its
   * owner only, when missing; a PostgreSQL database must exist.
   */
  public static Database open(String url) {
    if (Vendor.from(url) == Vendor.POSTGRESQL) {
      return openServer(url);
    }
    return open(url, true);
  }

  /** PostgreSQL: a pool on the server, and its schema migrated; several processes may share it. */
  private static Database openServer(String url) {
    HikariConfig config = serverSettings(url);
    config.setConnectionInitSql(REPLICA_SESSION);
    HikariDataSource ds = new HikariDataSource(config);
    try {
      SchemaCheck.flyway(ds, Vendor.POSTGRESQL).migrate();
    } catch (RuntimeException e) {
      ds.close();
      throw e;
    }
    return new Database(ds, null, false, Vendor.POSTGRESQL);
  }

  /**
   * How a replica's sessions wait on PostgreSQL: a lock (the writers' turn, a row another replica writes) is waited
   * for at most 2.5 s, under Slack's 3 seconds, as SQLite's busy timeout; and a session that sits inside a
   * transaction doing nothing for 15 s (its process frozen, or cut off from the server) is ended by the server,
   * which lets go of every lock it held, so a replica that stopped answering holds up the others no longer than a
   * job lease. A replica killed outright loses its connections at once, and its locks with them.
   */
  static final String LOCK_TIMEOUT = "2500ms";

  static final String REPLICA_SESSION = "SET lock_timeout = '" + LOCK_TIMEOUT + "'; "
      + "SET idle_in_transaction_session_timeout = '15s'";

  /**
   * A pool of up to {@code size} connections to {@code url}: under Slack's 3 seconds, a request that needs the
   * database gives up in time to answer.
   */
  private static HikariConfig pool(String url, int size) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("candor-db");
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(2_500);
    config.setValidationTimeout(2_000);
    return config;
  }

  private static HikariConfig serverSettings(String url) {
    HikariConfig config = pool(url, 8);
    // a server that stops answering fails a connection in seconds, not at the operating system's TCP timeout
    // (a setting in the URL wins over these)
    config.addDataSourceProperty("connectTimeout", "3");
    config.addDataSourceProperty("socketTimeout", "60");
    config.addDataSourceProperty("tcpKeepAlive", "true");
    config.addDataSourceProperty("ApplicationName", "candor");
    return config;
  }

  /**
   * A database for one command's scratch work, deleted when it is done ({@code candor replay}): the same
   * schema and code, but commits are not waited onto the disk, since nothing in it must survive a crash.
   */
  public static Database openScratch(Path file) {
    return open("jdbc:sqlite:" + file.toAbsolutePath(), false);
  }

  private static Database open(String url, boolean durable) {
    if (!url.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a SQLite JDBC URL: " + DatabaseUrls.redacted(url));
    }
    createFile(url);
    HikariConfig config = settings(url);
    config.addDataSourceProperty("journal_mode", "WAL");
    // what is deleted or emptied (a processed event's body, a redacted entry's text) is overwritten on disk too
    config.addDataSourceProperty("secure_delete", "true");
    // every commit reaches the disk before Slack is told "received"
    config.addDataSourceProperty("synchronous", durable ? "FULL" : "OFF");
    // Transactions take the write lock when they begin, so two writers never read the same chain head.
    config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
    if (!durable) {
      // scratch work writes a lot at once: a larger page cache, and no generated-key lookup after each insert
      // (Jdbc.insert reads the new id with RETURNING)
      config.addDataSourceProperty("cache_size", "-65536");
      config.addDataSourceProperty("temp_store", "MEMORY");
      config.addDataSourceProperty("jdbc.get_generated_keys", "false");
    }
    HikariDataSource ds = new HikariDataSource(config);
    try {
      SchemaCheck.flyway(ds, Vendor.SQLITE).migrate();
    } catch (RuntimeException e) {
      ds.close();
      throw e;
    }
    Path db = file(url);
    // a scratch database runs no jobs, and leaves no lock file behind
    ProcessLock lock = db == null || !durable ? null : ProcessLock.tryAcquire(db).orElse(null);
    return new Database(ds, lock, db == null, Vendor.SQLITE);
  }

  /**
   * Opens the existing database at {@code url} for reading only ({@code candor export}, {@code verify}): SQLite's
   * read-only mode (PostgreSQL's read-only connections), no migration, no file, folder or key created. A missing
   * file, or one whose schema is older than this Candor's, is an {@link IllegalArgumentException} whose message says
   * so.
   */
  public static Database openReadOnly(String url) {
    if (Vendor.from(url) == Vendor.POSTGRESQL) {
      HikariConfig config = serverSettings(url);
      config.setReadOnly(true);
      config.setMinimumIdle(0);
      // a read transaction sees one snapshot throughout (verify's heads and chains agree while a server appends)
      config.setTransactionIsolation("TRANSACTION_REPEATABLE_READ");
      HikariDataSource ds = new HikariDataSource(config);
      try {
        SchemaCheck.requireCurrent(ds, Vendor.POSTGRESQL, DatabaseUrls.redacted(url));
      } catch (RuntimeException e) {
        ds.close();
        throw e;
      }
      return new Database(ds, null, false, Vendor.POSTGRESQL);
    }
    Path db = file(url);
    if (db != null && !Files.isRegularFile(db)) {
      throw new IllegalArgumentException("there is no database at " + db);
    }
    HikariConfig config = settings(url);
    config.setReadOnly(true);
    config.setMinimumIdle(0);
    config.addDataSourceProperty("open_mode", Integer.toString(SQLiteOpenMode.READONLY.flag));
    HikariDataSource ds = new HikariDataSource(config);
    try {
      SchemaCheck.requireCurrent(ds, Vendor.SQLITE, db == null ? url : db.toString());
    } catch (RuntimeException e) {
      ds.close();
      throw e;
    }
    return new Database(ds, null, false, Vendor.SQLITE);
  }

  private static HikariConfig settings(String url) {
    if (!url.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a SQLite JDBC URL: " + DatabaseUrls.redacted(url));
    }
    HikariConfig config = pool(url, 4);
    // under Slack's 3 seconds: a write made before an ack must give up in time to answer
    config.addDataSourceProperty("busy_timeout", "2500");
    config.addDataSourceProperty("foreign_keys", "true");
    return config;
  }

  /** The database file of a SQLite URL, or null for an in-memory database or a server's (PostgreSQL). */
  public static Path file(String url) {
    if (Vendor.of(url).orElse(Vendor.SQLITE) != Vendor.SQLITE) {
      return null;
    }
    String file = url.startsWith(PREFIX) ? url.substring(PREFIX.length()) : url;
    int query = file.indexOf('?');
    if (query >= 0) {
      file = file.substring(0, query);
    }
    if (file.startsWith("file:")) {
      file = file.substring("file:".length());
    }
    if (file.isEmpty() || file.contains(":memory:") || file.startsWith("memory")) {
      return null;
    }
    return Path.of(file);
  }

  /**
   * Creates the folder, and the database file as an empty file readable by its owner only, before SQLite opens it:
   * SQLite would make it with the process's umask (often world-readable), and gives the {@code -wal} and
   * {@code -shm} beside it the permissions of the database file. An existing file is left as it is.
   */
  private static void createFile(String url) {
    Path db = file(url);
    if (db == null) {
      return;
    }
    Path parent = db.toAbsolutePath().getParent();
    try {
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot create the database folder " + parent + ": " + e.getMessage(), e);
    }
    try {
      OwnerOnly.createFile(db);
    } catch (FileAlreadyExistsException exists) {
      // an existing database keeps the permissions it has
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot create the database " + db + ": " + e.getMessage(), e);
    }
  }

  /** True when the database holds any incident or timeline entry: records a new evidence key could not verify. */
  public boolean holdsRecords() {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM incidents) OR EXISTS (SELECT 1 FROM timeline_entries)")) {
      return rs.next() && rs.getBoolean(1);
    } catch (SQLException e) {
      throw new StoreException("cannot count the records in the database", e);
    }
  }

  /**
   * Writes a consistent copy of this SQLite database into {@code file} with SQLite's online backup, while other
   * connections and processes go on writing: the pages are copied in one step, under one read snapshot, so a write
   * made meanwhile is in the copy whole or not at all and never restarts it. {@code file} should be new or empty.
   */
  public void backupTo(Path file) {
    if (vendor != Vendor.SQLITE) {
      throw new IllegalStateException("SQLite's online backup copies a SQLite database only");
    }
    try (Connection c = dataSource.getConnection()) {
      // all pages in one step (-1); a busy source is waited for 10 times 100 ms
      int rc = c.unwrap(SQLiteConnection.class).getDatabase().backup("main", file.toAbsolutePath().toString(), null,
          100, 10, -1);
      if (rc != SQLiteErrorCode.SQLITE_DONE.code && rc != SQLiteErrorCode.SQLITE_OK.code) {
        throw new SQLException("the online backup ended with " + SQLiteErrorCode.getErrorCode(rc));
      }
    } catch (SQLException e) {
      throw new StoreException("back up the database into " + file, e);
    }
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /** Which database this is. */
  public Vendor vendor() {
    return vendor;
  }

  /**
   * True when this process alone uses the database: it holds the database's lock ({@code <file>.lock}, which the
   * operating system lets go when a process dies), or the database lives in its memory. Then whatever another
   * process had claimed in it was claimed by a process that is gone. False for a read-only opening, and on
   * PostgreSQL, which other replicas may share: there a dead runner's claims wait out their lease.
   */
  public boolean soleUser() {
    return soleUse != null || inMemory;
  }

  /** True when the database answers a trivial query. */
  public boolean isHealthy() {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.setQueryTimeout(2);
      return s.executeQuery("SELECT 1").next();
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  @Override
  public void close() {
    dataSource.close();
    if (soleUse != null) {
      soleUse.close();
    }
  }
}
