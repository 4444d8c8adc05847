package dev.candor.slack.incident;

import dev.candor.incident.Incident;
import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentService;
import dev.candor.incident.IncidentUpdate;
import dev.candor.slack.platform.PrivateChannels;
import dev.candor.slack.platform.SlackCallFailed;
import dev.candor.slack.platform.SlackGateway;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether an incident may be published outside its channel ({@code INCIDENTS_CHANNEL}, {@code POSTMORTEMS_CHANNEL})
 * now, asked just before each post: the incident must be public in Candor's record and its channel public as Slack
 * has it at that moment ({@code conversations.info}). A channel found private is recorded so (the incident is made
 * private, as Slack's {@code channel_convert_to_private} notice would have made it), so a missed or late notice
 * leaks nothing either. A channel Candor can no longer see is not published about.
 */
public final class Broadcasts {
  private static final Logger log = LoggerFactory.getLogger(Broadcasts.class);
  private final IncidentService incidents;
  private final SlackGateway slack;
  private final String candorUser;

  /** {@code candorUser} is Candor's own user, named as who found a channel private. */
  public Broadcasts(IncidentService incidents, SlackGateway slack, String candorUser) {
    this.incidents = incidents;
    this.slack = slack;
    this.candorUser = candorUser;
  }

  /**
   * True when {@code id} is a public incident whose channel is public now. A temporary Slack failure stays a
   * {@link SlackCallFailed}, for the job to retry.
   */
  public boolean mayPublish(IncidentId id) {
    Optional<Incident> found = incidents.byId(id);
    if (found.isEmpty() || found.get().privateChannel()) {
      return false;
    }
    Incident incident = found.get();
    boolean privateNow;
    try {
      var channel = slack.call("conversations.info",
          c -> c.conversationsInfo(r -> r.channel(incident.channelId()))).getChannel();
      privateNow = channel == null || channel.isPrivate();
    } catch (SlackCallFailed e) {
      if (PrivateChannels.GONE.contains(e.error())) {
        log.info("{}: its channel {} can't be seen ({}); nothing about it is published elsewhere", incident.id(),
            incident.channelId(), e.error());
        return false;
      }
      throw e;
    }
    if (privateNow) {
      log.info("{}: its channel {} is private now; recorded so, and nothing about it is published elsewhere",
          incident.id(), incident.channelId());
      incidents.update(incident.channelId(), candorUser, new IncidentUpdate.MakePrivate());
    }
    return !privateNow;
  }
}
