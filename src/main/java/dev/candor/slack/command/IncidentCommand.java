package dev.candor.slack.command;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentService;
import dev.candor.incident.SeverityScale;
import dev.candor.slack.catchup.CatchupCommands;
import dev.candor.slack.command.IncidentCommandParser.AskSeverity;
import dev.candor.slack.command.IncidentCommandParser.Change;
import dev.candor.slack.command.IncidentCommandParser.CloseIncident;
import dev.candor.slack.command.IncidentCommandParser.Declare;
import dev.candor.slack.command.IncidentCommandParser.FollowUps;
import dev.candor.slack.command.IncidentCommandParser.Help;
import dev.candor.slack.command.IncidentCommandParser.Invalid;
import dev.candor.slack.command.IncidentCommandParser.ListOpen;
import dev.candor.slack.command.IncidentCommandParser.OpenDeclareModal;
import dev.candor.slack.command.IncidentCommandParser.OpenPostmortem;
import dev.candor.slack.command.IncidentCommandParser.PageByHand;
import dev.candor.slack.command.IncidentCommandParser.Parsed;
import dev.candor.slack.command.IncidentCommandParser.Redact;
import dev.candor.slack.command.IncidentCommandParser.SetNudges;
import dev.candor.slack.command.IncidentCommandParser.ShowCatchup;
import dev.candor.slack.command.IncidentCommandParser.ShowInsights;
import dev.candor.slack.command.IncidentCommandParser.ShowTimeline;
import dev.candor.slack.followup.FollowUpCommands;
import dev.candor.slack.home.HomeInsights;
import dev.candor.slack.incident.IncidentCommands;
import dev.candor.slack.incident.IncidentMessages;
import dev.candor.slack.nudge.NudgeCommands;
import dev.candor.slack.paging.PagingCommands;
import dev.candor.slack.platform.CommandReplies;
import dev.candor.slack.postmortem.PostmortemCommands;
import dev.candor.slack.timeline.TimelineCommands;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code /incident}: parses the text and hands what was asked to the feature it belongs to, one subcommand each.
 * Every subcommand answers Slack within its 3 seconds; slow work goes to the background.
 */
final class IncidentCommand {
  static final String NAME = "/incident";

  /** One kind of {@link Parsed}, answered. */
  private interface Subcommand<T extends Parsed> {
    Response answer(SlashCommandPayload p, SlashCommandContext ctx, T parsed);
  }

  private final IncidentCommandParser parser;
  private final Map<Class<? extends Parsed>, Subcommand<?>> subcommands = new HashMap<>();
  private final IncidentService incidents;

  IncidentCommand(IncidentService incidents, IncidentCommands incident, TimelineCommands timeline,
      NudgeCommands nudges, FollowUpCommands followUps, PostmortemCommands postmortems, HomeInsights insights,
      PagingCommands paging, CatchupCommands catchup) {
    this(incidents, incident, timeline, nudges, followUps, postmortems, insights, paging, catchup,
        SeverityScale.defaults());
  }

  /** As above, reading severities in titles and replies by the team's {@code scale}. */
  IncidentCommand(IncidentService incidents, IncidentCommands incident, TimelineCommands timeline,
      NudgeCommands nudges, FollowUpCommands followUps, PostmortemCommands postmortems, HomeInsights insights,
      PagingCommands paging, CatchupCommands catchup, SeverityScale scale) {
    this.incidents = incidents;
    this.parser = new IncidentCommandParser(scale);
    on(Invalid.class, (p, ctx, invalid) -> CommandReplies.ephemeral(ctx, invalid.message()));
    on(Help.class, (p, ctx, help) -> CommandReplies.ephemeral(ctx, HelpText.text()));
    on(OpenDeclareModal.class, (p, ctx, open) -> incident.openForm(p, ctx));
    on(ListOpen.class, (p, ctx, list) -> incident.list(p, ctx));
    on(Declare.class, (p, ctx, d) -> incident.declare(p, ctx, d.title(), d.severity()));
    on(AskSeverity.class, (p, ctx, a) -> incident.askSeverity(p, ctx, a.title(), a.without(), a.severity(), a.word()));
    on(Change.class, (p, ctx, c) -> incident.change(p, ctx, c.update(), c.userToCheck()));
    on(ShowTimeline.class, (p, ctx, show) -> timeline.show(p, ctx));
    on(ShowCatchup.class, (p, ctx, show) -> inIncident(p, ctx, i -> catchup.show(p, ctx, i)));
    on(Redact.class, (p, ctx, r) -> inIncident(p, ctx, i -> timeline.redact(p, ctx, i, r.seq(), r.reason())));
    on(SetNudges.class, (p, ctx, n) -> inIncident(p, ctx, i -> nudges.switchTo(p, ctx, i, n.on())));
    on(FollowUps.class, (p, ctx, f) -> inIncident(p, ctx, i -> followUps.handle(p, ctx, i, f.request())));
    on(OpenPostmortem.class, (p, ctx, open) -> inIncident(p, ctx, i -> postmortems.open(p, ctx, i)));
    on(CloseIncident.class, (p, ctx, close) -> postmortems.close(p, ctx));
    on(ShowInsights.class, (p, ctx, show) -> insights.answer(p, ctx));
    on(PageByHand.class, (p, ctx, pg) -> inIncident(p, ctx, i -> paging.page(p, ctx, i, pg.target(), pg.message())));
    for (Class<?> kind : Parsed.class.getPermittedSubclasses()) {
      if (!subcommands.containsKey(kind)) {
        throw new IllegalStateException("/incident has no answer for " + kind.getSimpleName());
      }
    }
  }

  private <T extends Parsed> void on(Class<T> kind, Subcommand<T> subcommand) {
    subcommands.put(kind, subcommand);
  }

  Response handle(SlashCommandRequest req, SlashCommandContext ctx) {
    SlashCommandPayload p = req.getPayload();
    return answer(p, ctx, parser.parse(p.getText()));
  }

  @SuppressWarnings("unchecked") // on() keys each subcommand by the class it takes
  private <T extends Parsed> Response answer(SlashCommandPayload p, SlashCommandContext ctx, T parsed) {
    return ((Subcommand<T>) subcommands.get(parsed.getClass())).answer(p, ctx, parsed);
  }

  /** {@code then} the incident of the command's channel; outside an incident channel, says how to get one. */
  private Response inIncident(SlashCommandPayload p, SlashCommandContext ctx, Function<Incident, Response> then) {
    return incidents.inChannel(p.getChannelId()).map(then)
        .orElseGet(() -> CommandReplies.ephemeral(ctx, IncidentMessages.NOT_AN_INCIDENT_CHANNEL));
  }
}
