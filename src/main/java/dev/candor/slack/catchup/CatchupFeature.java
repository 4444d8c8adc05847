package dev.candor.slack.catchup;

import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.candor.catchup.CatchupLog;
import dev.candor.catchup.Catchups;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentNotifier;
import dev.candor.incident.IncidentRepository;
import dev.candor.jobs.JobHandler;
import dev.candor.slack.platform.PrivateChannels;
import dev.candor.slack.platform.Replies;
import dev.candor.slack.platform.SlackCallFailed;
import dev.candor.slack.platform.SlackFeature;
import dev.candor.slack.platform.SlackInfrastructure;
import dev.candor.timeline.TimelineEntry;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * A catch-up for whoever joins an incident late: {@code /incident catchup}, the DM to a person joining an open
 * incident's channel (once; off with {@code CANDOR_CATCHUP_ON_JOIN=off}), and the [Timeline] button on both, which
 * opens the incident's paged timeline modal as {@code /incident timeline} does.
 */
public final class CatchupFeature implements SlackFeature {
  private final CatchupCommands commands;
  private final CatchupOnJoin onJoin;
  private final IncidentRepository incidents;
  private final PrivateChannels members;
  private final SlackInfrastructure infra;
  private BiFunction<String, String, Optional<String>> timeline = (channel, trigger) -> Optional.of(
      "The timeline can't be opened from here; use `/incident timeline` in the incident's channel.");

  private CatchupFeature(CatchupCommands commands, CatchupOnJoin onJoin, IncidentRepository incidents,
      SlackInfrastructure infra) {
    this.commands = commands;
    this.onJoin = onJoin;
    this.incidents = incidents;
    this.members = new PrivateChannels(infra.withinAck());
    this.infra = infra;
  }

  /**
   * The DM's Slack calls are a job's ({@link SlackInfrastructure#forJobs()}): single attempts that never wait, a rate
   * limit or an outage retrying the job later instead of holding its thread.
   */
  public static CatchupFeature assemble(SlackInfrastructure infra, IncidentRepository incidents, Catchups catchups,
      CatchupLog catchupLog) {
    var onJoin = new CatchupOnJoin(infra.settings().catchupOnJoin(), incidents, catchups, catchupLog, infra.jobs(),
        infra.forJobs().gateway(), infra.forJobs().messages(), infra.identity().userId(),
        infra.clock(), infra.settings().declare().severities());
    return new CatchupFeature(new CatchupCommands(catchups, infra.background(), infra.settings().declare().severities()),
        onJoin, incidents, infra);
  }

  /** What opens an incident's timeline modal: (channel, trigger id) to what to tell the person when it cannot. */
  public void openTimelineWith(BiFunction<String, String, Optional<String>> opener) {
    this.timeline = opener;
  }

  /** Hears of each incident declared (to read who is present) and changed. */
  public IncidentNotifier notifier() {
    return onJoin;
  }

  /** Hears of each new timeline entry: a person joining an incident channel may be owed a catch-up. */
  public void onNewEntry(TimelineEntry entry) {
    onJoin.onNewEntry(entry);
  }

  public CatchupCommands commands() {
    return commands;
  }

  @Override
  public void register(App app) {
    app.blockAction(CatchupView.TIMELINE, this::timelineClicked);
  }

  @Override
  public Map<String, JobHandler> jobHandlers() {
    return Map.of(CatchupOnJoin.ROSTER, onJoin::roster, CatchupOnJoin.SEND, onJoin::send);
  }

  /** [Timeline]: the value is the incident's channel; a private incident's only for its members. */
  private Response timelineClicked(BlockActionRequest req, ActionContext ctx) {
    var payload = req.getPayload();
    if (payload.getActions() == null || payload.getActions().isEmpty() || payload.getUser() == null) {
      return ctx.ack();
    }
    String channel = payload.getActions().get(0).getValue();
    Optional<Incident> incident = channel == null ? Optional.empty() : incidents.byChannel(channel);
    String problem;
    if (incident.isEmpty()) {
      problem = "I can't find that incident any more.";
    } else {
      problem = refusal(incident.get(), payload.getUser().getId())
          .or(() -> timeline.apply(channel, payload.getTriggerId())).orElse(null);
    }
    if (problem != null) {
      String text = problem;
      Replies.later(infra.background(), ctx, r -> r.responseType("ephemeral").replaceOriginal(false).text(text));
    }
    return ctx.ack();
  }

  private Optional<String> refusal(Incident incident, String user) {
    try {
      return members.mayHear(incident, user) ? Optional.empty()
          : Optional.of(":lock: You aren't in this private incident's channel any more, so I can't show its timeline.");
    } catch (SlackCallFailed e) {
      return Optional.of("I couldn't check that you are in this private channel (Slack answered `" + e.error()
          + "`). Try again in a moment.");
    }
  }
}
