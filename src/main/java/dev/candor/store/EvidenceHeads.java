package dev.candor.store;

import dev.candor.incident.Incident;
import dev.candor.incident.IncidentId;
import dev.candor.timeline.ChainHead;
import dev.candor.timeline.HashChain;
import dev.candor.timeline.Ledger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The heads of the incidents one transaction touches, and the ledger over all heads: read (and checked) once,
 * moved as entries are appended and incident rows change, and sealed again by {@link #write}. A head or ledger
 * found altered or missing is never sealed over as if nothing had happened: the ledger keeps it as a flaw, which
 * {@code verify} reports.
 */
final class EvidenceHeads {
  private static final String UPSERT_HEAD = "INSERT INTO incident_heads (incident_id, entries, last_hash, "
      + "incident_mac, mac) VALUES (?, ?, ?, ?, ?) ON CONFLICT (incident_id) DO UPDATE SET entries = excluded.entries, "
      + "last_hash = excluded.last_hash, incident_mac = excluded.incident_mac, mac = excluded.mac";
  private final Connection c;
  private final HashChain chain;
  private Ledger ledger;
  private long establishedNow = -1;
  private final Map<Long, Head> touched = new LinkedHashMap<>();

  /** One incident's head as this transaction moves it. */
  private static final class Head {
    final IncidentId id;
    long entries;
    String lastHash;
    String incidentMac;
    /** The MAC it had, when it held; null for a new head or one that did not hold. */
    String sealedMac;
    boolean isNew;
    boolean rowChanged;
    boolean moved;

    Head(IncidentId id) {
      this.id = id;
    }
  }

  /** Where the next entry of an incident's chain links: the seq and hash of its last entry. */
  record Top(long seq, String hash) {}

  EvidenceHeads(Connection c, HashChain chain) throws SQLException {
    this.c = c;
    this.chain = chain;
    this.ledger = ensureLedger();
  }

  /** How many incidents the heads were established for in this transaction, or empty when they were before. */
  OptionalLong establishedNow() {
    return establishedNow < 0 ? OptionalLong.empty() : OptionalLong.of(establishedNow);
  }

  /** Where {@code incident}'s next entry links. */
  Top top(IncidentId incident) throws SQLException {
    Head h = head(incident);
    return new Top(h.entries, h.lastHash);
  }

  /** {@code incident}'s chain now ends with entry {@code seq} of hash {@code hash}. */
  void moved(IncidentId incident, long seq, String hash) throws SQLException {
    Head h = head(incident);
    h.entries = seq;
    h.lastHash = hash;
    h.moved = true;
  }

  /** {@code incident}'s row was written: its MAC is taken again from the row as stored. */
  void rowChanged(IncidentId incident) throws SQLException {
    Head h = head(incident);
    h.rowChanged = true;
    h.moved = true;
  }

  private Head head(IncidentId incident) throws SQLException {
    Head h = touched.get(incident.value());
    if (h != null) {
      return h;
    }
    h = new Head(incident);
    Top chainTop = chainTop(c, incident.value());
    Optional<ChainHead> stored = storedHead(c, incident.value());
    if (stored.isPresent() && chain.holds(stored.get())) {
      ChainHead s = stored.get();
      h.sealedMac = s.mac();
      h.incidentMac = s.incidentMac();
      // a head behind its chain (an older copy put back) must not make the next entry collide; the ledger no longer
      // adds up, which verify reports
      boolean behind = chainTop.seq() > s.entries();
      h.entries = behind ? chainTop.seq() : s.entries();
      h.lastHash = behind ? chainTop.hash() : s.lastHash();
    } else {
      if (stored.isPresent()) {
        flaw(incident + ": its head record was found altered when its timeline was next written");
      } else if (chainTop.seq() > 0) {
        flaw(incident + ": its head record was found missing when its timeline was next written");
      } else {
        h.isNew = true;
      }
      h.entries = chainTop.seq();
      h.lastHash = chainTop.hash();
      h.rowChanged = true;
      h.moved = true;
    }
    touched.put(incident.value(), h);
    return h;
  }

  private void flaw(String flaw) {
    ledger = ledger.withFlaw(flaw);
  }

  /** Seals and writes every head this transaction moved, and the ledger over them. */
  void write() throws SQLException {
    String digest = ledger.digest();
    long incidents = ledger.incidents();
    long last = ledger.lastIncident();
    boolean changed = false;
    for (Head h : touched.values()) {
      if (!h.moved) {
        continue;
      }
      if (h.rowChanged) {
        h.incidentMac = incidentRow(c, h.id.value()).map(chain::incidentMac).orElse(h.incidentMac == null ? ""
            : h.incidentMac);
      }
      ChainHead sealed = chain.head(h.id, h.entries, h.lastHash, h.incidentMac);
      Jdbc.update(c, UPSERT_HEAD, h.id.value(), sealed.entries(), sealed.lastHash(), sealed.incidentMac(),
          sealed.mac());
      if (h.sealedMac != null) {
        digest = HashChain.xor(digest, h.sealedMac);
      }
      digest = HashChain.xor(digest, sealed.mac());
      h.sealedMac = sealed.mac();
      if (h.isNew) {
        incidents++;
        last = Math.max(last, h.id.value());
        h.isNew = false;
      }
      h.moved = false;
      h.rowChanged = false;
      changed = true;
    }
    Ledger next = new Ledger(ledger.state(), incidents, last, digest, ledger.flaws(), ledger.mac());
    if (changed || !chain.holds(next)) {
      writeLedger(chain.seal(next));
    }
  }

  /**
   * The ledger as stored, once it holds. {@code PENDING} (as the migration leaves it) establishes every head from
   * the database as it is; a ledger missing or altered is made again from the heads there are, keeping a flaw that
   * says so, so deleting it never makes the database look as if it had no heads yet.
   */
  private Ledger ensureLedger() throws SQLException {
    Optional<Ledger> stored = storedLedger(c);
    if (stored.isPresent() && stored.get().state() == Ledger.State.ESTABLISHED && chain.holds(stored.get())) {
      return stored.get();
    }
    List<String> flaws = new ArrayList<>();
    boolean heads = Jdbc.query(c, "SELECT EXISTS (SELECT 1 FROM incident_heads)", rs -> rs.getBoolean(1)).get(0);
    if (stored.isEmpty()) {
      flaws.add("the evidence ledger was found missing and was made again from the heads there were: an incident"
          + " removed before then is not noticed");
    } else if (stored.get().state() == Ledger.State.PENDING && heads) {
      flaws.add("the evidence ledger was found set back to pending and was made again from the heads there were: an"
          + " incident removed before then is not noticed");
    } else if (stored.get().state() != Ledger.State.PENDING) {
      flaws.addAll(stored.get().flaws());
      flaws.add("the evidence ledger was found altered and was made again from the heads there were: an incident"
          + " removed before then is not noticed");
    }
    Ledger made = establish(flaws);
    writeLedger(made);
    return made;
  }

  /** A head for every incident that has none that holds, from its chain and row as they are; the ledger over all. */
  private Ledger establish(List<String> flaws) throws SQLException {
    Map<Long, ChainHead> holding = new LinkedHashMap<>();
    for (ChainHead h : Jdbc.query(c, "SELECT * FROM incident_heads ORDER BY incident_id", EvidenceHeads::head)) {
      if (chain.holds(h)) {
        holding.put(h.incident().value(), h);
      }
    }
    long made = 0;
    for (Incident row : Jdbc.query(c, "SELECT * FROM incidents ORDER BY id", JdbcIncidentRepository::incident)) {
      long id = row.id().value();
      if (!holding.containsKey(id)) {
        Top top = chainTop(c, id);
        ChainHead h = chain.head(row.id(), top.seq(), top.hash(), chain.incidentMac(row));
        Jdbc.update(c, UPSERT_HEAD, id, h.entries(), h.lastHash(), h.incidentMac(), h.mac());
        holding.put(id, h);
        made++;
      }
    }
    String digest = HashChain.NO_HEADS;
    long last = 0;
    for (ChainHead h : holding.values()) {
      digest = HashChain.xor(digest, h.mac());
      last = Math.max(last, h.incident().value());
    }
    establishedNow = made;
    return chain.seal(new Ledger(Ledger.State.ESTABLISHED, holding.size(), last, digest, flaws, null));
  }

  private void writeLedger(Ledger l) throws SQLException {
    Jdbc.update(c, "INSERT INTO evidence_ledger (id, state, incidents, last_incident, digest, flaws, mac) "
        + "VALUES (1, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET state = excluded.state, "
        + "incidents = excluded.incidents, last_incident = excluded.last_incident, digest = excluded.digest, "
        + "flaws = excluded.flaws, mac = excluded.mac", l.state(), l.incidents(), l.lastIncident(), l.digest(),
        String.join("\n", l.flaws()), l.mac());
    ledger = l;
  }

  /** See {@link JdbcTimelineStore#sealedWithAnotherKey}. */
  static boolean sealedWithAnotherKey(Connection c, HashChain chain) throws SQLException {
    Optional<Ledger> stored = storedLedger(c);
    if (stored.isEmpty() || stored.get().state() != Ledger.State.ESTABLISHED || chain.holds(stored.get())) {
      return false;
    }
    return Jdbc.query(c, "SELECT * FROM incident_heads", EvidenceHeads::head).stream().noneMatch(chain::holds);
  }

  static Top chainTop(Connection c, long incident) throws SQLException {
    List<Top> top = Jdbc.query(c,
        "SELECT seq, hash FROM timeline_entries WHERE incident_id = ? ORDER BY seq DESC LIMIT 1",
        rs -> new Top(rs.getLong(1), rs.getString(2)), incident);
    return top.isEmpty() ? new Top(0, HashChain.GENESIS) : top.get(0);
  }

  static Optional<ChainHead> storedHead(Connection c, long incident) throws SQLException {
    List<ChainHead> heads = Jdbc.query(c, "SELECT * FROM incident_heads WHERE incident_id = ?", EvidenceHeads::head,
        incident);
    return heads.isEmpty() ? Optional.empty() : Optional.of(heads.get(0));
  }

  static Optional<Ledger> storedLedger(Connection c) throws SQLException {
    List<Ledger> rows = Jdbc.query(c, "SELECT * FROM evidence_ledger WHERE id = 1", EvidenceHeads::ledger);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  private static Optional<Incident> incidentRow(Connection c, long id) throws SQLException {
    List<Incident> rows = Jdbc.query(c, "SELECT * FROM incidents WHERE id = ?", JdbcIncidentRepository::incident, id);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  static ChainHead head(ResultSet rs) throws SQLException {
    return new ChainHead(new IncidentId(rs.getLong("incident_id")), rs.getLong("entries"), rs.getString("last_hash"),
        rs.getString("incident_mac"), rs.getString("mac"));
  }

  static Ledger ledger(ResultSet rs) throws SQLException {
    String flaws = rs.getString("flaws");
    Ledger.State state;
    try {
      state = Ledger.State.valueOf(rs.getString("state"));
    } catch (IllegalArgumentException | NullPointerException e) {
      state = Ledger.State.PENDING; // a state no Candor wrote: its MAC cannot hold, so it is made again
    }
    return new Ledger(state, rs.getLong("incidents"), rs.getLong("last_incident"), rs.getString("digest"),
        flaws == null || flaws.isEmpty() ? List.of() : List.of(flaws.split("\n")), rs.getString("mac"));
  }
}
