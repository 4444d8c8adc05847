package dev.candor.slack.followup;

import com.slack.api.bolt.request.builtin.BlockActionRequest;
import dev.candor.followup.FollowUp;
import dev.candor.followup.FollowUpService;
import dev.candor.incident.IncidentRepository;
import dev.candor.slack.platform.Mrkdwn;
import dev.candor.slack.platform.PrivateChannels;
import dev.candor.slack.platform.SlackCallFailed;

/**
 * Which follow-up a button names, and whether the person clicking may use it. Only its owner's clicks count
 * ([Done], [Snooze a week], [Edit], [Reassign]), and of a private incident's follow-up only while they are in its
 * channel (asked of Slack at the click); anyone else — say its former owner, clicking the buttons of a DM
 * from before it was handed on — is told why nothing happened.
 */
final class FollowUpClicks {
  static final String MISSING = "I can't find that follow-up any more; nothing was changed.";

  private final FollowUpService followUps;
  private final IncidentRepository incidents;
  private final PrivateChannels members;

  /** {@code members} decides whether a non-owner may hear who owns a private incident's follow-up now. */
  FollowUpClicks(FollowUpService followUps, IncidentRepository incidents, PrivateChannels members) {
    this.followUps = followUps;
    this.incidents = incidents;
    this.members = members;
  }

  /** What a click came to. */
  sealed interface Click {}

  /** The clicker owns {@code followUp}. */
  record Owned(FollowUp followUp) implements Click {}

  /** The click changes nothing; {@code why} is for the clicker only. */
  record Refused(String why) implements Click {}

  Click of(BlockActionRequest req) {
    var p = req.getPayload();
    if (p.getActions() == null || p.getActions().isEmpty() || p.getUser() == null) {
      return new Refused(MISSING);
    }
    long id;
    try {
      id = Long.parseLong(p.getActions().get(0).getValue());
    } catch (NumberFormatException e) {
      return new Refused(MISSING);
    }
    var found = followUps.byId(id);
    if (found.isEmpty()) {
      return new Refused(MISSING);
    }
    FollowUp f = found.get();
    String user = p.getUser().getId();
    if (f.owner().equals(user)) {
      String outside = outsideChannel(f, user);
      return outside == null ? new Owned(f) : new Refused(outside);
    }
    return new Refused(f.isOpen() ? notYours(f, user) : FollowUpMessages.notOpen(f));
  }

  /**
   * Null when {@code user} may change {@code f}; else why not: its incident is private and they are not (or no
   * longer) in its channel — an owner who left keeps no say over it through an old DM, form or App Home.
   */
  String outsideChannel(FollowUp f, String user) {
    try {
      if (incidents.byId(f.incidentId()).map(i -> members.mayHear(i, user)).orElse(false)) {
        return null;
      }
    } catch (SlackCallFailed e) {
      return "I couldn't check that you are still in this follow-up's channel (Slack answered `" + e.error()
          + "`). Nothing was changed; try again in a moment.";
    }
    return LEFT_CHANNEL;
  }

  static final String LEFT_CHANNEL = "You aren't in this follow-up's private incident channel any more, so you can't "
      + "change it from here. Nothing was changed; ask to be added back, or someone in the channel can hand it on.";

  /**
   * Says who owns it now, and that only they can change it — except to someone outside a private incident's
   * channel, who hears nothing more of it than they already knew.
   */
  private String notYours(FollowUp f, String user) {
    boolean mayHear;
    try {
      mayHear = incidents.byId(f.incidentId()).map(i -> members.mayHear(i, user)).orElse(false);
    } catch (SlackCallFailed e) {
      mayHear = false;
    }
    if (!mayHear) {
      return "This follow-up isn't yours any more, so its buttons don't change it for you. Nothing was changed.";
    }
    return "Follow-up #" + f.id() + " (*" + Mrkdwn.words(Mrkdwn.clip(f.title(), 200)) + "*) belongs to "
        + Mrkdwn.user(f.owner()) + " now, so only they can mark it done, snooze, edit or hand it on. "
        + "Nothing was changed.";
  }
}
