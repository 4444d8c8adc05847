package dev.candor.slack.home;

import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentRepository;
import dev.candor.incident.IncidentService;
import dev.candor.incident.IncidentState;
import dev.candor.slack.incident.IncidentInput;
import dev.candor.slack.platform.AppHome;
import dev.candor.slack.platform.FormState;
import dev.candor.slack.platform.Mrkdwn;
import dev.candor.slack.platform.SlackCallFailed;
import dev.candor.slack.platform.SlackGateway;
import dev.candor.slack.platform.SlackText;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * [Post update] on an open incident in the App Home: a form with the state and the words, posted in the incident
 * channel exactly as {@code /incident status} posts it (the same update, through the same service). Only a member
 * of the incident channel may use it, checked at the click and again at the submission; an incident resolved
 * meanwhile says so instead. The App Home is published again afterwards, saying what came of it.
 */
final class HomeStatusUpdate {
  private static final Logger log = LoggerFactory.getLogger(HomeStatusUpdate.class);

  private final IncidentService incidents;
  private final IncidentRepository repository;
  private final HomeIncidents members;
  private final SlackGateway withinAck;
  private final ExecutorService background;
  private final AppHome home;

  /** {@code withinAck} opens the form and checks membership while Slack waits. */
  HomeStatusUpdate(IncidentService incidents, IncidentRepository repository, SlackGateway withinAck,
      ExecutorService background, AppHome home) {
    this.incidents = incidents;
    this.repository = repository;
    this.members = new HomeIncidents(repository, withinAck);
    this.withinAck = withinAck;
    this.background = background;
    this.home = home;
  }

  /** The button: the form, once the clicker is known to be in the channel and the incident still open. */
  public Response button(BlockActionRequest req, ActionContext ctx) {
    String user = req.getPayload().getUser().getId();
    String trigger = req.getPayload().getTriggerId();
    // the trigger lasts 3 seconds from the click: check and open right after answering Slack
    return members.afterAck(req, ctx, background, home, i -> {
      if (!i.isOpen()) {
        home.refresh(user, notOpen(i));
        return;
      }
      try {
        withinAck.call("views.open", c -> c.viewsOpen(r -> r.triggerId(trigger).view(StatusUpdateForm.form(i))));
      } catch (SlackCallFailed e) {
        log.warn("{}: opening the status form failed: {}", i.id(), e.getMessage());
        home.refresh(user, "I couldn't open the form (Slack answered `" + e.error() + "`). Try again, or post "
            + Mrkdwn.code("/incident status <update>") + " in " + Mrkdwn.channel(i.channelId()) + ".");
      }
    });
  }

  /** The form: the update goes through the same path as the command's; problems are said in the form. */
  public Response submit(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
    String user = req.getPayload().getUser().getId();
    var target = StatusUpdateForm.Target.parse(req.getPayload().getView().getPrivateMetadata());
    Optional<Incident> incident = target.flatMap(t -> repository.byId(t.incident()));
    if (incident.isEmpty()) {
      return error(ctx, HomeIncidents.MISSING + " Close this form.");
    }
    Incident i = incident.get();
    String outside = members.outsider(i, user);
    if (outside != null) {
      return error(ctx, outside);
    }
    FormState form = FormState.of(req, StatusUpdateForm.VALUE);
    IncidentState chosen = IncidentState.parseWorking(form.text(StatusUpdateForm.STATE)).orElse(null);
    // a state left as the form showed it keeps whatever the incident's is now, as a command without one does
    IncidentState state = chosen == target.get().shown() ? null : chosen;
    String words = form.text(StatusUpdateForm.UPDATE);
    Optional<String> problem = IncidentInput.statusProblem(words);
    if (problem.isPresent()) {
      return ctx.ackWithErrors(Map.of(StatusUpdateForm.UPDATE, words.isBlank()
          ? "Say what changed, in a sentence or two." : SlackText.plain(problem.get())));
    }
    if (incidents.inChannel(i.channelId()).filter(now -> now.id().equals(i.id())).isEmpty()) {
      return error(ctx, HomeIncidents.MISSING + " Close this form.");
    }
    var result = incidents.update(i.channelId(), user, IncidentInput.status(state, words));
    if (result instanceof IncidentService.Rejected r) {
      return error(ctx, SlackText.plain(r.reason()) + " Nothing was posted; close this form.");
    }
    if (!(result instanceof IncidentService.Updated updated)) {
      return error(ctx, HomeIncidents.MISSING + " Close this form.");
    }
    home.refresh(user, ":memo: Posted your update in " + Mrkdwn.channel(i.channelId()) + " (" + i.id() + ", "
        + updated.incident().state().word() + ").");
    return ctx.ack();
  }

  /** What a click on an incident that is no longer open says. */
  static String notOpen(Incident i) {
    return i.id() + " is " + i.state().word() + " now, so there is no status to update; it has left your open "
        + "incidents.";
  }

  private static Response error(ViewSubmissionContext ctx, String text) {
    return ctx.ackWithErrors(Map.of(StatusUpdateForm.UPDATE, text));
  }
}
