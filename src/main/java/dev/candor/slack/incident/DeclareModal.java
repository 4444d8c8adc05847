package dev.candor.slack.incident;

import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import dev.candor.incident.Declaration;
import dev.candor.incident.IncidentService;
import dev.candor.incident.Severity;
import dev.candor.slack.platform.FormState;
import dev.candor.slack.platform.Mrkdwn;
import dev.candor.slack.platform.People;
import dev.candor.slack.platform.SlackCallFailed;
import dev.candor.slack.platform.SlackGateway;
import dev.candor.slack.platform.SlackMessage;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The declare form's submission: errors are shown inline in the form; a good submission closes it
 * and the incident is declared in the background.
 */
final class DeclareModal {
  private static final Logger log = LoggerFactory.getLogger(DeclareModal.class);
  private final IncidentService incidents;
  private final SlackGateway withinAck;
  private final SlackGateway slack;
  private final Declarations declarations;
  private final ExecutorService background;

  /** {@code withinAck} serves the checks made before answering; {@code slack} the replies made after. */
  DeclareModal(IncidentService incidents, SlackGateway withinAck, SlackGateway slack,
      Declarations declarations, ExecutorService background) {
    this.incidents = incidents;
    this.withinAck = withinAck;
    this.slack = slack;
    this.declarations = declarations;
    this.background = background;
  }

  /** The channel an incident in "this channel" would live in, or the error to show on the form. */
  private record Place(String channelId, String name, boolean privateChannel, String error, boolean mustJoin) {
    Place(String channelId, String name, boolean privateChannel, String error) {
      this(channelId, name, privateChannel, error, false);
    }
  }

  public Response handle(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
    var payload = req.getPayload();
    FormState form = FormState.of(req, DeclareModalView.VALUE);
    String user = payload.getUser().getId();
    String origin = payload.getView().getPrivateMetadata();
    String title = form.text(DeclareModalView.TITLE).strip();
    String summary = form.text(DeclareModalView.SUMMARY).strip();
    Severity severity = Severity.parse(form.text(DeclareModalView.SEVERITY)).orElse(null);
    boolean privateChannel = DeclareModalView.PRIVATE.equals(form.text(DeclareModalView.VISIBILITY));
    boolean here = DeclareModalView.THIS_CHANNEL.equals(form.text(DeclareModalView.WHERE));
    String lead = form.user(DeclareModalView.LEAD);

    Map<String, String> errors = new HashMap<>();
    if (title.isEmpty()) {
      errors.put(DeclareModalView.TITLE, "Give the incident a title.");
    } else if (title.length() > IncidentInput.MAX_TITLE) {
      errors.put(DeclareModalView.TITLE, "At most " + IncidentInput.MAX_TITLE + " characters.");
    }
    if (summary.length() > IncidentInput.MAX_TEXT) {
      errors.put(DeclareModalView.SUMMARY, "At most 3,000 characters; put the rest in the channel.");
    }
    if (severity == null) {
      errors.put(DeclareModalView.SEVERITY, "Choose a severity.");
    }
    if (origin == null || origin.isBlank()) {
      errors.put(DeclareModalView.WHERE, "I lost track of the channel this came from. Close the form and type /incident again.");
    }
    if (lead != null && !lead.equals(user)) {
      String problem = People.find(withinAck, lead, "someone who can run the response.").problem();
      if (problem != null) {
        errors.put(DeclareModalView.LEAD, Mrkdwn.clip(problem, 150));
      }
    }
    if (!errors.isEmpty()) {
      return ctx.ackWithErrors(errors);
    }
    var existing = incidents.inChannel(origin);
    if (here && existing.isPresent()) {
      return ctx.ackWithErrors(Map.of(DeclareModalView.WHERE, IncidentMessages.alreadyIncident(existing.get())));
    }
    Declaration declaration;
    if (here) {
      Place place = thisChannel(origin);
      if (place.error() != null) {
        return ctx.ackWithErrors(Map.of(DeclareModalView.WHERE, place.error()));
      }
      if (privateChannel && !place.privateChannel()) {
        return ctx.ackWithErrors(Map.of(DeclareModalView.VISIBILITY, "This channel is public, so an incident in it "
            + "would be too. Choose \"Create a new incident channel\" to keep it private."));
      }
      declaration = new Declaration(title, severity, summary, place.privateChannel(), user, origin,
          place.channelId(), place.name(), "view:" + payload.getView().getId(), lead);
      if (place.mustJoin()) {
        Declaration joinFirst = declaration;
        background.execute(() -> joinThenDeclare(joinFirst, user));
        return ctx.ack();
      }
    } else {
      declaration = new Declaration(title, severity, summary, privateChannel, user, origin, null, null,
          "view:" + payload.getView().getId(), lead);
    }
    background.execute(() -> declarations.declare(declaration, replyIn(origin, user)));
    return ctx.ack();
  }

