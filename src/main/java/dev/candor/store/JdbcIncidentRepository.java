package dev.candor.store;

import dev.candor.incident.Incident;
import dev.candor.incident.IncidentChange;
import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentRepository;
import dev.candor.incident.IncidentState;
import dev.candor.incident.Severity;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.function.Supplier;
import javax.sql.DataSource;

/** Incidents in SQLite. */
public final class JdbcIncidentRepository implements IncidentRepository {
  private static final String SELECT = "SELECT * FROM incidents ";
  /** How long a declaration waits for another replica's from the same channel. */
  static final Duration DECLARATION_WAIT = Duration.ofSeconds(30);
  /** On SQLite (one process), the last number each database handed out, so two declarations never share one. */
  private static final Map<DataSource, long[]> LAST_NUMBERS = new WeakHashMap<>();
  private final DataSource dataSource;
  private final Jdbc jdbc;
  private final ChangeJournal journal;

  /** Records each change in the same transaction as the incident it changed (the timeline, in production). */
  public interface ChangeJournal {
    void record(Connection c, Incident incident, IncidentChange change, long version) throws SQLException;
  }

  /** Incidents alone, with no journal: for reading, and for tests of this store. */
  public JdbcIncidentRepository(DataSource dataSource) {
    this(dataSource, (c, incident, change, version) -> { });
  }

  public JdbcIncidentRepository(DataSource dataSource, ChangeJournal journal) {
    this.dataSource = dataSource;
    this.jdbc = new Jdbc(dataSource);
    this.journal = journal;
  }

  @Override
  public Optional<Incident> byId(IncidentId id) {
    return jdbc.queryOne("read " + id, SELECT + "WHERE id = ?", JdbcIncidentRepository::incident, id.value());
  }

  @Override
  public Optional<Incident> byChannel(String channelId) {
    return jdbc.queryOne("read the incident of " + channelId, SELECT + "WHERE channel_id = ?",
        JdbcIncidentRepository::incident, channelId);
  }

  @Override
  public Optional<Incident> byRequestKey(String requestKey) {
    return jdbc.queryOne("read an incident by request", SELECT + "WHERE request_key = ?",
        JdbcIncidentRepository::incident, requestKey);
  }

  @Override
  public Optional<Incident> recentDeclare(String declaredBy, String originChannelId, String title, Instant since) {
    return jdbc.queryOne("look for a double submit",
        SELECT + "WHERE declared_by = ? AND origin_channel_id = ? AND declared_at >= ? "
            + "AND title_key = ? ORDER BY id DESC LIMIT 1",
        JdbcIncidentRepository::incident, declaredBy, originChannelId, since, titleKey(title));
  }

