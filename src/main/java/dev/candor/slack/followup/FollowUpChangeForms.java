package dev.candor.slack.followup;

import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.View;
import dev.candor.followup.FollowUp;
import dev.candor.followup.FollowUpService;
import dev.candor.followup.FollowUpService.Outcome;
import dev.candor.incident.IncidentRepository;
import dev.candor.slack.platform.AppHome;
import dev.candor.slack.platform.FormState;
import dev.candor.slack.platform.Mrkdwn;
import dev.candor.slack.platform.PrivateChannels;
import dev.candor.slack.platform.SlackCallFailed;
import dev.candor.slack.platform.SlackGateway;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * [Edit] and [Reassign] on a follow-up (in its DMs and the App Home): each opens a form for its owner;
 * submitting it changes the follow-up through the service, is announced in the incident channel, and
 * changes nothing when the follow-up was closed or changed since the form was opened (said inline).
 */
final class FollowUpChangeForms {
  private static final Logger log = LoggerFactory.getLogger(FollowUpChangeForms.class);
  private final FollowUpService followUps;
  private final IncidentRepository incidents;
  private final SlackGateway withinAck;
  private final ExecutorService background;
  private final AppHome home;
  private final PrivateChannels members;
  private final FollowUpClicks clicks;

  FollowUpChangeForms(FollowUpService followUps, FollowUpClicks clicks, IncidentRepository incidents,
      SlackGateway withinAck, ExecutorService background, AppHome home) {
    this.followUps = followUps;
    this.clicks = clicks;
    this.incidents = incidents;
    this.withinAck = withinAck;
    this.background = background;
    this.home = home;
    this.members = new PrivateChannels(withinAck);
  }

  /** Which follow-up a form changes, the version it showed, and whether it came from the App Home. */
  record Target(long id, long version, boolean fromHome) {
    String metadata() {
      return id + ":" + version + ":" + (fromHome ? "home" : "dm");
    }

