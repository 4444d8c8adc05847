package dev.candor.main;

import dev.candor.config.BotConfig;
import dev.candor.config.ConfigException;
import dev.candor.config.DatabaseUrls;
import dev.candor.config.KeySource;
import dev.candor.incident.IncidentRepository;
import dev.candor.store.Database;
import dev.candor.store.JdbcEvidenceRecords;
import dev.candor.store.JdbcIncidentRepository;
import dev.candor.store.JdbcTimelineStore;
import dev.candor.store.LocalKey;
import dev.candor.timeline.EvidenceAudit;
import dev.candor.timeline.EvidenceKey;
import dev.candor.timeline.EvidenceRecords;
import dev.candor.timeline.HashChain;
import dev.candor.timeline.TimelineService;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Candor's database and evidence key, opened for a one-shot command ({@code export}, {@code verify},
 * {@code check --stats})
 * while the server may be running: the database is opened read-only and never migrated, nothing is created, and
 * what cannot be opened is one line for the user, never a stack trace.
 */
final class OfflineStore implements AutoCloseable {
  private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

  private final Database database;
  private final TimelineService timeline;
  private final IncidentRepository incidents;
  private final HashChain chain;
  private final EvidenceKey key;
  private final String where;

  private OfflineStore(Database database, EvidenceKey key, String where) {
    this.database = database;
    this.timeline = key == null ? null
        : new TimelineService(new JdbcTimelineStore(database.dataSource()), key, Clock.systemUTC());
    this.incidents = new JdbcIncidentRepository(database.dataSource());
    this.chain = key == null ? null : new HashChain(key);
    this.key = key;
    this.where = where;
  }

  /** The store could not be opened; the message is the line to show. */
  static final class Unavailable extends Exception {
    private static final long serialVersionUID = 1L;

    Unavailable(String message) {
      super(message);
    }
  }

  /** Opens the database named by {@code DATABASE_URL} in {@code env} and the key beside it. */
  static OfflineStore open(Map<String, String> env) throws Unavailable {
    return open(env, true);
  }

  /** Opens the database alone, for a command that reads no timeline ({@code check --stats}): no key is needed. */
  static OfflineStore openWithoutKey(Map<String, String> env) throws Unavailable {
    return open(env, false);
  }

  private static OfflineStore open(Map<String, String> env, boolean withKey) throws Unavailable {
    String url;
    KeySource keys;
    try {
      url = BotConfig.databaseUrlFrom(env);
      keys = withKey ? BotConfig.keySourceFrom(env) : KeySource.BESIDE_DATABASE;
    } catch (ConfigException e) {
      throw new Unavailable(e.getMessage());
    }
    return open(url, keys, withKey);
  }

  /** Opens the database at {@code url} and the key from {@code keys} (say a copy, with its original's key). */
  static OfflineStore open(String url, KeySource keys) throws Unavailable {
    return open(url, keys, true);
  }

  private static OfflineStore open(String url, KeySource keys, boolean withKey) throws Unavailable {
    quietLogs();
    Path file = Database.file(url);
    String where = file == null ? DatabaseUrls.redacted(url) : file.toString();
    if (file != null && !Files.isRegularFile(file)) {
      throw new Unavailable("there is no database at " + file + " (DATABASE_URL is " + url + ")");
    }
    if (file != null && !Files.isReadable(file)) {
      throw new Unavailable("cannot read the database " + file + ": permission denied");
    }
    Optional<String> notSqlite = file == null ? Optional.empty() : notSqlite(file);
    if (notSqlite.isPresent()) {
      throw new Unavailable("cannot open the database " + file + ": " + notSqlite.get() + " (DATABASE_URL is " + url
          + ")");
    }
    EvidenceKey key;
    try {
      key = withKey ? key(url, keys) : null;
    } catch (IllegalStateException e) {
      throw new Unavailable(e.getMessage() + (keys.besideDatabase() ? "; restore it from the backup made with the "
          + "database" : ""));
    }
    try {
      return new OfflineStore(Database.openReadOnly(url), key, where);
    } catch (RuntimeException e) {
      throw new Unavailable("cannot open the database " + where + ": " + rootMessage(e));
    }
  }

  private static EvidenceKey key(String url, KeySource keys) {
    if (keys.hex().isPresent()) {
      return LocalKey.parse(keys.hex().get(), "CANDOR_KEY");
    }
    return LocalKey.load(keys.file().orElseGet(() -> LocalKey.besideDatabase(url)));
  }

  /**
   * Why {@code file} is no SQLite database, read from its 16-byte header, or empty when it is one. Checked before
   * anything else is opened, so the message names this and not a missing key beside it.
   */
  static Optional<String> notSqlite(Path file) {
    byte[] header = new byte[SQLITE_HEADER.length];
    int read;
    try (InputStream in = Files.newInputStream(file)) {
      read = in.readNBytes(header, 0, header.length);
    } catch (IOException e) {
      return Optional.of("cannot read it (" + rootMessage(e) + ")");
    }
    if (read == 0) {
      return Optional.of("the file is empty, not a SQLite database");
    }
    return read == header.length && Arrays.equals(header, SQLITE_HEADER) ? Optional.empty()
        : Optional.of("the file is not a SQLite database");
  }

  /** Opened with {@link #open}, not {@link #openWithoutKey}. */
  TimelineService timeline() {
    if (timeline == null) {
      throw new IllegalStateException("opened without the evidence key");
    }
    return timeline;
  }

  /** The heads, ledger, incident rows and entries' order as stored, and what checks them: for {@code verify}. */
  EvidenceAudit audit() {
    if (chain == null) {
      throw new IllegalStateException("opened without the evidence key");
    }
    return new EvidenceAudit(chain);
  }

  EvidenceRecords evidence() {
    return new JdbcEvidenceRecords(database.dataSource());
  }

  Database database() {
    return database;
  }

  /** The key the chains are checked with: the one they must have been sealed with. */
  EvidenceKey key() {
    if (key == null) {
      throw new IllegalStateException("opened without the evidence key");
    }
    return key;
  }

  IncidentRepository incidents() {
    return incidents;
  }

  DataSource dataSource() {
    return database.dataSource();
  }

  /** The database's file, for messages. */
  String where() {
    return where;
  }

  /** The first line of the innermost message: what went wrong, without the layers that carried it. */
  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.strip().lines().findFirst().orElse(message);
  }

  /** A one-shot command reports for itself: library logs would only mix into what it prints. */
  static void quietLogs() {
    if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
      root.setLevel(ch.qos.logback.classic.Level.OFF);
    }
  }

  @Override
  public void close() {
    database.close();
  }
}
