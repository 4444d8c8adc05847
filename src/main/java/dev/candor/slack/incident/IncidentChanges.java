package dev.candor.slack.incident;

import dev.candor.incident.IncidentService;
import dev.candor.incident.IncidentUpdate;
import dev.candor.slack.platform.People;
import dev.candor.slack.platform.SlackGateway;
import java.util.Optional;

/**
 * A change to an incident as people ask for it in Slack, by a typed command ({@code /incident status|sev|role|resolve
 * …}) or by a button on the incident card: the same checks (a person named is looked up first), the same service
 * call, the same refusals. Answers what to tell the person when the change was not made.
 */
public final class IncidentChanges {
  private final IncidentService incidents;
  private final SlackGateway withinAck;

  /** {@code withinAck} looks up a person named while Slack waits for its answer. */
  public IncidentChanges(IncidentService incidents, SlackGateway withinAck) {
    this.incidents = incidents;
    this.withinAck = withinAck;
  }

  /**
   * Applies {@code update} to the incident of {@code channelId} for {@code actor}, {@code userToCheck} (a person given
   * a role) looked up first. Empty when it was made; otherwise why not, for the person who asked.
   */
  public Optional<String> apply(String channelId, String actor, IncidentUpdate update,
      Optional<String> userToCheck) {
    if (incidents.inChannel(channelId).isEmpty()) {
      return Optional.of(IncidentMessages.NOT_AN_INCIDENT_CHANNEL);
    }
    if (userToCheck.isPresent()) {
      String problem = People.find(withinAck, userToCheck.get(), "`/incident role commander @alex`.").problem();
      if (problem != null) {
        return Optional.of(problem);
      }
    }
    var result = incidents.update(channelId, actor, update);
    if (result instanceof IncidentService.Rejected r) {
      return Optional.of(r.reason());
    }
    if (result instanceof IncidentService.NoIncident) {
      return Optional.of("This channel is not an incident channel any more.");
    }
    return Optional.empty();
  }
}