  private Place thisChannel(String channelId) {
    if (!channelId.startsWith("C") && !channelId.startsWith("G")) {
      return new Place(null, null, false, "An incident needs a channel; this is a direct message. Choose \"Create a new incident channel\".");
    }
    try {
      var info = withinAck.call("conversations.info", c -> c.conversationsInfo(r -> r.channel(channelId)));
      var ch = info.getChannel();
      if (ch.isArchived()) {
        return new Place(null, null, false, "This channel is archived. Choose \"Create a new incident channel\".");
      }
      if (!ch.isMember() && ch.isPrivate()) {
        return new Place(null, null, false, notInPrivate());
      }
      return new Place(ch.getId(), ch.getName(), ch.isPrivate(), null, !ch.isMember());
    } catch (SlackCallFailed e) {
      if ("channel_not_found".equals(e.error()) || "method_not_supported_for_channel_type".equals(e.error())) {
        return new Place(null, null, false, notInPrivate());
      }
      log.warn("checking {} for an incident failed: {}", channelId, e.getMessage());
      return new Place(null, null, false, "Slack answered " + e.error() + " when I looked at this channel. Try again, or create a new channel.");
    }
  }

  /** Candor joins a public channel before running an incident there (after the form has closed). */
  private void joinThenDeclare(Declaration declaration, String user) {
    Declarations.Reply reply = replyIn(declaration.originChannelId(), user);
    try {
      slack.call("conversations.join", c -> c.conversationsJoin(r -> r.channel(declaration.existingChannelId())));
    } catch (SlackCallFailed e) {
      reply.privately("I couldn't join " + Mrkdwn.channel(declaration.existingChannelId()) + " (Slack answered `"
          + e.error() + "`), so nothing was declared. Invite me with `/invite @Candor`, or declare in a new channel.");
      return;
    }
    declarations.declare(declaration, reply);
  }

  private static String notInPrivate() {
    return "Candor is not in this private channel. Type /invite @Candor here first, or choose \"Create a new incident channel\".";
  }

  private Declarations.Reply replyIn(String origin, String user) {
    return new Declarations.Reply() {
      @Override
      public void publicly(SlackMessage message) {
        try {
          slack.call("chat.postMessage", c -> c.chatPostMessage(r -> r.channel(origin).text(message.text())
              .blocks(message.blocks())));
        } catch (SlackCallFailed e) {
          log.info("could not announce in {}: {}; telling the declarer instead", origin, e.error());
          privately(message.text());
        }
      }

      @Override
      public void privately(String text) {
        try {
          slack.call("chat.postEphemeral", c -> c.chatPostEphemeral(r -> r.channel(origin).user(user).text(text)));
        } catch (SlackCallFailed notThere) {
          try {
            slack.call("chat.postMessage", c -> c.chatPostMessage(r -> r.channel(user).text(text)));
          } catch (SlackCallFailed e) {
            log.warn("could not tell {} about their declaration: {}", user, e.error());
          }
        }
      }
    };
  }



}
