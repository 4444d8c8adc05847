package dev.candor.slack.followup;

import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import dev.candor.followup.FollowUpService;
import dev.candor.followup.Level;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentService;
import dev.candor.slack.platform.FormState;
import dev.candor.slack.platform.PrivateChannels;
import dev.candor.slack.platform.Replies;
import dev.candor.slack.platform.SlackCallFailed;
import dev.candor.slack.platform.SlackGateway;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The form that adds a follow-up ({@code /incident followup} alone, or [Add a follow-up] in a DM): the
 * same checks and the same service as the command, its errors shown inline in the form.
 */
final class FollowUpAddForm {
  private static final Logger log = LoggerFactory.getLogger(FollowUpAddForm.class);
  private final IncidentService incidents;
  private final FollowUpService followUps;
  private final SlackGateway withinAck;
  private final ExecutorService background;
  private final PrivateChannels members;

  /** {@code withinAck} opens the form and looks the owner up before Slack gets its answer. */
  FollowUpAddForm(IncidentService incidents, FollowUpService followUps, SlackGateway withinAck,
      ExecutorService background) {
    this.incidents = incidents;
    this.followUps = followUps;
    this.withinAck = withinAck;
    this.background = background;
    this.members = new PrivateChannels(withinAck);
  }

  /** Opens the form for {@code incident}; returns what to tell the person when it cannot be opened. */
  String open(String triggerId, Incident incident) {
    try {
      withinAck.call("views.open", c -> c.viewsOpen(r -> r.triggerId(triggerId)
          .view(FollowUpForms.add(incident.channelId(), incident.id() + " (" + incident.title() + ")"))));
      return null;
    } catch (SlackCallFailed e) {
      log.warn("{}: opening the follow-up form failed: {}", incident.id(), e.getMessage());
      return "I couldn't open the form (Slack answered `" + e.error() + "`). Add it directly instead: "
          + FollowUpGrammar.EXAMPLE;
    }
  }

  /** [Add a follow-up], whose value is the incident's channel. */
  public Response button(BlockActionRequest req, ActionContext ctx) {
    var p = req.getPayload();
    if (p.getActions() == null || p.getActions().isEmpty()) {
      return ctx.ack();
    }
    Optional<Incident> incident = incidents.inChannel(p.getActions().get(0).getValue());
    String problem = incident.isEmpty() ? "That incident's channel is gone, so I can't add a follow-up to it."
        : open(p.getTriggerId(), incident.get());
    if (problem != null) {
      Replies.later(background, ctx, r -> r.responseType("ephemeral").replaceOriginal(false).text(problem));
    }
    return ctx.ack();
  }

  public Response submit(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
    FormState form = FormState.of(req, FollowUpForms.VALUE);
    String user = req.getPayload().getUser().getId();
    String channel = req.getPayload().getView().getPrivateMetadata();
    String title = form.text(FollowUpForms.TITLE).strip();
    String ownerId = form.user(FollowUpForms.OWNER);
    Level level = level(form.text(FollowUpForms.LEVEL));
    Map<String, String> errors = new LinkedHashMap<>();
    if (ownerId == null) {
      errors.put(FollowUpForms.OWNER, "Pick the person who will do it.");
    }
    titleErrors(title).ifPresent(e -> errors.put(FollowUpForms.TITLE, e));
    Optional<Incident> incident = channel == null ? Optional.empty() : incidents.inChannel(channel);
    if (incident.isEmpty()) {
      errors.put(FollowUpForms.TITLE, "This channel is not an incident channel any more, so nothing was added.");
    }
    if (!errors.isEmpty()) {
      return ctx.ackWithErrors(errors);
    }
    // a private incident: only its channel's members add its follow-ups, and only for one another
    String actorOutside = members.actorProblem(incident.get(), user);
    if (actorOutside != null) {
      return ctx.ackWithErrors(Map.of(FollowUpForms.TITLE, FollowUpInputs.forForm(actorOutside)));
    }
    FollowUpInputs.Owner owner = FollowUpInputs.owner(withinAck, ownerId, "");
    if (owner.problem() != null) {
      return ctx.ackWithErrors(Map.of(FollowUpForms.OWNER, FollowUpInputs.forForm(owner.problem())));
    }
    String ownerOutside = members.ownerProblem(incident.get(), ownerId);
    if (ownerOutside != null) {
      return ctx.ackWithErrors(Map.of(FollowUpForms.OWNER, FollowUpInputs.forForm(ownerOutside)));
    }
    String typed = form.text(FollowUpForms.DUE_TEXT);
    FollowUpInputs.Due due = FollowUpInputs.due(typed, form.date(FollowUpForms.DUE_DATE),
        followUps.today(owner.zone()), ownerId, null);
    if (due.problem() != null) {
      return ctx.ackWithErrors(Map.of(typed.isBlank() ? FollowUpForms.DUE_DATE : FollowUpForms.DUE_TEXT,
          FollowUpInputs.forForm(due.problem())));
    }
    followUps.create(new FollowUpService.NewFollowUp(incident.get().id(), title, ownerId, owner.zone(),
        due.date(), level, user));
    return ctx.ack();
  }

  /** What is wrong with a follow-up's title, if anything. */
  static Optional<String> titleErrors(String title) {
    if (title.isEmpty()) {
      return Optional.of("Say what is to be done.");
    }
    if (title.length() > FollowUpForms.MAX_TITLE) {
      return Optional.of("At most " + FollowUpForms.MAX_TITLE + " characters; link to a ticket for the rest.");
    }
    return Optional.empty();
  }

  static Level level(String value) {
    try {
      return value == null || value.isBlank() ? Level.SOFTWARE : Level.valueOf(value);
    } catch (IllegalArgumentException e) {
      return Level.SOFTWARE;
    }
  }
}
