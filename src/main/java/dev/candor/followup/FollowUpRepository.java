package dev.candor.followup;

import dev.candor.incident.IncidentId;
import java.util.List;
import java.util.Optional;

/** Where follow-ups are kept. */
public interface FollowUpRepository {

  FollowUp insert(FollowUp followUp);

  Optional<FollowUp> byId(long id);

  /** An incident's follow-ups, open first, then by due date. */
  List<FollowUp> forIncident(IncidentId incident);

  /** A person's open follow-ups, soonest due (so the overdue) first. */
  List<FollowUp> openFor(String owner);

  /** Every open follow-up, soonest due first (at most a few thousand). */
  List<FollowUp> open();

  /** Changes the status; false when the follow-up is not open any more. */
  boolean close(long id, FollowUp.Status status, String reason);

  /** Opens a done or dropped follow-up again, one version on; false when it was open already. */
  boolean reopen(long id);

  /**
   * Stores {@code after}'s title, owner, zone, due date and level over {@code before}, one version on;
   * false (and nothing changed) when {@code before} is not the stored version any more or not open.
   */
  boolean update(FollowUp before, FollowUp after);

  /**
   * A redaction took {@code title} out of the timeline: follow-up {@code id}'s title, while it still reads so,
   * becomes {@code replacement} (its version stays: nothing about it changed but the words). False when it did
   * not read so.
   */
  boolean redactTitle(long id, String title, String replacement);

  /** {@link #redactTitle}, for the reason follow-up {@code id} was dropped for. */
  boolean redactDropReason(long id, String reason, String replacement);
}
