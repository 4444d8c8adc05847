package dev.candor.slack;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import dev.candor.followup.FollowUpService;
import dev.candor.incident.Incident;
import dev.candor.slack.views.FollowUpMessages;

/** {@code /incident followup …} and {@code /incident followups}: each answers with what the caller should see. */
public final class FollowUpCommands {
  private final FollowUpService followUps;
  private final SlackGateway slack;
  private final FollowUpAddForm form;
  private final PrivateChannels members;

  /** {@code slack} looks owners up; {@code form} is the modal. Changes are announced as the service makes them. */
  public FollowUpCommands(FollowUpService followUps, SlackGateway slack, FollowUpAddForm form) {
    this.followUps = followUps;
    this.slack = slack;
    this.form = form;
    this.members = new PrivateChannels(slack);
  }

  /**
   * Adds the follow-up, which is announced (after Slack was answered: the owner is looked up first);
   * returns what to tell the caller privately, or null when all went well.
   */
  String add(SlashCommandPayload p, Incident incident, IncidentCommandParser.AddFollowUp a) {
    FollowUpInputs.Owner owner = FollowUpInputs.owner(slack, a.owner(), IncidentCommandParser.FOLLOW_UP_EXAMPLE);
    if (owner.problem() != null) {
      return owner.problem();
    }
    String outside = members.ownerProblem(incident, a.owner());
    if (outside != null) {
      return outside;
    }
    FollowUpInputs.Due due = FollowUpInputs.due(a.due(), null, followUps.today(owner.zone()), a.owner(), null);
    if (due.problem() != null) {
      return due.problem();
    }
    followUps.create(new FollowUpService.NewFollowUp(incident.id(), a.title(), a.owner(), owner.zone(),
        due.date(), a.level(), p.getUserId()));
    return null;
  }

  /** {@code /incident followup} alone: opens the form; returns what to tell the caller when it cannot. */
  String openForm(SlashCommandPayload p, Incident incident) {
    return form.open(p.getTriggerId(), incident);
  }

  /** Drops a follow-up of this incident; returns the caller's answer, or null when it was announced. */
  String drop(SlashCommandPayload p, Incident incident, IncidentCommandParser.DropFollowUp d) {
    var f = followUps.byId(d.id()).filter(x -> x.incidentId().equals(incident.id()));
    if (f.isEmpty()) {
      return incident.id() + " has no follow-up #" + d.id() + ". The numbers are in `/incident followups`.";
    }
    var dropped = followUps.drop(d.id(), p.getUserId(), d.reason());
    if (dropped.isEmpty()) {
      return "Follow-up #" + d.id() + " is " + f.get().status().name().toLowerCase(java.util.Locale.ROOT)
          + " already.";
    }
    return null;
  }

  String list(Incident incident) {
    return FollowUpMessages.list(incident, followUps.forIncident(incident.id()), followUps.now());
  }
}
