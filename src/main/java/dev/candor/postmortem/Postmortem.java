package dev.candor.postmortem;

import dev.candor.incident.IncidentId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The post-mortem of one incident as it stands: the decision, the meeting once scheduled, the reminders
 * Slack holds for it, and the document once opened.
 *
 * @param sequence how many times the meeting was scheduled; its invite's SEQUENCE is {@code sequence - 1}
 * @param reminders the ids of the messages scheduled in the channel for the current meeting
 * @param remindAt when someone's "Remind me tomorrow" is due, if they asked
 * @param invited the {@code sequence} of the last meeting whose invite was shared (0: none yet)
 */
public record Postmortem(
    IncidentId incidentId,
    Decision decision,
    String decidedBy,
    Instant decidedAt,
    String reason,
    Meeting meeting,
    int sequence,
    List<String> reminders,
    Document document,
    Instant remindAt,
    int invited,
    long version) {

  public Postmortem {
    Objects.requireNonNull(incidentId, "incidentId");
    Objects.requireNonNull(decision, "decision");
    reminders = List.copyOf(reminders);
  }

  /** Where the draft lives: a channel canvas or a Markdown file in the channel. */
  public record Document(Kind kind, String id, String link) {
    public enum Kind {
      /** The channel canvas Candor made with the draft. */
      CANVAS,
      /** A canvas the channel already had: linked to, not overwritten; the draft went in as a file beside it. */
      EXISTING_CANVAS,
      /** A Markdown file in the channel, where channel canvases are not available. */
      FILE
    }
  }

  /** Nothing decided, nothing scheduled. */
  public static Postmortem pending(IncidentId id) {
    return new Postmortem(id, Decision.PENDING, null, null, null, null, 0, List.of(), null, null, 0, 0);
  }

  public Optional<Meeting> scheduledMeeting() {
    return Optional.ofNullable(meeting);
  }

  public Optional<Document> openedDocument() {
    return Optional.ofNullable(document);
  }

  /** Held means its meeting has ended by {@code now}. */
  public boolean heldBy(Instant now) {
    return meeting != null && !meeting.start().toInstant().plus(meeting.length()).isAfter(now);
  }

  /** Settled: held, or decided not needed. Closing an unsettled incident asks for confirmation. */
  public boolean settledBy(Instant now) {
    return decision == Decision.NOT_NEEDED || heldBy(now);
  }

  public Postmortem notNeeded(String by, Instant at, String why) {
    return new Postmortem(incidentId, Decision.NOT_NEEDED, by, at, why, meeting, sequence, reminders, document, remindAt,
        invited, version);
  }

  public Postmortem scheduled(String by, Instant at, Meeting m) {
    return new Postmortem(incidentId, Decision.SCHEDULED, by, at, null, m, sequence + 1, reminders, document,
        remindAt, invited, version);
  }

  public Postmortem withReminders(List<String> ids) {
    return new Postmortem(incidentId, decision, decidedBy, decidedAt, reason, meeting, sequence, ids, document, remindAt,
        invited, version);
  }

  public Postmortem withDocument(Document d) {
    return new Postmortem(incidentId, decision, decidedBy, decidedAt, reason, meeting, sequence, reminders, d, remindAt,
        invited, version);
  }

  /** The invite of meeting number {@code seq} was shared. */
  public Postmortem invitedTo(int seq) {
    return new Postmortem(incidentId, decision, decidedBy, decidedAt, reason, meeting, sequence, reminders, document,
        remindAt, seq, version);
  }

  /** Someone asked to be prompted again at {@code at}. */
  public Postmortem remindingAt(Instant at) {
    return new Postmortem(incidentId, decision, decidedBy, decidedAt, reason, meeting, sequence, reminders, document, at,
        invited, version);
  }
}
