package dev.candor.slack;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.candor.incident.Declaration;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentService;
import dev.candor.slack.IncidentCommandParser.Change;
import dev.candor.slack.IncidentCommandParser.Declare;
import dev.candor.slack.IncidentCommandParser.Help;
import dev.candor.slack.IncidentCommandParser.Invalid;
import dev.candor.slack.IncidentCommandParser.ListOpen;
import dev.candor.slack.IncidentCommandParser.OpenDeclareModal;
import dev.candor.slack.IncidentCommandParser.Parsed;
import dev.candor.slack.views.DeclareModalView;
import dev.candor.slack.views.HelpText;
import dev.candor.slack.views.IncidentMessages;
import dev.candor.slack.views.Mrkdwn;
import dev.candor.nudge.NudgeService;
import dev.candor.timeline.TimelineService;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /incident}: parses the text, answers quick things in the ack, and hands slow work (Slack
 * calls) to a background executor so Slack always has its answer within 3 seconds.
 */
public final class IncidentCommand {
  private static final Logger log = LoggerFactory.getLogger(IncidentCommand.class);
  public static final String NAME = "/incident";
  static final String NOT_AN_INCIDENT_CHANNEL = "This only works in an incident channel. Declare one with "
      + "`/incident declare <title> [sev1..sev4]`, or see yours with `/incident list`.";

  private final IncidentCommandParser parser = new IncidentCommandParser();
  private final IncidentService incidents;
  private final SlackGateway withinAck;
  private final Declarations declarations;
  private final OpenIncidents openIncidents;
  private final ExecutorService background;
  private final TimelineService timeline;
  private final TimelineModal timelineModal;
  private final Announcements announcements;
  private final NudgeService nudges;
  private final FollowUpCommands followUpCommands;
  private final PostmortemDocuments postmortemDocuments;
  private final IncidentClosing closing;

  /** {@code withinAck} makes the few Web API calls that must finish before Slack gets its answer. */
  public IncidentCommand(IncidentService incidents, SlackGateway withinAck, Declarations declarations,
      OpenIncidents openIncidents, ExecutorService background, TimelineService timeline, TimelineModal timelineModal,
      Announcements announcements, NudgeService nudges, FollowUpCommands followUpCommands,
      PostmortemDocuments postmortemDocuments, IncidentClosing closing) {
    this.incidents = incidents;
    this.withinAck = withinAck;
    this.declarations = declarations;
    this.openIncidents = openIncidents;
    this.background = background;
    this.timeline = timeline;
    this.timelineModal = timelineModal;
    this.announcements = announcements;
    this.nudges = nudges;
    this.followUpCommands = followUpCommands;
    this.postmortemDocuments = postmortemDocuments;
    this.closing = closing;
  }

