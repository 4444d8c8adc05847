package dev.candor.followup;

/**
 * Keeps each follow-up change in the incident's record (its timeline, in production), in the same unit
 * of work as the change itself.
 */
@FunctionalInterface
public interface FollowUpJournal {
  void record(FollowUpChange change);

  /** This journal, then {@code next}, in the same unit of work. */
  default FollowUpJournal andThen(FollowUpJournal next) {
    return change -> {
      record(change);
      next.record(change);
    };
  }

  /** Keeps nothing: for tests of other things. */
  static FollowUpJournal none() {
    return change -> { };
  }
}
