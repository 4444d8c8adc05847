package dev.candor.slack.timeline;

import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentRepository;
import dev.candor.incident.IncidentService;
import dev.candor.incident.SeverityScale;
import dev.candor.slack.incident.IncidentMessages;
import dev.candor.slack.platform.SlackCallFailed;
import dev.candor.slack.platform.SlackGateway;
import dev.candor.timeline.Timeline;
import dev.candor.timeline.TimelineService;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /incident timeline}: the incident's timeline in a modal, paged with Previous and Next through
 * views.update (an ephemeral message could not be changed in place).
 */
final class TimelineModal {
  private static final Logger log = LoggerFactory.getLogger(TimelineModal.class);
  private final IncidentService incidents;
  private final IncidentRepository repository;
  private final TimelineService timeline;
  private final SlackGateway withinAck;
  private final SeverityScale scale;

  TimelineModal(IncidentService incidents, IncidentRepository repository, TimelineService timeline,
      SlackGateway withinAck, SeverityScale scale) {
    this.scale = scale;
    this.incidents = incidents;
    this.repository = repository;
    this.timeline = timeline;
    this.withinAck = withinAck;
  }

  /** Opens page 1 for the incident of {@code channelId}; returns what to tell the caller when it cannot. */
  public Optional<String> open(String channelId, String triggerId) {
    Optional<Incident> incident = incidents.inChannel(channelId);
    if (incident.isEmpty()) {
      return Optional.of(IncidentMessages.NOT_AN_INCIDENT_CHANNEL);
    }
    var view = TimelineModalView.page(incident.get(), read(incident.get()), 1, scale);
    try {
      withinAck.call("views.open", c -> c.viewsOpen(r -> r.triggerId(triggerId).view(view)));
      return Optional.empty();
    } catch (SlackCallFailed e) {
      log.warn("{}: opening the timeline failed: {}", incident.get().id(), e.getMessage());
      return Optional.of("I couldn't open the timeline (Slack answered `" + e.error() + "`). Try again, or ask "
          + "the operator for `candor export " + incident.get().id() + " --format md`.");
    }
  }

  /** Previous or Next: the value of the button is the page to show. */
  public Response turn(BlockActionRequest req, ActionContext ctx) {
    var payload = req.getPayload();
    var view = payload.getView();
    var position = TimelineModalView.Position.parse(view == null ? null : view.getPrivateMetadata());
    if (position.isEmpty() || payload.getActions() == null || payload.getActions().isEmpty()) {
      return ctx.ack();
    }
    Optional<Incident> incident = repository.byId(position.get().incident());
    int page;
    try {
      page = Integer.parseInt(payload.getActions().get(0).getValue());
    } catch (NumberFormatException e) {
      return ctx.ack();
    }
    if (incident.isEmpty()) {
      return ctx.ack();
    }
    var next = TimelineModalView.page(incident.get(), read(incident.get()), page, scale);
    try {
      withinAck.call("views.update", c -> c.viewsUpdate(r -> r.viewId(view.getId()).hash(view.getHash()).view(next)));
    } catch (SlackCallFailed e) {
      // hash_conflict: the reader clicked twice; the later click's view stands
      log.info("{}: turning the timeline page failed: {}", incident.get().id(), e.error());
    }
    return ctx.ack();
  }

  private Timeline read(Incident incident) {
    return Timeline.of(incident, timeline.entries(incident.id()));
  }
}
