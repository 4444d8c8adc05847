package dev.candor.store;

import dev.candor.incident.IncidentId;
import dev.candor.timeline.EntryKind;
import dev.candor.timeline.HashChain;
import dev.candor.timeline.SlackTs;
import dev.candor.timeline.Source;
import dev.candor.timeline.TimelineEntry;
import dev.candor.timeline.TimelineStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Timelines in SQLite. Appends read the chain's head and write the new link in one transaction. */
public final class JdbcTimelineStore implements TimelineStore {
  private final Jdbc jdbc;

  public JdbcTimelineStore(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  @Override
  public Optional<TimelineEntry> append(IncidentId incident, String key, Sealer sealer) {
    return jdbc.inTransaction("append to the timeline of " + incident, c -> appendIn(c, incident, key, sealer));
  }

  @Override
  public List<TimelineEntry> appendAll(List<Append> appends) {
    return jdbc.inTransaction("append " + appends.size() + " timeline entries", c -> {
      List<TimelineEntry> added = new java.util.ArrayList<>();
      for (Append a : appends) {
        appendIn(c, a.incident(), a.key(), a.sealer()).ifPresent(added::add);
      }
      return added;
    });
  }

  /** Appends within a transaction the caller holds (an incident change and its timeline entry together). */
  static Optional<TimelineEntry> appendIn(Connection c, IncidentId incident, String key, Sealer sealer)
      throws SQLException {
    if (!Jdbc.query(c, "SELECT 1 FROM timeline_entries WHERE incident_id = ? AND entry_key = ?", rs -> 1,
        incident.value(), key).isEmpty()) {
      return Optional.empty();
    }
    List<Object[]> head = Jdbc.query(c,
        "SELECT seq, hash FROM timeline_entries WHERE incident_id = ? ORDER BY seq DESC LIMIT 1",
        rs -> new Object[] {rs.getLong(1), rs.getString(2)}, incident.value());
    long seq = head.isEmpty() ? 1 : (long) head.get(0)[0] + 1;
    String prev = head.isEmpty() ? HashChain.GENESIS : (String) head.get(0)[1];
    TimelineEntry e = sealer.seal(seq, prev);
    Jdbc.update(c,
        "INSERT INTO timeline_entries (incident_id, seq, kind, entry_key, channel_id, ts, ts_micros, thread_ts, actor, "
            + "text, content_mac, secret_macs, ref_ts, detail, source, recorded_at, prev_hash, hash) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        incident.value(), e.seq(), e.kind(), e.key(), e.channelId(), e.ts(), micros(e.ts()), e.threadTs(), e.actor(),
        e.text(), e.contentMac(), String.join(",", e.secretMacs()), e.refTs(), e.detail(), e.source(),
        e.recordedAt(), e.prevHash(), e.hash());
    return Optional.of(e);
  }

  private static long micros(String ts) {
    Instant at = SlackTs.toInstant(ts);
    return at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
  }

  @Override
  public List<TimelineEntry> entries(IncidentId incident) {
    return jdbc.query("read the timeline of " + incident,
        "SELECT * FROM timeline_entries WHERE incident_id = ? ORDER BY seq", JdbcTimelineStore::entry,
        incident.value());
  }

  @Override
  public Optional<TimelineEntry> entry(IncidentId incident, long seq) {
    return jdbc.queryOne("read entry #" + seq + " of " + incident,
        "SELECT * FROM timeline_entries WHERE incident_id = ? AND seq = ?", JdbcTimelineStore::entry,
        incident.value(), seq);
  }

  @Override
  public Optional<TimelineEntry> redact(IncidentId incident, long seq, String key, Sealer redactionSealer) {
    return jdbc.inTransaction("redact entry #" + seq + " of " + incident, c -> {
      int rows = Jdbc.update(c,
          "UPDATE timeline_entries SET text = NULL WHERE incident_id = ? AND seq = ? AND text IS NOT NULL",
          incident.value(), seq);
      if (rows == 0) {
        return Optional.empty();
      }
      Optional<TimelineEntry> redaction = appendIn(c, incident, key, redactionSealer);
      if (redaction.isEmpty()) {
        throw new SQLException("entry #" + seq + " of " + incident + " was redacted twice");
      }
      return redaction;
    });
  }

  @Override
  public List<IncidentId> incidents() {
    // every incident, not only those with entries left: a timeline emptied by hand must be reported
    return jdbc.query("list timelines", "SELECT id FROM incidents ORDER BY id", rs -> new IncidentId(rs.getLong(1)));
  }

  private static TimelineEntry entry(ResultSet rs) throws SQLException {
    String macs = rs.getString("secret_macs");
    return new TimelineEntry(
        new IncidentId(rs.getLong("incident_id")),
        rs.getLong("seq"),
        EntryKind.valueOf(rs.getString("kind")),
        rs.getString("entry_key"),
        rs.getString("channel_id"),
        rs.getString("ts"),
        rs.getString("thread_ts"),
        rs.getString("actor"),
        rs.getString("text"),
        rs.getString("content_mac"),
        macs == null || macs.isEmpty() ? List.of() : Arrays.asList(macs.split(",")),
        rs.getString("ref_ts"),
        rs.getString("detail"),
        Source.valueOf(rs.getString("source")),
        Jdbc.instant(rs, "recorded_at"),
        rs.getString("prev_hash"),
        rs.getString("hash"));
  }
}
