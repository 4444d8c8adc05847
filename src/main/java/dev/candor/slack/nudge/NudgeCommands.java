package dev.candor.slack.nudge;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.response.Response;
import dev.candor.incident.Incident;
import dev.candor.nudge.NudgeService;
import dev.candor.slack.incident.Announcements;
import dev.candor.slack.incident.IncidentMessages;
import dev.candor.slack.platform.CommandReplies;

/** {@code /incident nudges on|off}: switches the private notes about blaming language, and says so in the channel. */
public final class NudgeCommands {
  private final NudgeService nudges;
  private final Announcements announcements;

  NudgeCommands(NudgeService nudges, Announcements announcements) {
    this.nudges = nudges;
    this.announcements = announcements;
  }

  public Response switchTo(SlashCommandPayload p, SlashCommandContext ctx, Incident incident, boolean on) {
    if (nudges.enabled(p.getChannelId()) == on) {
      return CommandReplies.ephemeral(ctx,
          "Private notes about blaming language are already " + (on ? "on" : "off") + " here.");
    }
    announcements.together(incident, () -> {
      nudges.setEnabled(p.getChannelId(), on, p.getUserId());
      return on;
    }, switched -> IncidentMessages.nudgesSwitched(p.getUserId(), switched));
    return ctx.ack();
  }
}
