package dev.candor.timeline;

import java.time.Instant;
import java.util.List;

/**
 * Every incoming Slack event, kept by its {@code event_id} before Slack is answered, so nothing
 * acknowledged can be lost; processed into timelines afterwards. The inbox keeps no evidence of its own: what it
 * is given is already masked ({@link StorableEvent}), once an event is processed its body is gone, and only its id
 * and times stay, for as long as a redelivery may come.
 */
public interface EventInbox {

  /**
   * Stores an event durably; false when an event with this id was stored before (a redelivery). Throws {@link Full}
   * when as many events as the inbox may hold in memory already wait for the database.
   */
  boolean accept(String eventId, int retryNum, String body, Instant receivedAt);

  /**
   * Claims up to {@code limit} events not yet processed, oldest first, for this inbox's processor, and answers them:
   * each event is handed to one processor at a time, however many replicas share the inbox. Events this processor
   * claimed before and has not marked processed are among them (their claim renewed); an event another processor
   * claimed is left to it until that claim's lease has run out at {@code now} (the processor died, or is stuck).
   */
  List<Pending> claim(int limit, Instant now);

  /** Marks events done, together, and drops their bodies: what mattered of them is in a timeline now. */
  void markProcessed(List<Long> seqs, Instant at);

  /** Forgets processed events received before {@code before} (their ids, kept against redeliveries); how many. */
  int forgetProcessedBefore(Instant before);

  record Pending(long seq, String eventId, String body, Instant receivedAt) {}

  /** No room for one more event waiting to be stored: Slack is to deliver it again later. */
  final class Full extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Full(String message) {
      super(message);
    }
  }
}
