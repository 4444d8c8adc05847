package dev.candor.slack.incident;

import dev.candor.incident.IncidentRepository;
import dev.candor.timeline.EntryCopies;
import dev.candor.timeline.ObservationKeys;
import dev.candor.timeline.TimelineEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Where the words of an incident change were kept besides its timeline entry: the change log (and the incident's
 * summary or title, while they still say it) and the announcement job that carries the rendered change.
 */
public final class ChangeCopies implements EntryCopies {
  private final IncidentRepository incidents;
  private final Announcements announcements;

  public ChangeCopies(IncidentRepository incidents, Announcements announcements) {
    this.incidents = incidents;
    this.announcements = announcements;
  }

  @Override
  public List<String> scrub(TimelineEntry entry) {
    OptionalLong version = ObservationKeys.actionVersion(entry.key());
    if (version.isEmpty()) {
      return List.of();
    }
    List<String> where = new ArrayList<>(incidents.scrubChange(entry.incidentId(), version.getAsLong()));
    where.addAll(announcements.scrub(entry.incidentId(), version.getAsLong(), entry.text()));
    return where;
  }
}
