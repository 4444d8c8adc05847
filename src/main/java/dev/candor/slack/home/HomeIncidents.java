package dev.candor.slack.home;


import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentRepository;
import dev.candor.slack.platform.AppHome;
import dev.candor.slack.platform.ChannelMembers;
import dev.candor.slack.platform.PrivateChannels;
import dev.candor.slack.platform.SlackCallFailed;
import dev.candor.slack.platform.SlackGateway;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * The incident an App Home button names (its value is the id), for someone who is a member of its channel — asked
 * again at every click and every submission, since the App Home they clicked in may be older than their leaving.
 * Nobody outside the channel acts on an incident from there, and nobody outside a private one learns anything
 * about it.
 */
public final class HomeIncidents {
  public static final String MISSING = "I can't find that incident any more. Nothing was changed.";

  private final IncidentRepository incidents;
  private final SlackGateway slack;

  /** {@code slack} answers quickly: a check made while Slack waits for its answer must leave it time. */
  public HomeIncidents(IncidentRepository incidents, SlackGateway slack) {
    this.incidents = incidents;
    this.slack = slack;
  }

  /**
   * Answers the click at once; then, after the ack, {@code then} the clicked button's incident, when the clicker is
   * in its channel (otherwise their App Home says why, and nothing else happens).
   */
  public Response afterAck(BlockActionRequest req, ActionContext ctx, ExecutorService background, AppHome home,
      Consumer<Incident> then) {
    background.execute(() -> clicked(req, home).ifPresent(then));
    return ctx.ack();
  }

  /**
   * The incident of the clicked button, when the clicker is in its channel; otherwise empty, and the clicker's
   * App Home is published again saying why.
   */
  public Optional<Incident> clicked(BlockActionRequest req, AppHome home) {
    var p = req.getPayload();
    String why = MISSING;
    Optional<Incident> incident = Optional.empty();
    if (p.getActions() != null && !p.getActions().isEmpty() && p.getUser() != null) {
      incident = IncidentId.parse(p.getActions().get(0).getValue()).flatMap(incidents::byId);
      why = incident.isPresent() ? outsider(incident.get(), p.getUser().getId()) : MISSING;
    }
    if (why != null) {
      if (p.getUser() != null) {
        home.refresh(p.getUser().getId(), why);
      }
      return Optional.empty();
    }
    return incident;
  }

  /** Null when {@code userId} is a member of the channel of {@code incident}; otherwise what to tell them. */
  public String outsider(Incident incident, String userId) {
    try {
      if (ChannelMembers.listsMember(slack, incident.channelId(), userId)) {
        return null;
      }
    } catch (SlackCallFailed e) { // a channel Candor can't read any more has nobody in it
      if (!PrivateChannels.GONE.contains(e.error())) {
        return "I couldn't check that you are in the channel of " + incident.id() + " (Slack answered `" + e.error()
            + "`). Nothing was changed; try again in a moment.";
      }
    }
    return "You aren't in the channel of " + incident.id() + ", so you can't act on it from here. Nothing was "
        + "changed.";
  }
}
