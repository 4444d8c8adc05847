package dev.candor.timeline;

import dev.candor.incident.IncidentId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Where timeline entries are kept: append-only, but for redaction. */
public interface TimelineStore {

  /** Builds the entry that follows the chain's head: given the next seq and the head's hash. */
  interface Sealer {
    TimelineEntry seal(long seq, String prevHash);

    /** The chain the entry is sealed in: its key seals the incident's head too, in the same transaction. */
    HashChain chain();
  }

  /**
   * Appends the entry {@code sealer} makes at the head of {@code incident}'s chain, in one transaction,
   * unless an entry with {@code key} is already there; returns the new entry, or empty for a duplicate.
   */
  Optional<TimelineEntry> append(IncidentId incident, String key, Sealer sealer);

  /** One append of {@link #appendAll}. */
  record Append(IncidentId incident, String key, Sealer sealer) {}

  /** Appends several entries in one transaction (each skipped when its key is there already); returns the new ones. */
  List<TimelineEntry> appendAll(List<Append> appends);

  /** Every entry of an incident in recorded order ({@code seq}). */
  List<TimelineEntry> entries(IncidentId incident);

  /** The order of a {@link #scan}. */
  enum Order {
    /** The chain's: {@code seq}. */
    RECORDED,
    /** The channel's: {@code ts}, then {@code seq}. */
    SLACK
  }

  /** Hears entries one at a time; answers false to stop. */
  interface Visitor {
    boolean visit(TimelineEntry entry);
  }

  /**
   * The entries of {@code incident} whose kind is in {@code kinds}, handed to {@code visitor} one at a time
   * in {@code order} without being held together: how a timeline too long for memory is read.
   */
  void scan(IncidentId incident, Order order, Set<EntryKind> kinds, Visitor visitor);

  /** The entries of {@code incident} of kind {@code kind} at any of the Slack timestamps {@code ts}, in no set order. */
  void scanAt(IncidentId incident, EntryKind kind, Collection<String> ts, Visitor visitor);

  Optional<TimelineEntry> entry(IncidentId incident, long seq);

  /** Takes the text out of entry {@code seq} and appends the redaction entry, in one transaction. */
  Optional<TimelineEntry> redact(IncidentId incident, long seq, String key, Sealer redactionSealer);

  /** Every incident, whether or not entries are left in its timeline. */
  List<IncidentId> incidents();
}
