package dev.candor.followup;

/**
 * Keeps each follow-up change in the incident's record (its timeline, in production), in the same unit
 * of work as the change itself.
 */
@FunctionalInterface
public interface FollowUpJournal {
  void record(FollowUpChange change);

  /** Keeps nothing: for tests of other things. */
  static FollowUpJournal none() {
    return change -> { };
  }
}
