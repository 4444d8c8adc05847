package dev.candor.slack.incident;

import dev.candor.config.CallLink;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentService;
import dev.candor.incident.SeverityScale;
import dev.candor.slack.platform.KeptMembers;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Open incidents a person may see: only those whose channel they are a member of, as Candor keeps channel membership
 * ({@link KeptMembers}): a look asks Slack nothing, however many incidents are open.
 */
public final class OpenIncidents {
  private final IncidentService incidents;
  private final KeptMembers members;
  private final Clock clock;
  private final CallLink calls;
  private final SeverityScale scale;

  public OpenIncidents(IncidentService incidents, KeptMembers members, Clock clock) {
    this(incidents, members, clock, CallLink.none(), SeverityScale.defaults());
  }

  /**
   * {@code calls}: each incident's call ({@code CANDOR_CALL_URL}), shown with it; severities named as the team's
   * {@code scale} does.
   */
  public OpenIncidents(IncidentService incidents, KeptMembers members, Clock clock, CallLink calls,
      SeverityScale scale) {
    this.scale = scale;
    this.incidents = incidents;
    this.members = members;
    this.clock = clock;
    this.calls = calls;
  }

  /** The call of {@code incident}, when {@code CANDOR_CALL_URL} is set. */
  /** How the team names severities (CANDOR_SEVERITIES), for whatever shows these incidents to people. */
  public SeverityScale scale() {
    return scale;
  }

  public Optional<String> callOf(Incident incident) {
    return calls.link(incident.id().value(), incident.title());
  }

  public List<Incident> visibleTo(String userId) {
    return visibleAmong(incidents.open(), userId);
  }

  /** Those of {@code incidents} whose channel {@code userId} is a member of (a channel Candor cannot read: none). */
  public List<Incident> visibleAmong(List<Incident> incidents, String userId) {
    Set<String> in = members.channelsOf(userId, incidents.stream().map(Incident::channelId).toList());
    return incidents.stream().filter(i -> in.contains(i.channelId())).toList();
  }

  public String textFor(String userId) {
    return IncidentMessages.list(visibleTo(userId), clock.instant(), this::callOf, scale);
  }
}
