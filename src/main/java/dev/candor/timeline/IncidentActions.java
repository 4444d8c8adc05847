package dev.candor.timeline;

import dev.candor.incident.Incident;
import dev.candor.incident.IncidentChange;

/** Candor's own actions (declare, status, severity, roles, notes…) as timeline observations. */
public final class IncidentActions {
  private IncidentActions() {}

  /**
   * The observation of {@code change}, which made {@code incident} reach {@code version}: one entry per
   * version, however often it is recorded.
   */
  public static Observation observation(Incident incident, IncidentChange change, long version) {
    String refTs = null;
    String value = change.value();
    if (change.kind() == IncidentChange.Kind.KEY_EVENT) {
      int at = value.indexOf('@');
      refTs = at < 0 ? value : value.substring(0, at);
    }
    String detail = change.kind().name() + (value.isEmpty() ? "" : " " + value);
    return new Observation(ObservationKeys.action(incident.id().value(), version), EntryKind.ACTION,
        incident.channelId(), SlackTs.of(change.at()), null, change.actor(), change.text(), refTs, detail,
        Source.CANDOR, change.at(), change.secretMacs());
  }
}
