package dev.candor.slack.incident;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.block.LayoutBlock;
import dev.candor.incident.Declaration;
import dev.candor.incident.Incident;
import dev.candor.incident.Severity;
import dev.candor.incident.SeverityScale;
import dev.candor.slack.platform.Mrkdwn;
import dev.candor.slack.platform.Replies;
import dev.candor.slack.platform.SlackCallFailed;
import dev.candor.slack.platform.SlackGateway;
import dev.candor.slack.platform.SlackMessage;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The private questions around declaring, and their buttons: [Declare a new incident] under "this channel already is
 * INC-n", and "is the last word the severity?" with [Declare as SEVn] [Keep it in the title]. Each button carries
 * the severity and the title ({@code SEV2|db down}).
 */
final class DeclareQuestions {
  static final String DECLARE_NEW = "declare_new_incident";
  static final String DECLARE_AS = "declare_as_severity";
  static final String KEEP_IN_TITLE = "declare_keep_in_title";
  private static final Logger log = LoggerFactory.getLogger(DeclareQuestions.class);

  private final SlackGateway withinAck;
  private final Declarations declarations;
  private final ExecutorService background;
  private final SeverityScale scale;

  DeclareQuestions(SlackGateway withinAck, Declarations declarations, ExecutorService background,
      SeverityScale scale) {
    this.withinAck = withinAck;
    this.declarations = declarations;
    this.background = background;
    this.scale = scale;
  }

  /** "This channel already is INC-n", with a button that opens the form for a new incident, prefilled. */
  static SlackMessage alreadyIncident(Incident incident, String title, Severity severity) {
    String text = IncidentMessages.alreadyIncident(incident) + " Or declare a new incident, in a channel of its own:";
    List<LayoutBlock> blocks = List.of(Mrkdwn.section(text), actions(a -> a.elements(List.of(
        button(b -> b.actionId(DECLARE_NEW).text(plainText("Declare a new incident")).value(value(severity, title)))))));
    return new SlackMessage(text, blocks);
  }

  /** Whether {@code word}, the title's last, is the severity: asked with a button for each answer. */
  static SlackMessage severityOrTitle(String title, String without, Severity severity, String word,
      SeverityScale scale) {
    String label = scale.label(severity);
    String text = "Is *" + Mrkdwn.words(word) + "* the severity of *" + Mrkdwn.words(without) + "* (that is "
        + Mrkdwn.words(label) + "), or part of the title? Nothing is declared until you choose.";
    List<LayoutBlock> blocks = List.of(Mrkdwn.section(text), actions(a -> a.elements(List.of(
        button(b -> b.actionId(DECLARE_AS).style("primary")
            .text(plainText(Mrkdwn.clip("Declare as " + label, 75))).value(value(severity, without))),
        button(b -> b.actionId(KEEP_IN_TITLE)
            .text(plainText(Mrkdwn.clip("Keep \"" + word + "\" in the title", 75)))
            .value(value(IncidentInput.DEFAULT_SEVERITY, title)))))));
    return new SlackMessage(text, blocks);
  }

  private static String value(Severity severity, String title) {
    return severity.name() + "|" + title;
  }

  /** The severity and title a button carries, or empty for a value Candor did not make. */
  private static Optional<Choice> choice(BlockActionRequest req) {
    var actions = req.getPayload().getActions();
    String value = actions == null || actions.isEmpty() ? null : actions.get(0).getValue();
    if (value == null || !value.contains("|")) {
      return Optional.empty();
    }
    String[] parts = value.split("\\|", 2);
    String title = parts[1].strip();
    if (title.isEmpty() || title.length() > IncidentInput.MAX_TITLE) {
      return Optional.empty();
    }
    return Severity.parse(parts[0]).map(s -> new Choice(s, title));
  }

  private record Choice(Severity severity, String title) {}

  /** [Declare a new incident]: the declare form, for a new incident with its own channel. */
  Response declareNew(BlockActionRequest req, ActionContext ctx) {
    var p = req.getPayload();
    Optional<Choice> choice = choice(req);
    String channel = p.getChannel() == null ? null : p.getChannel().getId();
    if (choice.isEmpty() || channel == null) {
      return ctx.ack();
    }
    try {
      withinAck.call("views.open", c -> c.viewsOpen(r -> r.triggerId(p.getTriggerId()).view(DeclareModalView.form(
          channel, scale, p.getUser().getId(), choice.get().title(), true, choice.get().severity()))));
    } catch (SlackCallFailed e) {
      log.warn("opening the declare form from {} failed: {}", channel, e.getMessage());
      Replies.later(background, ctx, r -> r.responseType("ephemeral").replaceOriginal(false).text(
          "I couldn't open the form (Slack answered `" + e.error() + "`). Type `/incident` in another channel to "
              + "declare from there."));
    }
    return ctx.ack();
  }

  /** [Declare as SEVn] or [Keep it in the title]: declares, as the command would have. */
  Response answer(BlockActionRequest req, ActionContext ctx) {
    var p = req.getPayload();
    Optional<Choice> choice = choice(req);
    String channel = p.getChannel() == null ? null : p.getChannel().getId();
    if (choice.isEmpty() || channel == null) {
      return ctx.ack();
    }
    // both buttons of one question share its key: a second click finds the incident the first made
    String asked = p.getContainer() != null && p.getContainer().getMessageTs() != null
        ? p.getContainer().getMessageTs() : p.getTriggerId();
    Declaration declaration = new Declaration(choice.get().title(), choice.get().severity(), "", false,
        p.getUser().getId(), channel, null, null, "asked:" + channel + ":" + asked);
    background.execute(() -> {
      respond(ctx, "ephemeral", true, new SlackMessage("Declaring *" + Mrkdwn.words(choice.get().title()) + "* as "
          + Mrkdwn.words(scale.label(choice.get().severity())) + "…", List.of()));
      declarations.declare(declaration, new Declarations.Reply() {
        @Override
        public void publicly(SlackMessage message) {
          respond(ctx, "in_channel", false, message);
        }

        @Override
        public void privately(String text) {
          respond(ctx, "ephemeral", false, new SlackMessage(text, List.of()));
        }
      });
    });
    return ctx.ack();
  }

  private static void respond(ActionContext ctx, String type, boolean replace, SlackMessage message) {
    try {
      ctx.respond(r -> r.responseType(type).replaceOriginal(replace).text(message.text())
          .blocks(message.blocks().isEmpty() ? null : message.blocks()));
    } catch (IOException | RuntimeException e) {
      log.info("response_url could not be reached: {}", e.getMessage());
    }
  }
}
