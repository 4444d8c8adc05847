package dev.candor.slack;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import dev.candor.followup.DueDates;
import dev.candor.followup.FollowUp;
import dev.candor.followup.FollowUpService;
import dev.candor.incident.Incident;
import dev.candor.slack.views.FollowUpMessages;
import dev.candor.slack.views.Mrkdwn;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** {@code /incident followup …} and {@code /incident followups}: each answers with what the caller should see. */
public final class FollowUpCommands {
  private final FollowUpService followUps;
  private final SlackGateway slack;
  private final SlackIncidentNotifier notifier;

  /** {@code slack} looks owners up; {@code notifier} announces in the incident channel. */
  public FollowUpCommands(FollowUpService followUps, SlackGateway slack, SlackIncidentNotifier notifier) {
    this.followUps = followUps;
    this.slack = slack;
    this.notifier = notifier;
  }

  /**
   * Adds the follow-up and announces it (after Slack was answered: the owner is looked up first);
   * returns what to tell the caller privately, or null when all went well.
   */
  String add(SlashCommandPayload p, Incident incident, IncidentCommandParser.AddFollowUp a) {
    People.Lookup owner = People.find(slack, a.owner(), IncidentCommandParser.FOLLOW_UP_EXAMPLE);
    if (owner.problem() != null) {
      return owner.problem();
    }
    ZoneId zone = zone(owner.user().getTz());
    LocalDate today = followUps.today(zone);
    LocalDate due = DueDates.parse(a.due(), today).orElseThrow();
    if (due.isBefore(today)) {
      return "That date is in the past for " + Mrkdwn.user(a.owner()) + " (their today is " + today + "). "
          + "Give a date from today on.";
    }
    FollowUp f = followUps.create(new FollowUpService.NewFollowUp(incident.id(), a.title(), a.owner(), zone, due,
        a.level(), p.getUserId()));
    notifier.announce(incident, FollowUpMessages.added(f, p.getUserId()));
    return null;
  }

  /** Drops a follow-up of this incident; returns the caller's answer, or null when it was announced. */
  String drop(SlashCommandPayload p, Incident incident, IncidentCommandParser.DropFollowUp d) {
    var f = followUps.byId(d.id()).filter(x -> x.incidentId().equals(incident.id()));
    if (f.isEmpty()) {
      return incident.id() + " has no follow-up #" + d.id() + ". The numbers are in `/incident followups`.";
    }
    var dropped = followUps.drop(d.id(), d.reason());
    if (dropped.isEmpty()) {
      return "Follow-up #" + d.id() + " is " + f.get().status().name().toLowerCase(java.util.Locale.ROOT)
          + " already.";
    }
    notifier.announce(incident, FollowUpMessages.dropped(dropped.get(), p.getUserId()));
    return null;
  }

  String list(Incident incident) {
    return FollowUpMessages.list(incident, followUps.forIncident(incident.id()), followUps.now());
  }

  private static ZoneId zone(String tz) {
    try {
      return tz == null || tz.isBlank() ? ZoneOffset.UTC : ZoneId.of(tz);
    } catch (DateTimeException e) {
      return ZoneOffset.UTC;
    }
  }
}
