package dev.candor.slack.incident;

import dev.candor.incident.Incident;
import dev.candor.incident.IncidentService;
import dev.candor.slack.platform.ChannelMembers;
import dev.candor.slack.platform.SlackCallFailed;
import dev.candor.slack.platform.SlackGateway;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Open incidents a person may see: only those whose channel they are a member of. */
public final class OpenIncidents {
  private final IncidentService incidents;
  private final SlackGateway slack;
  private final Clock clock;

  public OpenIncidents(IncidentService incidents, SlackGateway slack, Clock clock) {
    this.incidents = incidents;
    this.slack = slack;
    this.clock = clock;
  }

  public List<Incident> visibleTo(String userId) {
    List<Incident> visible = new ArrayList<>();
    for (Incident incident : incidents.open()) {
      if (isMember(incident.channelId(), userId)) {
        visible.add(incident);
      }
    }
    return visible;
  }

  /** Those of {@code incidents} whose channel {@code userId} is a member of. */
  public List<Incident> visibleAmong(List<Incident> incidents, String userId) {
    return incidents.stream().filter(i -> isMember(i.channelId(), userId)).toList();
  }

  public String textFor(String userId) {
    return IncidentMessages.list(visibleTo(userId), clock.instant());
  }

  /** A channel Candor cannot read (archived, or it was removed) shows nobody its incident. */
  private boolean isMember(String channelId, String userId) {
    try {
      return ChannelMembers.listsMember(slack, channelId, userId);
    } catch (SlackCallFailed e) {
      return false;
    }
  }
}
