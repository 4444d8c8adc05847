package dev.candor.slack.followup;

import dev.candor.followup.FollowUpChange;
import dev.candor.followup.FollowUpJournal;
import dev.candor.incident.IncidentRepository;
import dev.candor.slack.incident.Announcements;
import dev.candor.slack.platform.SlackMessage;

/**
 * Announces follow-up changes in the incident channel — added, edited, reassigned, dropped; marking one done
 * is between its owner and Candor — in the unit of work that makes the change, as its journal.
 */
public final class FollowUpAnnouncements implements FollowUpJournal {
  private final IncidentRepository incidents;
  private final Announcements announcements;

  public FollowUpAnnouncements(IncidentRepository incidents, Announcements announcements) {
    this.incidents = incidents;
    this.announcements = announcements;
  }

  @Override
  public void record(FollowUpChange change) {
    SlackMessage says = switch (change.kind()) {
      case ADDED -> FollowUpMessages.added(change.after(), change.actor());
      case EDITED -> FollowUpMessages.edited(change.before(), change.after(), change.actor());
      case REASSIGNED -> FollowUpMessages.reassigned(change.before(), change.after(), change.actor());
      case DROPPED -> FollowUpMessages.dropped(change.after(), change.actor());
      case REOPENED -> FollowUpMessages.reopened(change.after(), change.actor());
      case DONE -> null;
    };
    if (says != null) {
      incidents.byId(change.after().incidentId()).ifPresent(i -> announcements.post(i, about(change.after().id(),
          change.after().version()), says));
    }
  }

  /** What the announcement of version {@code version} of follow-up {@code id} is about, for its job's key. */
  static String about(long id, long version) {
    return "fu" + id + "v" + version;
  }
}
