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
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /incident followup …} and {@code /incident followups}: each answers with what the caller should see. */
public final class FollowUpCommands {
  private static final Logger log = LoggerFactory.getLogger(FollowUpCommands.class);
  private final FollowUpService followUps;
  private final SlackGateway slack;
  private final ExecutorService background;

  public FollowUpCommands(FollowUpService followUps, SlackGateway slack, ExecutorService background) {
    this.followUps = followUps;
    this.slack = slack;
    this.background = background;
  }

  /**
   * Adds the follow-up and announces it (after Slack was answered: the owner is looked up first);
   * returns what to tell the caller privately, or null when all went well.
   */
  String add(SlashCommandPayload p, Incident incident, IncidentCommandParser.AddFollowUp a) {
    ZoneId zone;
    try {
      var info = slack.call("users.info", c -> c.usersInfo(r -> r.user(a.owner())));
      if (info.getUser() == null || info.getUser().isDeleted()) {
        return "I can't give a follow-up to someone who isn't an active member here. Pick the owner from Slack's @ menu.";
      }
      zone = zone(info.getUser().getTz());
    } catch (SlackCallFailed e) {
      return "user_not_found".equals(e.error())
          ? "I can't find that person in this workspace. Pick the owner from Slack's @ menu."
          : "I couldn't look the owner up (Slack answered `" + e.error() + "`). Try again in a moment.";
    }
    LocalDate today = followUps.today(zone);
    LocalDate due = DueDates.parse(a.due(), today).orElseThrow();
    if (due.isBefore(today)) {
      return "That date is in the past for " + Mrkdwn.user(a.owner()) + " (their today is " + today + "). "
          + "Give a date from today on.";
    }
    FollowUp f = followUps.create(new FollowUpService.NewFollowUp(incident.id(), a.title(), a.owner(), zone, due,
        a.level(), p.getUserId()));
    announce(incident, FollowUpMessages.added(f, p.getUserId()));
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
    announce(incident, FollowUpMessages.dropped(dropped.get(), p.getUserId()));
    return null;
  }

  private void announce(Incident incident, dev.candor.slack.views.SlackMessage message) {
    background.execute(() -> {
      try {
        slack.call("chat.postMessage", c -> c.chatPostMessage(r -> r.channel(incident.channelId()).text(message.text())
            .blocks(message.blocks())));
      } catch (SlackCallFailed e) {
        log.warn("{}: announcing a follow-up change failed: {}", incident.id(), e.getMessage());
      }
    });
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
