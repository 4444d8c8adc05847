package dev.candor.slack.incident;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.response.Response;
import dev.candor.incident.Declaration;
import dev.candor.incident.IncidentService;
import dev.candor.incident.IncidentUpdate;
import dev.candor.incident.Severity;
import dev.candor.incident.SeverityScale;
import dev.candor.slack.platform.CommandReplies;
import dev.candor.slack.platform.Mrkdwn;
import dev.candor.slack.platform.SlackCallFailed;
import dev.candor.slack.platform.SlackGateway;
import dev.candor.slack.platform.SlackMessage;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code /incident} subcommands about the incident itself: the declare form, {@code declare}, {@code list},
 * and every change ({@code status}, {@code sev}, {@code role}, {@code resolve}…). Each answers Slack within its
 * 3 seconds and leaves slow work to the background.
 */
public final class IncidentCommands {
  private static final Logger log = LoggerFactory.getLogger(IncidentCommands.class);

  private final IncidentService incidents;
  private final SlackGateway withinAck;
  private final Declarations declarations;
  private final OpenIncidents openIncidents;
  private final ExecutorService background;
  private final IncidentChanges changes;
  private final SeverityScale scale;

  IncidentCommands(IncidentService incidents, SlackGateway withinAck, Declarations declarations,
      OpenIncidents openIncidents, ExecutorService background, SeverityScale scale) {
    this.changes = new IncidentChanges(incidents, withinAck);
    this.scale = scale;
    this.incidents = incidents;
    this.withinAck = withinAck;
    this.declarations = declarations;
    this.openIncidents = openIncidents;
    this.background = background;
  }

  /** The team's severity scale, as {@code CANDOR_SEVERITIES} gives it. */
  public SeverityScale severities() {
    return scale;
  }

  /**
   * {@code /incident} alone: the declare form. In an incident's channel it declares a new incident, in a channel of
   * its own.
   */
  public Response openForm(SlashCommandPayload p, SlashCommandContext ctx) {
    boolean fromIncident = incidents.inChannel(p.getChannelId()).isPresent();
    try {
      withinAck.call("views.open", c -> c.viewsOpen(r -> r.triggerId(p.getTriggerId())
          .view(DeclareModalView.form(p.getChannelId(), scale, p.getUserId(), "", fromIncident))));
      return ctx.ack();
    } catch (SlackCallFailed e) {
      log.warn("opening the declare form in {} failed: {}", p.getChannelId(), e.getMessage());
      return CommandReplies.ephemeral(ctx, "I couldn't open the form (" + e.error() + "). Declare directly instead: "
          + Mrkdwn.code("/incident declare <title> [sev1..sev4]"));
    }
  }

  /** {@code /incident list}: the open incidents whose channel the caller is in, privately. */
  public Response list(SlashCommandPayload p, SlashCommandContext ctx) {
    background.execute(() -> CommandReplies.privately(ctx, openIncidents.textFor(p.getUserId())));
    return ctx.ack();
  }

  /**
   * {@code /incident declare <title> [sev]}: a new channel, after Slack was answered. In an incident's channel, the
   * answer says which incident this channel is, with a button to declare a new one anyway (the form, prefilled).
   */
  public Response declare(SlashCommandPayload p, SlashCommandContext ctx, String title, Severity severity) {
    var existing = incidents.inChannel(p.getChannelId());
    if (existing.isPresent()) {
      SlackMessage answer = DeclareQuestions.alreadyIncident(existing.get(), title, severity);
      return ctx.ack(r -> r.responseType("ephemeral").text(answer.text()).blocks(answer.blocks()));
    }
    Declaration declaration = new Declaration(title, severity, "", false, p.getUserId(),
        p.getChannelId(), null, null, "command:" + p.getTriggerId());
    background.execute(() -> declarations.declare(declaration, reply(ctx)));
    return ctx.ack();
  }

  /**
   * {@code /incident declare <title> <word>}, the last word a team's word for a severity ("checkout latency high"):
   * the person is asked, privately, whether it is the severity or part of the title.
   */
  public Response askSeverity(SlashCommandPayload p, SlashCommandContext ctx, String title, String without,
      Severity severity, String word) {
    var existing = incidents.inChannel(p.getChannelId());
    if (existing.isPresent()) {
      return declare(p, ctx, title, IncidentInput.DEFAULT_SEVERITY);
    }
    SlackMessage question = DeclareQuestions.severityOrTitle(title, without, severity, word, scale);
    return ctx.ack(r -> r.responseType("ephemeral").text(question.text()).blocks(question.blocks()));
  }

  /** A change to the incident of this channel; {@code userToCheck}, a mentioned person, is looked up first. */
  public Response change(SlashCommandPayload p, SlashCommandContext ctx, IncidentUpdate update,
      Optional<String> userToCheck) {
    return changes.apply(p.getChannelId(), p.getUserId(), update, userToCheck)
        .map(refusal -> CommandReplies.ephemeral(ctx, refusal)).orElseGet(ctx::ack);
  }

  private static Declarations.Reply reply(SlashCommandContext ctx) {
    return new Declarations.Reply() {
      @Override
      public void publicly(SlackMessage message) {
        CommandReplies.publicly(ctx, message);
      }

      @Override
      public void privately(String text) {
        CommandReplies.privately(ctx, text);
      }
    };
  }
}