  public Response handle(SlashCommandRequest req, SlashCommandContext ctx) {
    SlashCommandPayload p = req.getPayload();
    Parsed parsed = parser.parse(p.getText());
    if (parsed instanceof Invalid invalid) {
      return ephemeral(ctx, invalid.message());
    }
    if (parsed instanceof Help) {
      return ephemeral(ctx, HelpText.text());
    }
    if (parsed instanceof OpenDeclareModal) {
      return openModal(p, ctx);
    }
    if (parsed instanceof ListOpen) {
      background.execute(() -> replyPrivately(ctx, openIncidents.textFor(p.getUserId())));
      return ctx.ack();
    }
    if (parsed instanceof Declare d) {
      return declare(p, ctx, d);
    }
    if (parsed instanceof IncidentCommandParser.Redact r) {
      return redact(p, ctx, r);
    }
    if (parsed instanceof IncidentCommandParser.AddFollowUp || parsed instanceof IncidentCommandParser.ListFollowUps
        || parsed instanceof IncidentCommandParser.DropFollowUp
        || parsed instanceof IncidentCommandParser.OpenFollowUpForm) {
      var incident = incidents.inChannel(p.getChannelId());
      if (incident.isEmpty()) {
        return ephemeral(ctx, NOT_AN_INCIDENT_CHANNEL);
      }
      if (parsed instanceof IncidentCommandParser.OpenFollowUpForm) {
        String problem = followUpCommands.openForm(p, incident.get());
        return problem == null ? ctx.ack() : ephemeral(ctx, problem);
      }
      if (parsed instanceof IncidentCommandParser.AddFollowUp a) {
        // looking the owner up and storing take Slack and database time: answer Slack first
        background.execute(() -> {
          String problem = followUpCommands.add(p, incident.get(), a);
          if (problem != null) {
            replyPrivately(ctx, problem);
          }
        });
        return ctx.ack();
      }
      String answer;
      if (parsed instanceof IncidentCommandParser.DropFollowUp d) {
        answer = followUpCommands.drop(p, incident.get(), d);
      } else {
        answer = followUpCommands.list(incident.get());
      }
      return answer == null ? ctx.ack() : ephemeral(ctx, answer);
    }
    if (parsed instanceof IncidentCommandParser.SetNudges n) {
      return switchNudges(p, ctx, n.on());
    }
    if (parsed instanceof IncidentCommandParser.OpenPostmortem) {
      var incident = incidents.inChannel(p.getChannelId());
      if (incident.isEmpty()) {
        return ephemeral(ctx, NOT_AN_INCIDENT_CHANNEL);
      }
      background.execute(() -> postmortemDocuments.open(incident.get(), p.getUserId(), text -> replyPrivately(ctx, text)));
      return ctx.ack();
    }
    if (parsed instanceof IncidentCommandParser.CloseIncident) {
      return closing.command(p.getChannelId(), p.getUserId(), ctx);
    }
    if (parsed instanceof IncidentCommandParser.ShowTimeline) {
      return timelineModal.open(p.getChannelId(), p.getTriggerId())
          .map(problem -> ephemeral(ctx, problem)).orElseGet(ctx::ack);
    }
    return change(p, ctx, (Change) parsed);
  }

  private Response openModal(SlashCommandPayload p, SlashCommandContext ctx) {
    var existing = incidents.inChannel(p.getChannelId());
    if (existing.isPresent()) {
      return ephemeral(ctx, alreadyIncident(existing.get()));
    }
    try {
      withinAck.call("views.open", c -> c.viewsOpen(r -> r.triggerId(p.getTriggerId())
          .view(DeclareModalView.form(p.getChannelId()))));
      return ctx.ack();
    } catch (SlackCallFailed e) {
      log.warn("opening the declare form in {} failed: {}", p.getChannelId(), e.getMessage());
      return ephemeral(ctx, "I couldn't open the form (" + e.error() + "). Declare directly instead: "
          + "`/incident declare <title> [sev1..sev4]`");
    }
  }

  private Response declare(SlashCommandPayload p, SlashCommandContext ctx, Declare d) {
    var existing = incidents.inChannel(p.getChannelId());
    if (existing.isPresent()) {
      return ephemeral(ctx, alreadyIncident(existing.get()));
    }
    Declaration declaration = new Declaration(d.title(), d.severity(), "", false, p.getUserId(),
        p.getChannelId(), null, null, "command:" + p.getTriggerId());
    background.execute(() -> declarations.declare(declaration, reply(ctx)));
    return ctx.ack();
  }

  private Response change(SlashCommandPayload p, SlashCommandContext ctx, Change change) {
    if (incidents.inChannel(p.getChannelId()).isEmpty()) {
      return ephemeral(ctx, NOT_AN_INCIDENT_CHANNEL);
    }
    if (change.userToCheck().isPresent()) {
      String problem = People.find(withinAck, change.userToCheck().get(), "`/incident role commander @alex`.").problem();
      if (problem != null) {
        return ephemeral(ctx, problem);
      }
    }
    var result = incidents.update(p.getChannelId(), p.getUserId(), change.update());
    if (result instanceof IncidentService.Rejected r) {
      return ephemeral(ctx, r.reason());
    }
    if (result instanceof IncidentService.NoIncident) {
      return ephemeral(ctx, "This channel is not an incident channel any more.");
    }
    return ctx.ack();
  }

