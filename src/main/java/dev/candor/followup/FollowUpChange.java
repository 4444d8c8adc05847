package dev.candor.followup;

import java.time.Instant;
import java.util.Objects;

/**
 * One change to a follow-up, as the incident's record keeps it.
 *
 * @param before the follow-up as it was, or null when it was just added
 * @param after the follow-up as it is now (its version names this change)
 */
public record FollowUpChange(Kind kind, FollowUp before, FollowUp after, String actor, Instant at) {

  public enum Kind {
    ADDED,
    EDITED,
    REASSIGNED,
    DONE,
    DROPPED,
    /** Done or dropped, and open again: its issue was reopened in the tracker. */
    REOPENED
  }

  public FollowUpChange {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(at, "at");
    if (before == null && kind != Kind.ADDED) {
      throw new IllegalArgumentException(kind + " needs the follow-up as it was");
    }
  }
}
