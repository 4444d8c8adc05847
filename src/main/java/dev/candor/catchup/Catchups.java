package dev.candor.catchup;

import dev.candor.followup.FollowUp;
import dev.candor.followup.FollowUpRepository;
import dev.candor.incident.Incident;
import dev.candor.postmortem.KeyEvents;
import dev.candor.timeline.EntryKind;
import dev.candor.timeline.Timeline;
import dev.candor.timeline.TimelineEntry;
import dev.candor.timeline.TimelineService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The catch-up of an incident, built from what Candor recorded (no Slack reads), and who is owed one when they join
 * its channel.
 */
public final class Catchups {
  /** How many of the latest status updates a catch-up carries. */
  public static final int LATEST_UPDATES = 3;

  private final TimelineService timeline;
  private final FollowUpRepository followUps;
  private final Clock clock;

  public Catchups(TimelineService timeline, FollowUpRepository followUps, Clock clock) {
    this.timeline = timeline;
    this.followUps = followUps;
    this.clock = clock;
  }

  /** {@code incident}'s catch-up as of now. */
  public Catchup of(Incident incident) {
    return of(incident, Timeline.of(incident, timeline.entries(incident.id())),
        followUps.forIncident(incident.id()), clock.instant());
  }

  /** The catch-up of {@code incident}, with its {@code timeline} and follow-ups, at {@code now}. Pure. */
  static Catchup of(Incident incident, Timeline timeline, List<FollowUp> followUps, Instant now) {
    List<Timeline.Item> updates = timeline.items().stream().filter(i -> isStatusUpdate(i.entry())).toList();
    List<FollowUp> open = followUps.stream().filter(FollowUp::isOpen)
        .sorted(Comparator.comparing(FollowUp::due).thenComparingLong(FollowUp::id)).toList();
    Instant end = incident.times().resolved() != null ? incident.times().resolved() : now;
    return new Catchup(incident, nonNegative(Duration.between(incident.times().started(), end)),
        nonNegative(Duration.between(incident.times().lastUpdate(), now)),
        updates.subList(Math.max(0, updates.size() - LATEST_UPDATES), updates.size()),
        KeyEvents.select(timeline), open);
  }

  /** A status update as {@code /incident status} records it. */
  static boolean isStatusUpdate(TimelineEntry e) {
    return e.kind() == EntryKind.ACTION && e.detail() != null
        && (e.detail().equals("STATUS") || e.detail().startsWith("STATUS "));
  }

  /**
   * Whether {@code user}, heard joining {@code incident}'s channel, may be owed a catch-up: the incident is open, and
   * they are a person who neither declared it nor is Candor ({@code self}). Whether they were present at declaration,
   * or had one already, is the {@link CatchupLog}'s to say; whether they are a bot, Slack's.
   */
  public static boolean mayBeOwed(Incident incident, String user, String self) {
    return incident.isOpen() && user != null && (user.startsWith("U") || user.startsWith("W"))
        && !user.equals(self) && !user.equals(incident.declaredBy());
  }

  private static Duration nonNegative(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }
}
