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
    long version) {

  public Postmortem {
    Objects.requireNonNull(incidentId, "incidentId");
    Objects.requireNonNull(decision, "decision");
    reminders = List.copyOf(reminders);
  }

  /** Where the draft lives: a channel canvas or a Markdown file in the channel. */
  public record Document(Kind kind, String id, String link) {
    public enum Kind {
      CANVAS,
      FILE
    }
  }

  /** Nothing decided, nothing scheduled. */
  public static Postmortem pending(IncidentId id) {
    return new Postmortem(id, Decision.PENDING, null, null, null, null, 0, List.of(), null, 0);
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
    return new Postmortem(incidentId, Decision.NOT_NEEDED, by, at, why, meeting, sequence, reminders, document, version);
  }

  public Postmortem scheduled(String by, Instant at, Meeting m) {
    return new Postmortem(incidentId, Decision.SCHEDULED, by, at, null, m, sequence + 1, List.of(), document, version);
  }

  public Postmortem withReminders(List<String> ids) {
    return new Postmortem(incidentId, decision, decidedBy, decidedAt, reason, meeting, sequence, ids, document, version);
  }

  public Postmortem withDocument(Document d) {
    return new Postmortem(incidentId, decision, decidedBy, decidedAt, reason, meeting, sequence, reminders, d, version);
  }
}
