package dev.candor.timeline;

import dev.candor.incident.Incident;
import dev.candor.incident.IncidentId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What {@code candor verify} checks beyond each chain's links: each incident's head (entries cut off the end, the
 * head put back as an older copy), its incident row, the order columns, and the ledger over every head (an
 * incident removed whole, entries whose incident row is gone). One line per problem; "intact" only when an
 * incident's every check holds.
 */
public final class EvidenceAudit {
  private static final int NAMED = 5;
  private final HashChain chain;

  public EvidenceAudit(HashChain chain) {
    this.chain = chain;
  }

  /** One line of the report, and whether it is a problem. */
  public record Line(String text, boolean problem) {}

  /**
   * Audits every incident, or only {@code only}: {@code chains} checks one incident's chain (read one entry at a
   * time); the ledger's own checks are made when every incident is audited.
   */
  public List<Line> audit(EvidenceRecords records, Function<IncidentId, HashChain.Check> chains,
      Optional<IncidentId> only) {
    List<Line> lines = new ArrayList<>();
    Optional<Ledger> ledger = records.ledger();
    boolean established = ledger.isPresent() && ledger.get().state() == Ledger.State.ESTABLISHED;
    Map<IncidentId, ChainHead> heads = records.heads();
    Map<IncidentId, Incident> rows = records.incidents();
    Map<IncidentId, EvidenceRecords.Entries> entries = records.entries();
    TreeSet<Long> ids = new TreeSet<>();
    heads.keySet().forEach(id -> ids.add(id.value()));
    rows.keySet().forEach(id -> ids.add(id.value()));
    entries.keySet().forEach(id -> ids.add(id.value()));
    if (only.isEmpty()) {
      ledgerLines(ledger, heads, ids, lines);
    } else {
      ids.retainAll(List.of(only.get().value()));
      if (ids.isEmpty() && established && ledger.get().lastIncident() >= only.get().value() && chain.holds(ledger.get())) {
        lines.add(new Line(only.get() + ": incident missing (its row, head and entries are gone)", true));
      }
    }
    for (long id : ids) {
      IncidentId incident = new IncidentId(id);
      incidentLines(incident, rows.get(incident), heads.get(incident), entries.get(incident), established,
          records, chains, lines);
    }
    return lines;
  }

  private void ledgerLines(Optional<Ledger> ledger, Map<IncidentId, ChainHead> heads, TreeSet<Long> ids,
      List<Line> lines) {
    if (ledger.isEmpty()) {
      lines.add(new Line("the evidence ledger is missing (deleted by hand?): an incident removed whole cannot be "
          + "ruled out", true));
      return;
    }
    Ledger l = ledger.get();
    if (l.state() == Ledger.State.PENDING) {
      lines.add(new Line("the chains' heads are not established yet (candor serve establishes them when it starts):"
          + " entries cut off the end of a timeline and incidents removed whole cannot be ruled out", true));
      return;
    }
    if (!chain.holds(l)) {
      lines.add(new Line("the evidence ledger was altered: an incident removed whole cannot be ruled out", true));
      return;
    }
    l.flaws().forEach(flaw -> lines.add(new Line(flaw, true)));
    String digest = HashChain.NO_HEADS;
    long holding = 0;
    for (ChainHead h : heads.values()) {
      if (chain.holds(h)) {
        digest = HashChain.xor(digest, h.mac());
        holding++;
      }
    }
    if (digest.equals(l.digest()) && holding == l.incidents()) {
      return;
    }
    long missing = l.incidents() - ids.size();
    List<Long> gone = new ArrayList<>();
    for (long id = 1; id <= l.lastIncident() && missing > 0; id++) {
      if (!ids.contains(id)) {
        gone.add(id);
      }
    }
    if (missing > 0 && !gone.isEmpty()) {
      gone.stream().limit(NAMED).forEach(id ->
          lines.add(new Line(new IncidentId(id) + ": incident missing (its row, head and entries are gone)", true)));
      if (gone.size() > NAMED) {
        lines.add(new Line((gone.size() - NAMED) + " more incidents are missing: " + gone.stream().skip(NAMED)
            .map(id -> new IncidentId(id).toString()).collect(Collectors.joining(", ")), true));
      }
    } else if (missing > 0) {
      lines.add(new Line(missing + " incident(s) the ledger records are missing (row, head and entries)", true));
    } else if (holding == heads.size() && heads.size() == ids.size()) {
      // every head holds and every incident has one (else its own line says so): one is an older copy
      lines.add(new Line("the incidents' heads no longer add up to the ledger: a head was put back as an older "
          + "copy, or one was removed along with its incident", true));
    }
  }

  private void incidentLines(IncidentId id, Incident row, ChainHead head, EvidenceRecords.Entries stored,
      boolean established, EvidenceRecords records, Function<IncidentId, HashChain.Check> chains,
      List<Line> lines) {
    List<String> problems = new ArrayList<>();
    long count = stored == null ? 0 : stored.count();
    String channel = row != null ? row.channelId() : stored != null ? stored.channelId() : null;
    if (row == null) {
      problems.add("incident row missing (deleted by hand)");
      if (count > 0) {
        problems.add(count + (count == 1 ? " orphan entry: its" : " orphan entries: their") + " incident row is gone");
      }
    }
    boolean headHolds = head != null && chain.holds(head);
    if (head == null && established) {
      problems.add("its head record is missing (deleted by hand?)");
    } else if (head != null && !headHolds) {
      problems.add("its head record was altered");
    } else if (headHolds && row != null && !chain.incidentMac(row).equals(head.incidentMac())) {
      problems.add("incident row altered: its title, summary, severity, state, roles, privacy or times are not "
          + "what Candor wrote");
    }
    HashChain.Check check = count == 0 && row == null ? new HashChain.Intact(0) : chains.apply(id);
    long intact = -1;
    if (check instanceof HashChain.Broken broken) {
      problems.add(broken.problem());
    } else if (check instanceof HashChain.Intact ok) {
      intact = ok.entries();
      if (intact == 0 && row != null) {
        // an incident's declaration is always its entry #1: none left means they were removed
        problems.add("entry #1 was removed (no entries are left)");
      }
    }
    if (intact >= 0 && headHolds) {
      if (intact < head.entries()) {
        problems.add("truncated after entry #" + intact + ": its head records " + head.entries() + " entries");
      } else if (intact > head.entries()) {
        problems.add("it has " + intact + " entries but its head records " + head.entries()
            + ": the head was put back as an older copy");
      } else if (intact > 0 && !lastHashMatches(records, id, head)) {
        problems.add("its last entry #" + intact + " is not the one its head records");
      }
    }
    List<Long> misordered = count == 0 ? List.of() : records.misordered(id);
    if (!misordered.isEmpty()) {
      problems.add("reordered: the time entry " + misordered.stream().limit(NAMED).map(s -> "#" + s)
          .collect(Collectors.joining(", ")) + (misordered.size() > NAMED ? " and " + (misordered.size() - NAMED)
          + " more" : "") + " is sorted by no longer matches the time it was recorded with");
    }
    if (problems.isEmpty()) {
      lines.add(new Line(id + ": intact (" + intact + (intact == 1 ? " entry)" : " entries)"), false));
      return;
    }
    String where = channel == null ? "" : " [channel " + channel + "]";
    problems.forEach(p -> lines.add(new Line(id + ": " + p + where, true)));
  }

  private static boolean lastHashMatches(EvidenceRecords records, IncidentId id, ChainHead head) {
    return records.lastHash(id).map(head.lastHash()::equals).orElse(false);
  }
}
