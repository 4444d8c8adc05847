package dev.candor.timeline;

import java.time.Instant;
import java.util.List;

/**
 * Every incoming Slack event, kept by its {@code event_id} before Slack is answered, so nothing
 * acknowledged can be lost; processed into timelines afterwards.
 */
public interface EventInbox {

  /** Stores an event durably; false when an event with this id was stored before (a redelivery). */
  boolean accept(String eventId, int retryNum, String body, Instant receivedAt);

  /** Events not yet processed, oldest first. */
  List<Pending> pending(int limit);

  /** Marks events done, together. */
  void markProcessed(List<Long> seqs, Instant at);

  record Pending(long seq, String eventId, String body) {}
}