    static Optional<Target> parse(String metadata) {
      String[] p = metadata == null ? new String[0] : metadata.split(":");
      try {
        return p.length == 3 ? Optional.of(new Target(Long.parseLong(p[0]), Long.parseLong(p[1]), "home".equals(p[2])))
            : Optional.empty();
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
  }

  public Response editButton(BlockActionRequest req, ActionContext ctx) {
    return openFor(req, ctx, (f, target) -> FollowUpForms.edit(f, target.metadata()));
  }

  public Response reassignButton(BlockActionRequest req, ActionContext ctx) {
    return openFor(req, ctx, (f, target) -> FollowUpForms.reassign(f, target.metadata()));
  }

  private Response openFor(BlockActionRequest req, ActionContext ctx,
      BiFunction<FollowUp, Target, View> form) {
    var click = clicks.of(req);
    if (click instanceof FollowUpClicks.Refused r) {
      tell(req, ctx, r.why());
      return ctx.ack();
    }
    FollowUp f = ((FollowUpClicks.Owned) click).followUp();
    boolean fromHome = FollowUpButtons.fromHome(req);
    if (!f.isOpen()) {
      tell(req, ctx, FollowUpMessages.notOpen(f));
      return ctx.ack();
    }
    View view = form.apply(f, new Target(f.id(), f.version(), fromHome));
    try {
      withinAck.call("views.open", c -> c.viewsOpen(r -> r.triggerId(req.getPayload().getTriggerId()).view(view)));
    } catch (SlackCallFailed e) {
      log.warn("follow-up {}: opening a form failed: {}", f.id(), e.getMessage());
      tell(req, ctx, "I couldn't open the form (Slack answered `" + e.error() + "`). Try again in a moment.");
    }
    return ctx.ack();
  }

  public Response submitEdit(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
    FormState form = FormState.of(req, FollowUpForms.VALUE);
    Optional<Target> target = Target.parse(req.getPayload().getView().getPrivateMetadata());
    Optional<FollowUp> current = target.flatMap(t -> followUps.byId(t.id()));
    if (current.isEmpty()) {
      return ctx.ackWithErrors(Map.of(FollowUpForms.TITLE, "I can't find this follow-up any more; nothing was changed."));
    }
    FollowUp f = current.get();
    String user = req.getPayload().getUser().getId();
    if (!f.owner().equals(user)) {
      return ctx.ackWithErrors(Map.of(FollowUpForms.TITLE, notYours()));
    }
    String outside = clicks.outsideChannel(f, user);
    if (outside != null) {
      return ctx.ackWithErrors(Map.of(FollowUpForms.TITLE, outside));
    }
    String title = form.text(FollowUpForms.TITLE).strip();
    Optional<String> titleError = FollowUpAddForm.titleErrors(title);
    if (titleError.isPresent()) {
      return ctx.ackWithErrors(Map.of(FollowUpForms.TITLE, titleError.get()));
    }
    String typed = form.text(FollowUpForms.DUE_TEXT);
    FollowUpInputs.Due due = FollowUpInputs.due(typed, form.date(FollowUpForms.DUE_DATE),
        followUps.today(f.ownerZone()), f.owner(), f.due());
    if (due.problem() != null) {
      return ctx.ackWithErrors(Map.of(typed.isBlank() ? FollowUpForms.DUE_DATE : FollowUpForms.DUE_TEXT,
          FollowUpInputs.forForm(due.problem())));
    }
    Outcome outcome = followUps.edit(f.id(), target.get().version(), user, title, due.date(),
        FollowUpAddForm.level(form.text(FollowUpForms.LEVEL)));
    return finish(ctx, outcome, target.get(), user, FollowUpForms.TITLE);
  }

  public Response submitReassign(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
    FormState form = FormState.of(req, FollowUpForms.VALUE);
    Optional<Target> target = Target.parse(req.getPayload().getView().getPrivateMetadata());
    Optional<FollowUp> current = target.flatMap(t -> followUps.byId(t.id()));
    if (current.isEmpty()) {
      return ctx.ackWithErrors(Map.of(FollowUpForms.OWNER, "I can't find this follow-up any more; nothing was changed."));
    }
    String user = req.getPayload().getUser().getId();
    if (!current.get().owner().equals(user)) {
      return ctx.ackWithErrors(Map.of(FollowUpForms.OWNER, notYours()));
    }
    String left = clicks.outsideChannel(current.get(), user);
    if (left != null) {
      return ctx.ackWithErrors(Map.of(FollowUpForms.OWNER, left));
    }
    String to = form.user(FollowUpForms.OWNER);
    if (to == null) {
      return ctx.ackWithErrors(Map.of(FollowUpForms.OWNER, "Pick the person who will own it."));
    }
    if (to.equals(current.get().owner())) {
      return ctx.ackWithErrors(Map.of(FollowUpForms.OWNER, "That is who owns it now. Pick someone else."));
    }
    FollowUpInputs.Owner owner = FollowUpInputs.owner(withinAck, to, "");
    if (owner.problem() != null) {
      return ctx.ackWithErrors(Map.of(FollowUpForms.OWNER, FollowUpInputs.forForm(owner.problem())));
    }
    var incident = incidents.byId(current.get().incidentId());
    String outside = incident.map(i -> members.ownerProblem(i, to)).orElse(null);
    if (outside != null) {
      return ctx.ackWithErrors(Map.of(FollowUpForms.OWNER, FollowUpInputs.forForm(outside)));
    }
    Outcome outcome = followUps.reassign(current.get().id(), target.get().version(), user, to, owner.zone());
    return finish(ctx, outcome, target.get(), user, FollowUpForms.OWNER);
  }

  /** Closes the form after a change (announced as it was made), or says inline why nothing changed. */
  private Response finish(ViewSubmissionContext ctx, Outcome outcome, Target target, String user, String block) {
    if (outcome instanceof FollowUpService.Changed || outcome instanceof FollowUpService.Unchanged) {
      if (target.fromHome()) {
        home.refresh(user, outcome instanceof FollowUpService.Changed c ? changedNotice(c) : null);
      }
      return ctx.ack();
    }
    String why;
    if (outcome instanceof FollowUpService.NotOpen n) {
      why = "It was marked " + n.current().status().name().toLowerCase(Locale.ROOT)
          + " meanwhile; nothing was changed. Close this form.";
    } else if (outcome instanceof FollowUpService.Stale s) {
      why = "It changed since you opened this form (now \"" + s.current().title() + "\", due " + s.current().due()
          + (s.current().owner().equals(user) ? "" : ", owned by someone else") + "). Nothing was changed; "
          + "close the form and open it again.";
    } else {
      why = "I can't find this follow-up any more; nothing was changed.";
    }
    return ctx.ackWithErrors(Map.of(block, why));
  }

  private static String notYours() {
    return "Someone else owns this follow-up now, so only they can change it. Nothing was changed.";
  }

  private void tell(BlockActionRequest req, ActionContext ctx, String text) {
    FollowUpButtons.tell(background, home, req, ctx, text);
  }

  /** What the App Home says on top after a change made from it. */
  private static String changedNotice(FollowUpService.Changed c) {
    FollowUp after = c.after();
    String title = "*" + Mrkdwn.words(after.title()) + "*";
    return c.before().owner().equals(after.owner())
        ? ":pencil2: Saved " + title + " (due " + after.due() + ", " + after.level().label() + ")."
        : ":handshake: Handed " + title + " to " + Mrkdwn.user(after.owner()) + ".";
  }
}
