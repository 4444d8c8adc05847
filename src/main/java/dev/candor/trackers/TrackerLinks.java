package dev.candor.trackers;

import java.time.Instant;
import java.util.Optional;

/** Which issue each follow-up is (table {@code tracker_issues}). */
public interface TrackerLinks {
  Optional<TrackerIssue> of(long followUp);

  /** Remembers that {@code followUp} is {@code issue}; a second link of the same follow-up changes nothing. */
  void link(long followUp, TrackerIssue issue, Instant at);

  /** The follow-up that is issue {@code key} of {@code tracker}. */
  Optional<Long> followUpOf(String tracker, String key);
}
