package dev.candor.store;

import dev.candor.incident.Incident;
import dev.candor.incident.IncidentId;
import dev.candor.timeline.ChainHead;
import dev.candor.timeline.EvidenceRecords;
import dev.candor.timeline.Ledger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

/** The evidence as stored in the database, read for {@code verify}: heads, ledger, incident rows, entries' counts. */
public final class JdbcEvidenceRecords implements EvidenceRecords {
  private final Jdbc jdbc;

  public JdbcEvidenceRecords(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  /** In one read transaction: a server appending meanwhile cannot make the heads and the chains disagree. */
  @Override
  public <T> T consistently(Supplier<T> read) {
    return jdbc.inTransaction("read the evidence", c -> read.get());
  }

  @Override
  public Optional<Ledger> ledger() {
    return jdbc.queryOne("read the evidence ledger", "SELECT * FROM evidence_ledger WHERE id = 1",
        EvidenceHeads::ledger);
  }

  @Override
  public Map<IncidentId, ChainHead> heads() {
    Map<IncidentId, ChainHead> heads = new LinkedHashMap<>();
    jdbc.query("read the chains' heads", "SELECT * FROM incident_heads ORDER BY incident_id", EvidenceHeads::head)
        .forEach(h -> heads.put(h.incident(), h));
    return heads;
  }

  @Override
  public Map<IncidentId, Incident> incidents() {
    Map<IncidentId, Incident> rows = new LinkedHashMap<>();
    jdbc.query("read the incidents", "SELECT * FROM incidents ORDER BY id", JdbcIncidentRepository::incident)
        .forEach(i -> rows.put(i.id(), i));
    return rows;
  }

  @Override
  public Map<IncidentId, Entries> entries() {
    Map<IncidentId, Entries> counts = new LinkedHashMap<>();
    jdbc.scan("count the timelines' entries", "SELECT incident_id, count(*), min(channel_id) FROM timeline_entries "
        + "GROUP BY incident_id ORDER BY incident_id", rs -> {
          counts.put(new IncidentId(rs.getLong(1)), new Entries(rs.getLong(2), rs.getString(3)));
          return true;
        });
    return counts;
  }

  @Override
  public Optional<String> lastHash(IncidentId incident) {
    return jdbc.queryOne("read the last entry of " + incident,
        "SELECT hash FROM timeline_entries WHERE incident_id = ? ORDER BY seq DESC LIMIT 1", rs -> rs.getString(1),
        incident.value());
  }

  @Override
  public List<Long> misordered(IncidentId incident) {
    List<Long> seqs = new ArrayList<>();
    jdbc.scan("read the order of " + incident, "SELECT seq, ts, ts_micros FROM timeline_entries WHERE incident_id = ? "
        + "ORDER BY seq", rs -> {
          long micros = rs.getLong(3);
          if (!sortsBy(rs.getString(2), micros)) {
            seqs.add(rs.getLong(1));
          }
          return true;
        }, incident.value());
    return seqs;
  }

  private static boolean sortsBy(String ts, long micros) {
    try {
      return JdbcTimelineStore.micros(ts) == micros;
    } catch (RuntimeException malformed) {
      return false; // a ts no Candor wrote: its entry's hash does not hold either
    }
  }
}
