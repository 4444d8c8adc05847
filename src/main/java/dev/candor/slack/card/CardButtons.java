package dev.candor.slack.card;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.View;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentService;
import dev.candor.incident.IncidentUpdate;
import dev.candor.incident.Role;
import dev.candor.incident.Severity;
import dev.candor.incident.SeverityScale;
import dev.candor.slack.home.StatusUpdateForm;
import dev.candor.slack.incident.IncidentChanges;
import dev.candor.slack.platform.ChannelMembers;
import dev.candor.slack.platform.FormState;
import dev.candor.slack.platform.PrivateChannels;
import dev.candor.slack.platform.SlackCallFailed;
import dev.candor.slack.platform.SlackGateway;
import dev.candor.slack.platform.SlackText;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incident card's buttons and pickers, and its small forms. Each change goes through {@link IncidentChanges},
 * as the typed command does, so it meets the same checks and refusals. Only members of the incident channel may use
 * them: anyone else is told so, privately and kindly, and nothing changes. Clicks are answered at once; the checks
 * and the form follow after the ack (a form must open within 3 seconds of the click).
 */
final class CardButtons {
  private static final Logger log = LoggerFactory.getLogger(CardButtons.class);
  static final String OUTSIDER = "Only people in this incident's channel can use its card. Join the channel to help; "
      + "nothing was changed.";

  private final IncidentService incidents;
  private final IncidentChanges changes;
  private final SlackGateway withinAck;
  private final ExecutorService background;
  private final SeverityScale scale;

  CardButtons(IncidentService incidents, IncidentChanges changes, SlackGateway withinAck,
      ExecutorService background, SeverityScale scale) {
    this.incidents = incidents;
    this.changes = changes;
    this.withinAck = withinAck;
    this.background = background;
    this.scale = scale;
  }

  /** A button or a picker on the card. */
  Response clicked(BlockActionRequest req, ActionContext ctx) {
    BlockActionPayload p = req.getPayload();
    if (p.getUser() == null || p.getActions() == null || p.getActions().isEmpty()) {
      return ctx.ack();
    }
    String user = p.getUser().getId();
    String channel = p.getChannel() != null ? p.getChannel().getId()
        : p.getContainer() == null ? null : p.getContainer().getChannelId();
    BlockActionPayload.Action action = p.getActions().get(0);
    String trigger = p.getTriggerId();
    background.execute(() -> {
      try {
        act(ctx, user, channel, action, trigger);
      } catch (RuntimeException e) {
        log.error("the card's {} for {} in {} failed", action.getActionId(), user, channel, e);
        tell(ctx, "Something went wrong on Candor's side; nothing was changed. Try again, or type the command.");
      }
    });
    return ctx.ack();
  }

  private void act(ActionContext ctx, String user, String channel, BlockActionPayload.Action action, String trigger) {
    Optional<Incident> found = channel == null ? Optional.empty() : incidents.inChannel(channel);
    if (found.isEmpty()) {
      tell(ctx, "This card's incident is no longer here; nothing was changed.");
      return;
    }
    Incident i = found.get();
    String outside = outsider(i, user);
    if (outside != null) {
      tell(ctx, outside);
      return;
    }
    String id = action.getActionId();
    if (id.equals(CardAction.REOPEN.id())) {
      refusal(ctx, changes.apply(channel, user, new IncidentUpdate.Reopen(), Optional.empty()));
    } else if (id.equals(CardAction.PICK_COMMS.id()) || id.equals(CardAction.PICK_SCRIBE.id())) {
      String picked = action.getSelectedUser();
      if (picked == null || picked.isBlank()) {
        return;
      }
      Role role = id.equals(CardAction.PICK_COMMS.id()) ? Role.COMMS : Role.SCRIBE;
      refusal(ctx, changes.apply(channel, user, new IncidentUpdate.AssignRole(role, picked), Optional.of(picked)));
    } else if (!i.isOpen()) {
      tell(ctx, i.id() + " is " + i.state().word() + " now; nothing was changed.");
    } else if (id.equals(CardAction.POST_UPDATE.id())) {
      open(ctx, i, trigger, StatusUpdateForm.form(i));
    } else if (id.equals(CardAction.SEVERITY.id())) {
      open(ctx, i, trigger, CardForms.severity(i, scale));
    } else if (id.equals(CardAction.ROLES.id())) {
      open(ctx, i, trigger, CardForms.roles(i));
    } else if (id.equals(CardAction.RESOLVE.id())) {
      open(ctx, i, trigger, CardForms.resolve(i));
    }
  }

