package dev.candor.store;

import dev.candor.incident.Incident;
import dev.candor.incident.IncidentChange;
import dev.candor.timeline.IncidentActions;
import dev.candor.timeline.Observation;
import dev.candor.timeline.TimelineService;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Puts every incident change into the incident's timeline, in the transaction that made the change, and seals the
 * incident's row as it now stands into the incident's head.
 */
public final class TimelineJournal implements JdbcIncidentRepository.ChangeJournal {
  private final TimelineService timeline;

  public TimelineJournal(TimelineService timeline) {
    this.timeline = timeline;
  }

  @Override
  public void record(Connection c, Incident incident, IncidentChange change, long version) throws SQLException {
    Observation o = IncidentActions.observation(incident, change, version);
    JdbcTimelineStore.appendChangeIn(c, incident.id(), o.key(), timeline.sealer(incident.id(), o));
  }
}
