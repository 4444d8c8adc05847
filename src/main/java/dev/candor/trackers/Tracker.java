package dev.candor.trackers;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An issue tracker follow-ups are kept in (GitHub Issues). Each call is one or a few requests, made from a durable
 * job: a passing failure throws {@link TrackerBusy} (the job runs again after the wait asked for), a refusal
 * {@link TrackerRefused}.
 */
public interface Tracker {
  /** How it is stored ({@code github}). */
  String id();

  /** How people call it ({@code GitHub}). */
  String name();

  /** The issue whose body holds {@code marker}, if one was made: the look-up before making one again. */
  Optional<TrackerIssue> find(String marker);

  TrackerIssue create(IssueDraft draft);

  /** Makes {@code issue} read and stand as {@code draft} says. */
  void update(TrackerIssue issue, IssueDraft draft);

  /** Where issue {@code key} stands now; empty when the tracker has it no more. */
  Optional<IssueState> state(String key);

  /** The issues Candor made that changed since {@code since}, oldest change first. */
  List<IssueState> changedSince(Instant since);

  /** Where an issue stands: open or closed, who last closed or reopened it (a login, if known), and when it changed. */
  record IssueState(String key, boolean open, Optional<String> by, Instant updatedAt) {}
}
