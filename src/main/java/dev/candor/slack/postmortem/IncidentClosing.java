package dev.candor.slack.postmortem;

import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.candor.followup.FollowUpService;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentRepository;
import dev.candor.incident.IncidentService;
import dev.candor.incident.IncidentState;
import dev.candor.incident.IncidentUpdate;
import dev.candor.incident.SeverityScale;
import dev.candor.jobs.Job;
import dev.candor.postmortem.Postmortem;
import dev.candor.postmortem.PostmortemService;
import dev.candor.slack.incident.Broadcasts;
import dev.candor.slack.incident.IncidentMessages;
import dev.candor.slack.platform.CommandReplies;
import dev.candor.slack.platform.Replies;
import dev.candor.slack.platform.SlackCallFailed;
import dev.candor.slack.platform.SlackJobMessages;
import dev.candor.slack.platform.SlackMessage;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * {@code /incident close}: a resolved incident's record becomes final, and its summary goes to
 * {@code POSTMORTEMS_CHANNEL}. Closing before the post-mortem was held or declared not needed asks
 * first, and the record keeps that choice.
 */
final class IncidentClosing {
  private final IncidentService incidents;
  private final IncidentRepository repository;
  private final PostmortemService postmortems;
  private final FollowUpService followUps;
  private final SlackJobMessages messages;
  private final Optional<String> postmortemsChannel;
  private final Broadcasts broadcasts;
  private final ExecutorService background;
  private final Clock clock;
  private final SeverityScale scale;

  IncidentClosing(IncidentService incidents, IncidentRepository repository, PostmortemService postmortems,
      FollowUpService followUps, SlackJobMessages messages, Optional<String> postmortemsChannel, Broadcasts broadcasts,
      ExecutorService background, Clock clock, SeverityScale scale) {
    this.scale = scale;
    this.incidents = incidents;
    this.repository = repository;
    this.postmortems = postmortems;
    this.followUps = followUps;
    this.messages = messages;
    this.postmortemsChannel = postmortemsChannel;
    this.broadcasts = broadcasts;
    this.background = background;
    this.clock = clock;
  }

  /** The command: close at once when the post-mortem is settled, else ask (only the caller sees it). */
  public Response command(String channelId, String userId, SlashCommandContext ctx) {
    Optional<Incident> incident = incidents.inChannel(channelId);
    if (incident.isEmpty()) {
      return CommandReplies.ephemeral(ctx, IncidentMessages.NOT_AN_INCIDENT_CHANNEL);
    }
    Incident i = incident.get();
    Postmortem p = postmortems.of(i.id());
    if (i.state() == IncidentState.RESOLVED && !p.settledBy(clock.instant())) {
      SlackMessage ask = PostmortemMessages.confirmClose(i, p);
      return ctx.ack(r -> r.responseType("ephemeral").text(ask.text()).blocks(ask.blocks()));
    }
    String problem = close(i, userId, false);
    if (problem != null) {
      return CommandReplies.ephemeral(ctx, problem);
    }
    if (i.privateChannel() && postmortemsChannel.isPresent()) {
      return CommandReplies.ephemeral(ctx, i.id() + " is closed. Its summary stays here: a private "
          + "incident is never published to the post-mortems channel.");
    }
    return ctx.ack();
  }

  /** [Close anyway]: the choice to close before the post-mortem is recorded. */
  public Response closeAnyway(BlockActionRequest req, ActionContext ctx) {
    Optional<Incident> incident = incident(req);
    if (incident.isEmpty()) {
      Replies.later(background, ctx, r -> r.responseType("ephemeral").replaceOriginal(true)
          .text("That question was about another incident, or this channel has none any more."));
      return ctx.ack();
    }
    String problem = close(incident.get(), req.getPayload().getUser().getId(), true);
    Replies.later(background, ctx, r -> r.responseType("ephemeral").replaceOriginal(true)
        .text(problem == null ? incident.get().id() + " is closed; the record notes it closed before its post-mortem."
            : problem));
    return ctx.ack();
  }

  /** [Not yet]: nothing changes; the question goes away. */
  public Response notYet(BlockActionRequest req, ActionContext ctx) {
    Replies.later(background, ctx, r -> r.deleteOriginal(true));
    return ctx.ack();
  }

  /** Closes; returns what to tell the caller instead when it cannot. */
  private String close(Incident i, String userId, boolean beforePostmortem) {
    var result = incidents.update(i.channelId(), userId, new IncidentUpdate.Close(beforePostmortem));
    if (result instanceof IncidentService.Rejected r) {
      return r.reason();
    }
    if (result instanceof IncidentService.NoIncident) {
      return IncidentMessages.NOT_AN_INCIDENT_CHANNEL;
    }
    return null; // the summary's publish job was scheduled with the change (PostmortemService#incidentChanged)
  }

  /**
   * The publish job: the summary in {@code POSTMORTEMS_CHANNEL}, once; never for a private incident, nor for one
   * whose channel was made private since (asked of Slack at the moment of posting).
   */
  public void publish(Job job) {
    if (postmortemsChannel.isEmpty()) {
      return;
    }
    IncidentId id = new IncidentId(Long.parseLong(job.payload()));
    Optional<Incident> incident = repository.byId(id);
    if (incident.isEmpty() || incident.get().privateChannel()
        || postmortemsChannel.get().equals(incident.get().channelId())) {
      return;
    }
    try {
      if (!broadcasts.mayPublish(id)) {
        return;
      }
    } catch (SlackCallFailed e) {
      throw SlackJobMessages.retryIfTemporary(job, e);
    }
    Incident i = incident.get();
    messages.postOnce(job, postmortemsChannel.get(),
        PostmortemMessages.published(i, postmortems.of(i.id()), followUps.forIncident(i.id()), scale));
  }

  private Optional<Incident> incident(BlockActionRequest req) {
    var p = req.getPayload();
    if (p.getActions() == null || p.getActions().isEmpty() || p.getChannel() == null) {
      return Optional.empty();
    }
    String value = p.getActions().get(0).getValue();
    return incidents.inChannel(p.getChannel().getId()).filter(i -> i.id().toString().equals(value));
  }
}
