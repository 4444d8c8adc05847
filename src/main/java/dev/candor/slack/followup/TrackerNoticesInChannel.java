package dev.candor.slack.followup;

import dev.candor.followup.FollowUp;
import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentRepository;
import dev.candor.slack.incident.Announcements;
import dev.candor.slack.platform.Mrkdwn;
import dev.candor.slack.platform.SlackMessage;
import dev.candor.trackers.TrackerIssue;
import dev.candor.trackers.TrackerNotices;
import java.util.List;

/** What the tracker did with a follow-up, said in the incident channel after the announcements before it. */
public final class TrackerNoticesInChannel implements TrackerNotices {
  private final IncidentRepository incidents;
  private final Announcements announcements;

  public TrackerNoticesInChannel(IncidentRepository incidents, Announcements announcements) {
    this.incidents = incidents;
    this.announcements = announcements;
  }

  @Override
  public void say(IncidentId incident, String words) {
    post(incident, Mrkdwn.escape(words));
  }

  @Override
  public void issueMade(FollowUp f, String trackerName, TrackerIssue issue) {
    post(f.incidentId(), ":link: Follow-up #" + f.id() + " " + FollowUpMessages.line(f) + " is "
        + Mrkdwn.escape(trackerName) + " issue " + FollowUpMessages.issueLink(issue) + ".");
  }

  private void post(IncidentId incident, String mrkdwn) {
    incidents.byId(incident).ifPresent(i -> announcements.post(i, new SlackMessage(mrkdwn,
        List.of(Mrkdwn.section(mrkdwn)))));
  }
}