  /** The severity form, submitted: {@code /incident sev}'s change. */
  Response severity(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
    return submitted(req, ctx, CardForms.SEVERITY, form -> {
      Optional<Severity> s = Severity.parse(form.text(CardForms.SEVERITY).replace("SEV", ""));
      return s.<IncidentUpdate>map(IncidentUpdate.SetSeverity::new);
    }, form -> Optional.empty());
  }

  /** The roles form, submitted: {@code /incident role}'s change. */
  Response roles(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
    return submitted(req, ctx, CardForms.PERSON, form -> {
      Optional<Role> role = Role.parse(form.text(CardForms.ROLE).toLowerCase(Locale.ROOT));
      String person = form.user(CardForms.PERSON);
      return person == null ? Optional.empty()
          : role.<IncidentUpdate>map(r -> new IncidentUpdate.AssignRole(r, person));
    }, form -> Optional.ofNullable(form.user(CardForms.PERSON)));
  }

  /** The resolve form, submitted: {@code /incident resolve}'s change. */
  Response resolve(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
    return submitted(req, ctx, CardForms.SUMMARY,
        form -> Optional.of(new IncidentUpdate.Resolve(form.text(CardForms.SUMMARY).strip())),
        form -> Optional.empty());
  }

  private Response submitted(ViewSubmissionRequest req, ViewSubmissionContext ctx, String errorBlock,
      Function<FormState, Optional<IncidentUpdate>> read,
      Function<FormState, Optional<String>> userToCheck) {
    String user = req.getPayload().getUser().getId();
    Optional<Incident> incident = IncidentId.parse(req.getPayload().getView().getPrivateMetadata())
        .flatMap(incidents::byId);
    if (incident.isEmpty()) {
      return ctx.ackWithErrors(Map.of(errorBlock, "This incident is no longer here; close this form."));
    }
    Incident i = incident.get();
    String outside = outsider(i, user);
    if (outside != null) {
      return ctx.ackWithErrors(Map.of(errorBlock, outside));
    }
    FormState form = FormState.of(req, CardForms.VALUE);
    Optional<IncidentUpdate> update = read.apply(form);
    if (update.isEmpty()) {
      return ctx.ackWithErrors(Map.of(errorBlock, "Pick one, then submit again."));
    }
    Optional<String> refused = changes.apply(i.channelId(), user, update.get(), userToCheck.apply(form));
    return refused.map(r -> ctx.ackWithErrors(Map.of(errorBlock, SlackText.plain(r) + " Nothing was changed.")))
        .orElseGet(ctx::ack);
  }

  /** Null when {@code user} is in the incident's channel; otherwise what to tell them. */
  private String outsider(Incident i, String user) {
    try {
      return ChannelMembers.listsMember(withinAck, i.channelId(), user) ? null : OUTSIDER;
    } catch (SlackCallFailed e) {
      return PrivateChannels.GONE.contains(e.error()) ? OUTSIDER
          : "I couldn't check that you are in this channel (Slack answered `" + e.error() + "`). Nothing was changed; "
              + "try again in a moment.";
    }
  }

  private void open(ActionContext ctx, Incident i, String trigger, View view) {
    try {
      withinAck.call("views.open", c -> c.viewsOpen(r -> r.triggerId(trigger).view(view)));
    } catch (SlackCallFailed e) {
      log.warn("{}: opening a card form failed: {}", i.id(), e.getMessage());
      tell(ctx, "I couldn't open the form (Slack answered `" + e.error() + "`). Type the command instead: "
          + "`/incident help` lists them.");
    }
  }

  private void refusal(ActionContext ctx, Optional<String> refused) {
    refused.ifPresent(r -> tell(ctx, r));
  }

  /** A private answer to the person who clicked, which leaves the card as it is. */
  private void tell(ActionContext ctx, String text) {
    try {
      ctx.respond(r -> r.responseType("ephemeral").replaceOriginal(false).text(text));
    } catch (IOException | RuntimeException e) {
      log.info("response_url could not be reached: {}", e.getMessage());
    }
  }
}