  /** An ack only the caller sees. */
  private static Response ephemeral(SlashCommandContext ctx, String text) {
    return ctx.ack(r -> r.responseType("ephemeral").text(text));
  }

  private Response redact(SlashCommandPayload p, SlashCommandContext ctx, IncidentCommandParser.Redact r) {
    var incident = incidents.inChannel(p.getChannelId());
    if (incident.isEmpty()) {
      return ephemeral(ctx, NOT_AN_INCIDENT_CHANNEL);
    }
    String commander = incident.get().roles().commander();
    if (!p.getUserId().equals(commander)) {
      return ephemeral(ctx, "Only the commander (" + Mrkdwn.user(commander) + ") can redact timeline entries. "
          + "Ask them, or take the role with `/incident role commander @you`.");
    }
    var result = announcements.together(incident.get(),
        () -> timeline.redact(incident.get().id(), incident.get().channelId(), r.seq(), p.getUserId(), r.reason()),
        done -> done instanceof TimelineService.Redacted ? IncidentMessages.redacted(r.seq(), p.getUserId(), r.reason())
            : null);
    if (result instanceof TimelineService.NoSuchEntry) {
      return ephemeral(ctx, incident.get().id() + " has no timeline entry #" + r.seq()
          + ". The numbers are shown in `/incident timeline`.");
    }
    if (result instanceof TimelineService.AlreadyRedacted) {
      return ephemeral(ctx, "Entry #" + r.seq() + " is redacted already.");
    }
    return ephemeral(ctx, "Entry #" + r.seq() + " of " + incident.get().id() + " is redacted: its content is gone, "
        + "its fingerprint stays, and the record says who, when and why.");
  }

  private Response switchNudges(SlashCommandPayload p, SlashCommandContext ctx, boolean on) {
    var incident = incidents.inChannel(p.getChannelId());
    if (incident.isEmpty()) {
      return ephemeral(ctx, NOT_AN_INCIDENT_CHANNEL);
    }
    if (nudges.enabled(p.getChannelId()) == on) {
      return ephemeral(ctx, "Private notes about blaming language are already " + (on ? "on" : "off") + " here.");
    }
    announcements.together(incident.get(), () -> {
      nudges.setEnabled(p.getChannelId(), on, p.getUserId());
      return on;
    }, switched -> IncidentMessages.nudgesSwitched(p.getUserId(), switched));
    return ctx.ack();
  }

  static String alreadyIncident(Incident incident) {
    return "This channel already is " + incident.id() + " (" + incident.state().word() + "). "
        + "Update it with `/incident status <update>`, or declare a new incident from another channel.";
  }

  private static Declarations.Reply reply(SlashCommandContext ctx) {
    return new Declarations.Reply() {
      @Override
      public void publicly(dev.candor.slack.views.SlackMessage message) {
        respond(ctx, "in_channel", message);
      }

      @Override
      public void privately(String text) {
        replyPrivately(ctx, text);
      }
    };
  }

  private static void replyPrivately(SlashCommandContext ctx, String text) {
    respond(ctx, "ephemeral", new dev.candor.slack.views.SlackMessage(text, java.util.List.of()));
  }

  private static void respond(SlashCommandContext ctx, String type, dev.candor.slack.views.SlackMessage message) {
    try {
      var r = ctx.respond(b -> b.responseType(type).text(message.text())
          .blocks(message.blocks().isEmpty() ? null : message.blocks()));
      if (r.getCode() != 200) {
        log.warn("response_url answered HTTP {}", r.getCode());
      }
    } catch (java.io.IOException | RuntimeException e) {
      log.warn("response_url could not be reached: {}", e.getMessage());
    }
  }
}
