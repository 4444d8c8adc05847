package dev.candor.postmortem;

import dev.candor.followup.FollowUp;
import dev.candor.incident.Incident;
import dev.candor.timeline.Timeline;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a draft is built from. {@code facilitator} may be null; {@code meeting} may be empty;
 * {@code nudgesSent} is a count only, with no names; {@code zone} is how times are shown.
 */
public record PostmortemRecord(Incident incident, Timeline timeline, List<FollowUp> followUps, String facilitator,
    Optional<Meeting> meeting, long nudgesSent, ZoneId zone) {
  public PostmortemRecord {
    Objects.requireNonNull(incident, "incident");
    Objects.requireNonNull(timeline, "timeline");
    Objects.requireNonNull(zone, "zone");
    followUps = List.copyOf(followUps);
    meeting = meeting == null ? Optional.empty() : meeting;
    if (nudgesSent < 0) {
      throw new IllegalArgumentException("nudgesSent is a count: " + nudgesSent);
    }
    if (facilitator != null && facilitator.isBlank()) {
      facilitator = null;
    }
  }
}
