package dev.candor.slack.timeline;

import com.slack.api.model.User;
import dev.candor.incident.Custody;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentService;
import dev.candor.slack.platform.Mrkdwn;
import dev.candor.slack.platform.SlackCallFailed;
import dev.candor.slack.platform.SlackGateway;

/**
 * Who may redact an incident's timeline: the keeper of its record ({@link Custody}: the declarer, then each
 * commander the keeper handed the role to), or a workspace admin or owner (Slack's {@code users.info}), for when
 * the keeper is gone. Taking the commander role oneself does not bring it.
 */
final class Redactors {
  private final IncidentService incidents;
  private final SlackGateway withinAck;

  Redactors(IncidentService incidents, SlackGateway withinAck) {
    this.incidents = incidents;
    this.withinAck = withinAck;
  }

  /** Null when {@code user} may redact {@code incident}'s entries; else what to tell them (who can). */
  String refusal(Incident incident, String user) {
    String keeper = Custody.keeper(incident, incidents.changes(incident.id()));
    if (user.equals(keeper)) {
      return null;
    }
    try {
      User u = withinAck.call("users.info", c -> c.usersInfo(r -> r.user(user))).getUser();
      if (u != null && (u.isAdmin() || u.isOwner())) {
        return null;
      }
    } catch (SlackCallFailed e) {
      if (!"user_not_found".equals(e.error())) {
        return "I couldn't check who you are in this workspace (Slack answered `" + e.error()
            + "`). Nothing was redacted; try again in a moment.";
      }
    }
    return "Only the commander who holds " + incident.id() + "'s record, " + Mrkdwn.user(keeper) + ", can redact its "
        + "timeline (or a workspace admin or owner). The record is held by whoever declared it, then by each commander "
        + "its holder hands the role to; taking the role with `/incident role commander` doesn't bring it. "
        + Mrkdwn.user(keeper) + " hands it on by making the next commander: `/incident role commander @them`. "
        + "Nothing was redacted.";
  }
}
