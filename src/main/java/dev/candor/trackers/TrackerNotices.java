package dev.candor.trackers;

import dev.candor.followup.FollowUp;
import dev.candor.incident.IncidentId;

/** Where what the tracker did or refused is said: the incident's channel, in production. */
public interface TrackerNotices {
  /** {@code words}: plain words, escaped where they are shown. */
  void say(IncidentId incident, String words);

  /** Follow-up {@code f} is now issue {@code issue} of the tracker called {@code trackerName}. */
  void issueMade(FollowUp f, String trackerName, TrackerIssue issue);
}
