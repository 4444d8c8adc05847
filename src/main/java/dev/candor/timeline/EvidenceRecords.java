package dev.candor.timeline;

import dev.candor.incident.Incident;
import dev.candor.incident.IncidentId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** What {@link EvidenceAudit} reads from the store, as stored: nothing here is trusted before it is checked. */
public interface EvidenceRecords {

  /** Runs {@code read} on one snapshot of the store, so what it reads was all there at one moment. */
  <T> T consistently(Supplier<T> read);

  /** The ledger over every head; empty when its row is gone. */
  Optional<Ledger> ledger();

  /** Every head stored, by incident. */
  Map<IncidentId, ChainHead> heads();

  /** Every incident row, by id. */
  Map<IncidentId, Incident> incidents();

  /** How many entries there are and in which channel, for every incident id the entries name (rows or not). */
  Map<IncidentId, Entries> entries();

  /** How many timeline entries an incident id has, and the channel they were recorded in. */
  record Entries(long count, String channelId) {}

  /** The hash of {@code incident}'s entry of the highest seq, if it has any. */
  Optional<String> lastHash(IncidentId incident);

  /**
   * The entries of {@code incident}, by seq, whose order columns no longer say what their sealed fields say (the
   * time Slack order sorts by no longer being their {@code ts}): moved in the export by hand.
   */
  List<Long> misordered(IncidentId incident);
}
