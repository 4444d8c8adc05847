package dev.candor.slack.postmortem;

import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentRepository;
import dev.candor.postmortem.PostmortemService;
import dev.candor.slack.home.HomeIncidents;
import dev.candor.slack.platform.AppHome;
import dev.candor.slack.platform.Mrkdwn;
import dev.candor.slack.platform.SlackGateway;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;

/**
 * [Open post-mortem] and [Reschedule] beside a post-mortem in its facilitator's App Home. Each takes the path its
 * twin in the channel takes ({@link PostmortemDocuments#open}, the schedule form), for a member of the incident
 * channel only, checked at the click. What comes of it is said on top of the App Home, published again.
 */
final class HomePostmortemButtons {
  private final HomeIncidents members;
  private final PostmortemDocuments documents;
  private final PostmortemButtons buttons;
  private final PostmortemService postmortems;
  private final ExecutorService background;
  private final AppHome home;

  /** {@code withinAck} checks membership while the click's trigger (3 seconds) is still good for a form. */
  HomePostmortemButtons(IncidentRepository repository, SlackGateway withinAck, PostmortemDocuments documents,
      PostmortemButtons buttons, PostmortemService postmortems, ExecutorService background, AppHome home) {
    this.members = new HomeIncidents(repository, withinAck);
    this.documents = documents;
    this.buttons = buttons;
    this.postmortems = postmortems;
    this.background = background;
    this.home = home;
  }

  /** [Open post-mortem]: the draft as the channel's canvas, or a link to the one already there. */
  public Response open(BlockActionRequest req, ActionContext ctx) {
    String user = req.getPayload().getUser().getId();
    return members.afterAck(req, ctx, background, home, i -> {
      AtomicReference<String> said = new AtomicReference<>();
      documents.open(i, user, said::set);
      home.refresh(user, Optional.ofNullable(said.get()).orElseGet(() -> opened(i)));
    });
  }

  /** [Reschedule] (or [Schedule]): the channel's schedule form, whose submission publishes the App Home again. */
  public Response schedule(BlockActionRequest req, ActionContext ctx) {
    String user = req.getPayload().getUser().getId();
    String trigger = req.getPayload().getTriggerId();
    // the trigger lasts 3 seconds from the click: check and open right after answering Slack
    return members.afterAck(req, ctx, background, home, i -> {
      Optional<String> cannot = PostmortemButtons.cannotSchedule(i);
      if (cannot.isPresent()) {
        home.refresh(user, cannot.get());
        return;
      }
      buttons.openScheduleForm(trigger, user, i, true, text -> home.refresh(user, text));
    });
  }

  /** What the App Home says once the draft was made just now (the channel was told by the document's path). */
  private String opened(Incident i) {
    return postmortems.of(i.id()).openedDocument()
        .map(d -> ":memo: The post-mortem draft of " + i.id() + " is open"
            + (d.link() == null || d.link().isBlank() ? "" : ": <" + d.link() + "|open it>") + ". "
            + Mrkdwn.channel(i.channelId()) + " was told.")
        .orElse("The post-mortem draft of " + i.id() + " couldn't be opened. Try again in a moment.");
  }
}