  static String titleKey(String title) {
    return title.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  /**
   * On PostgreSQL, an advisory lock on the origin channel held while the declaration runs (Slack's channel made in
   * it); a declaration waits up to 30 s for another replica's to end. Declarations run after Slack was answered.
   */
  @Override
  public <T> T oneDeclarationAtATime(String originChannelId, Supplier<T> declaring) {
    return jdbc.holdingLock("declare from " + originChannelId, Locks.DECLARATIONS, originChannelId.hashCode(),
        DECLARATION_WAIT, declaring);
  }

  /**
   * On PostgreSQL the identity's own sequence, which every replica shares and no two calls ever get the same value
   * of. On SQLite, which one process uses, the highest number stored, kept for a declaration or handed out before,
   * plus one, taken under a lock held only while it is read.
   */
  @Override
  public long nextNumber() {
    if (Jdbc.vendor(dataSource) == Vendor.POSTGRESQL) {
      return jdbc.queryOne("take the next incident number",
          "SELECT nextval(pg_get_serial_sequence('incidents', 'id'))", rs -> rs.getLong(1)).orElseThrow();
    }
    long[] last;
    synchronized (LAST_NUMBERS) {
      last = LAST_NUMBERS.computeIfAbsent(dataSource, d -> new long[1]);
    }
    synchronized (last) {
      long stored = jdbc.queryOne("read the highest incident number",
          "SELECT MAX(COALESCE((SELECT MAX(id) FROM incidents), 0), "
              + "COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'incidents'), 0), "
              + "COALESCE((SELECT MAX(number) FROM incident_numbers), 0))",
          rs -> rs.getLong(1)).orElse(0L);
      last[0] = Math.max(last[0], stored) + 1;
      return last[0];
    }
  }

  /**
   * The number kept for {@code requestKey} in {@code incident_numbers}, or a new one kept for it there. Declarations
   * under one key come from one channel, which runs them one at a time (see {@link #oneDeclarationAtATime}); should
   * two meet anyway, the row written first wins and both get its number. No lock is held past this call.
   */
  @Override
  public long numberFor(String requestKey, Instant at) {
    if (requestKey == null) {
      return nextNumber();
    }
    Optional<Long> kept = keptNumber(requestKey);
    if (kept.isPresent()) {
      return kept.get();
    }
    long number = nextNumber();
    jdbc.inTransaction("keep INC-" + number + " for " + requestKey, c -> Jdbc.update(c,
        "INSERT INTO incident_numbers (request_key, number, taken_at) VALUES (?, ?, ?) "
            + "ON CONFLICT (request_key) DO NOTHING", requestKey, number, at));
    return keptNumber(requestKey).orElseThrow();
  }

  private Optional<Long> keptNumber(String requestKey) {
    return jdbc.queryOne("read the number kept for " + requestKey,
        "SELECT number FROM incident_numbers WHERE request_key = ?", rs -> rs.getLong(1), requestKey);
  }

  @Override
  public Incident insert(NewIncident n) {
    long number = n.number() == 0 ? nextNumber() : n.number();
    long id = jdbc.inTransaction("declare INC-" + number, c -> {
      long newId = Jdbc.insert(c,
          "INSERT INTO incidents (id, channel_id, channel_name, title, title_key, summary, severity, state, "
              + "commander, private_channel, declared_by, origin_channel_id, request_key, started_at, "
              + "declared_at, last_update_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          number, n.channelId(), n.channelName(), n.title(), titleKey(n.title()), n.summary(), n.severity(),
          IncidentState.INVESTIGATING, n.declaredBy(), n.privateChannel(), n.declaredBy(),
          n.originChannelId(), n.requestKey(), n.declaredAt(), n.declaredAt(), n.declaredAt());
      IncidentChange declared = new IncidentChange(new IncidentId(newId), IncidentChange.Kind.DECLARED,
          n.declaredBy(), n.declaredAt(), n.severity().name(), n.title());
      insertChange(c, declared, 0);
      Incident incident = Jdbc.query(c, SELECT + "WHERE id = ?", JdbcIncidentRepository::incident, newId).get(0);
      journal.record(c, incident, declared, incident.version());
      return newId;
    });
    return byId(new IncidentId(id)).orElseThrow();
  }

  @Override
  public boolean update(Incident before, Incident after, IncidentChange change) {
    return jdbc.inTransaction("update " + before.id(), c -> {
      Incident.Times t = after.times();
      int rows = Jdbc.update(c,
          "UPDATE incidents SET title = ?, title_key = ?, summary = ?, severity = ?, state = ?, "
              + "commander = ?, comms = ?, scribe = ?, started_at = ?, mitigated_at = ?, resolved_at = ?, "
              + "closed_at = ?, last_update_at = ?, private_channel = ?, version = version + 1 WHERE id = ? AND version = ?",
          after.title(), titleKey(after.title()), after.summary(), after.severity(), after.state(),
          after.roles().commander(), after.roles().comms(), after.roles().scribe(), t.started(),
          t.mitigated(), t.resolved(), t.closed(), t.lastUpdate(), after.privateChannel(), before.id().value(),
          before.version());
      if (rows == 0) {
        return false;
      }
      insertChange(c, change, before.version() + 1);
      journal.record(c, after, change, before.version() + 1);
      return true;
    });
  }

  private static void insertChange(Connection c, IncidentChange ch, long version) throws SQLException {
    Jdbc.update(c,
        "INSERT INTO incident_changes (incident_id, kind, actor, at, value, text, version) VALUES (?, ?, ?, ?, ?, ?, ?)",
        ch.incidentId().value(), ch.kind(), ch.actor(), ch.at(), ch.value(), ch.text(), version);
  }

  @Override
  public List<String> scrubChange(IncidentId id, long version) {
    return jdbc.inTransaction("scrub change " + version + " of " + id, c -> {
      List<String> said = Jdbc.query(c, "SELECT text FROM incident_changes WHERE incident_id = ? AND version = ?",
          rs -> rs.getString(1), id.value(), version);
      if (said.isEmpty() || said.get(0).isEmpty()) {
        return List.of();
      }
      String text = said.get(0);
      List<String> where = new ArrayList<>(3);
      Jdbc.update(c, "UPDATE incident_changes SET text = '' WHERE incident_id = ? AND version = ?", id.value(),
          version);
      where.add("the change log");
      if (Jdbc.update(c, "UPDATE incidents SET summary = '' WHERE id = ? AND summary = ?", id.value(), text) > 0) {
        where.add("the incident's summary");
      }
      if (Jdbc.update(c, "UPDATE incidents SET title = ?, title_key = ? WHERE id = ? AND title = ?",
          REDACTED_TITLE, titleKey(REDACTED_TITLE), id.value(), text) > 0) {
        where.add("the incident's title");
      }
      return where;
    });
  }

  @Override
  public List<Incident> open() {
    return jdbc.query("list open incidents",
        SELECT + "WHERE state IN ('INVESTIGATING', 'IDENTIFIED', 'MONITORING') ORDER BY id DESC",
        JdbcIncidentRepository::incident);
  }

  @Override
  public List<IncidentChange> changes(IncidentId id) {
    return jdbc.query("read the changes of " + id,
        "SELECT * FROM incident_changes WHERE incident_id = ? ORDER BY id", rs -> new IncidentChange(
            new IncidentId(rs.getLong("incident_id")), IncidentChange.Kind.valueOf(rs.getString("kind")),
            rs.getString("actor"), Jdbc.instant(rs, "at"), rs.getString("value"), rs.getString("text")),
        id.value());
  }

  static Incident incident(ResultSet rs) throws SQLException {
    return new Incident(
        new IncidentId(rs.getLong("id")),
        rs.getString("channel_id"),
        rs.getString("channel_name"),
        rs.getString("title"),
        rs.getString("summary"),
        Severity.valueOf(rs.getString("severity")),
        IncidentState.valueOf(rs.getString("state")),
        new Incident.Roles(rs.getString("commander"), rs.getString("comms"), rs.getString("scribe")),
        rs.getInt("private_channel") != 0,
        rs.getString("declared_by"),
        rs.getString("origin_channel_id"),
        new Incident.Times(
            Jdbc.instant(rs, "started_at"),
            Jdbc.instant(rs, "declared_at"),
            Jdbc.instant(rs, "mitigated_at"),
            Jdbc.instant(rs, "resolved_at"),
            Jdbc.instant(rs, "closed_at"),
            Jdbc.instant(rs, "last_update_at")),
        rs.getLong("version"));
  }
}
