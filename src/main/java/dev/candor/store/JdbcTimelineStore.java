package dev.candor.store;

import dev.candor.incident.IncidentId;
import dev.candor.timeline.EntryKind;
import dev.candor.timeline.HashChain;
import dev.candor.timeline.SlackTs;
import dev.candor.timeline.Source;
import dev.candor.timeline.TimelineEntry;
import dev.candor.timeline.TimelineStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
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
      List<TimelineEntry> added = new ArrayList<>();
      try (Appender appender = new Appender(c)) {
        for (Append a : appends) {
          appender.append(a.incident(), a.key(), a.sealer()).ifPresent(added::add);
        }
        appender.finish();
      }
      return added;
    });
  }

  /** Appends within a transaction the caller holds. */
  static Optional<TimelineEntry> appendIn(Connection c, IncidentId incident, String key, Sealer sealer)
      throws SQLException {
    try (Appender appender = new Appender(c)) {
      Optional<TimelineEntry> added = appender.append(incident, key, sealer);
      appender.finish();
      return added;
    }
  }

  /**
   * Appends the entry of an incident change within the transaction that wrote the incident's row, whose MAC in
   * the incident's head is made again from the row as it now stands, even when the entry was there already.
   */
  static Optional<TimelineEntry> appendChangeIn(Connection c, IncidentId incident, String key, Sealer sealer)
      throws SQLException {
    try (Appender appender = new Appender(c)) {
      Optional<TimelineEntry> added = appender.append(incident, key, sealer);
      appender.heads(sealer).rowChanged(incident);
      appender.finish();
      return added;
    }
  }

  /**
   * Establishes the heads of every incident and the ledger over them, when the database has none yet (made before
   * heads were kept) or they were lost; answers how many heads were made, or empty when nothing needed doing.
   */
  public static OptionalLong establishHeads(DataSource dataSource, HashChain chain) {
    return new Jdbc(dataSource).inTransaction("establish the chains' heads", c -> {
      EvidenceHeads heads = new EvidenceHeads(c, chain);
      heads.write();
      return heads.establishedNow();
    });
  }

  /**
   * True when the evidence in the database was sealed under another key than {@code chain}'s: its ledger was
   * established and does not verify under this key, and neither does any incident head. (A ledger that does not
   * verify beside heads that do was altered: {@link #establishHeads} keeps that as a flaw.) Writes nothing.
   */
  public static boolean sealedWithAnotherKey(DataSource dataSource, HashChain chain) {
    return new Jdbc(dataSource).inTransaction("compare the evidence key with the chains'",
        c -> EvidenceHeads.sealedWithAnotherKey(c, chain));
  }

  /**
   * Appends entries within one transaction, its statement prepared once and each chain's head read once and
   * then carried along: what makes a batch of thousands of entries cheap (a replayed export). A key already
   * there is found by the insert itself ({@code ON CONFLICT ... DO NOTHING}); the head moves only when a row
   * was written, so a duplicate takes no place in the chain. {@link #finish} seals the heads moved, and the ledger.
   */
  private static final class Appender implements AutoCloseable {
    private final Connection c;
    private final PreparedStatement insert;
    private EvidenceHeads heads;

    Appender(Connection c) throws SQLException {
      this.c = c;
      insert = c.prepareStatement(
          "INSERT INTO timeline_entries (incident_id, seq, kind, entry_key, channel_id, ts, ts_micros, thread_ts, "
              + "actor, text, content_mac, secret_macs, ref_ts, detail, source, recorded_at, prev_hash, hash) "
              + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
              + "ON CONFLICT (incident_id, entry_key) DO NOTHING");
    }

    EvidenceHeads heads(Sealer sealer) throws SQLException {
      if (heads == null) {
        heads = new EvidenceHeads(c, sealer.chain());
      }
      return heads;
    }

    Optional<TimelineEntry> append(IncidentId incident, String key, Sealer sealer) throws SQLException {
      EvidenceHeads.Top top = heads(sealer).top(incident);
      TimelineEntry e = sealer.seal(top.seq() + 1, top.hash());
      if (!key.equals(e.key())) {
        throw new SQLException("an entry sealed under key " + e.key() + " was appended as " + key);
      }
      Jdbc.bind(insert, incident.value(), e.seq(), e.kind(), e.key(), e.channelId(), e.ts(), micros(e.ts()),
          e.threadTs(), e.actor(), e.text(), e.contentMac(), String.join(",", e.secretMacs()), e.refTs(), e.detail(),
          e.source(), e.recordedAt(), e.prevHash(), e.hash());
      if (insert.executeUpdate() == 0) {
        return Optional.empty(); // recorded before
      }
      heads.moved(incident, e.seq(), e.hash());
      return Optional.of(e);
    }

    /** Seals the heads this transaction moved, and the ledger. */
    void finish() throws SQLException {
      if (heads != null) {
        heads.write();
      }
    }

    @Override
    public void close() throws SQLException {
      insert.close();
    }
  }

  static long micros(String ts) {
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
  public void scan(IncidentId incident, Order order, Set<EntryKind> kinds, Visitor visitor) {
    StringBuilder sql = new StringBuilder("SELECT * FROM timeline_entries WHERE incident_id = ?");
    List<Object> args = new ArrayList<>();
    args.add(incident.value());
    if (!kinds.containsAll(EnumSet.allOf(EntryKind.class))) {
      if (kinds.isEmpty()) {
        return;
      }
      sql.append(" AND kind IN (").append(String.join(", ", Collections.nCopies(kinds.size(), "?"))).append(')');
      args.addAll(kinds);
    }
    sql.append(order == Order.RECORDED ? " ORDER BY seq" : " ORDER BY ts_micros, seq");
    jdbc.scan("read the timeline of " + incident, sql.toString(), rs -> visitor.visit(entry(rs)), args.toArray());
  }

  @Override
  public void scanAt(IncidentId incident, EntryKind kind, Collection<String> ts, Visitor visitor) {
    List<String> all = new ArrayList<>(new LinkedHashSet<>(ts));
    int chunk = 400;
    for (int from = 0; from < all.size(); from += chunk) {
      List<String> part = all.subList(from, Math.min(all.size(), from + chunk));
      String marks = String.join(", ", Collections.nCopies(part.size(), "?"));
      List<Object> args = new ArrayList<>();
      args.add(incident.value());
      args.add(kind);
      part.forEach(t -> args.add(micros(t)));
      args.addAll(part);
      boolean[] going = {true};
      // ts_micros finds the rows through the index; ts itself keeps a value that reads alike from matching
      jdbc.scan("read entries of " + incident, "SELECT * FROM timeline_entries WHERE incident_id = ? AND kind = ? "
          + "AND ts_micros IN (" + marks + ") AND ts IN (" + marks + ")", rs -> going[0] = visitor.visit(entry(rs)),
          args.toArray());
      if (!going[0]) {
        return;
      }
    }
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
      // the redaction may take its words out of the incident's row too (a summary, a title): seal the row again
      Optional<TimelineEntry> redaction = appendChangeIn(c, incident, key, redactionSealer);
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
