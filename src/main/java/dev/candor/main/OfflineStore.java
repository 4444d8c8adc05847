package dev.candor.main;

import dev.candor.incident.IncidentRepository;
import dev.candor.store.Database;
import dev.candor.store.JdbcIncidentRepository;
import dev.candor.store.JdbcTimelineStore;
import dev.candor.store.LocalKey;
import dev.candor.timeline.EvidenceKey;
import dev.candor.timeline.TimelineService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Candor's database and evidence key, opened for a one-shot command ({@code export}, {@code verify})
 * while the server may be running: nothing is created, and what cannot be opened is one line for the
 * user, never a stack trace.
 */
final class OfflineStore implements AutoCloseable {
  private final Database database;
  private final TimelineService timeline;
  private final IncidentRepository incidents;
  private final String where;

  private OfflineStore(Database database, EvidenceKey key, String where) {
    this.database = database;
    this.timeline = new TimelineService(new JdbcTimelineStore(database.dataSource()), key, Clock.systemUTC());
    this.incidents = new JdbcIncidentRepository(database.dataSource());
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
    quietLogs();
    String url;
    try {
      url = BotConfig.databaseUrlFrom(env);
    } catch (ConfigException e) {
      throw new Unavailable(e.getMessage());
    }
    Path file = Database.file(url);
    String where = file == null ? url : file.toString();
    if (file != null && !Files.isRegularFile(file)) {
      throw new Unavailable("there is no database at " + file + " (DATABASE_URL is " + url + ")");
    }
    if (file != null && !Files.isReadable(file)) {
      throw new Unavailable("cannot read the database " + file + ": permission denied");
    }
    EvidenceKey key;
    try {
      key = LocalKey.load(LocalKey.besideDatabase(url), false);
    } catch (IllegalStateException e) {
      throw new Unavailable(e.getMessage() + "; restore it from the backup made with the database");
    }
    try {
      return new OfflineStore(Database.open(url), key, where);
    } catch (RuntimeException e) {
      throw new Unavailable("cannot open the database " + where + ": " + rootMessage(e));
    }
  }

  TimelineService timeline() {
    return timeline;
  }

  IncidentRepository incidents() {
    return incidents;
  }

  javax.sql.DataSource dataSource() {
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
    if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
      root.setLevel(ch.qos.logback.classic.Level.OFF);
    }
  }

  @Override
  public void close() {
    database.close();
  }
}
