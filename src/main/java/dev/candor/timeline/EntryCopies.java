package dev.candor.timeline;

import java.util.List;

/**
 * The other places an entry's words were kept: the change log, an announcement's job, the incident's own summary.
 * Redacting the entry takes them out of each, in the redaction's transaction.
 */
@FunctionalInterface
public interface EntryCopies {
  /** Nowhere but the timeline. */
  EntryCopies NONE = entry -> List.of();

  /**
   * Takes {@code entry}'s words out of every copy kept of them; says, for the record, what held one ("the change
   * log", "1 pending announcement"), nothing when none did.
   */
  List<String> scrub(TimelineEntry entry);

  /** These copies, then {@code others}'s: what each held, in that order. */
  default EntryCopies and(EntryCopies others) {
    return entry -> {
      List<String> where = new java.util.ArrayList<>(scrub(entry));
      where.addAll(others.scrub(entry));
      return where;
    };
  }
}
