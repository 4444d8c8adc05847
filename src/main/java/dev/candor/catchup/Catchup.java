package dev.candor.catchup;

import dev.candor.followup.FollowUp;
import dev.candor.incident.Incident;
import dev.candor.timeline.Timeline;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What someone joining an incident late needs first, from the record alone: where it stands ({@code incident}: state,
 * severity, roles), how old it is and how long since its last update, its latest status updates (newest last), its
 * key events so far (as the post-mortem draft selects them, in Slack order) and its open follow-ups. The lists are
 * whole; a view shows what fits and says how many more there are.
 */
public record Catchup(
    Incident incident,
    Duration age,
    Duration sinceLastUpdate,
    List<Timeline.Item> latestUpdates,
    List<Timeline.Item> keyEvents,
    List<FollowUp> openFollowUps) {

  public Catchup {
    Objects.requireNonNull(incident, "incident");
    Objects.requireNonNull(age, "age");
    Objects.requireNonNull(sinceLastUpdate, "sinceLastUpdate");
    latestUpdates = List.copyOf(latestUpdates);
    keyEvents = List.copyOf(keyEvents);
    openFollowUps = List.copyOf(openFollowUps);
  }
}
