package dev.candor.slack.card;

import dev.candor.incident.Incident;
import dev.candor.incident.IncidentChange;
import dev.candor.incident.IncidentChange.Kind;
import dev.candor.incident.IncidentId;
import dev.candor.jobs.JobStore;
import dev.candor.slack.incident.Announcements;
import dev.candor.timeline.EntryCopies;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Schedules the living incident card's jobs, in the transaction of each change (the incident repository's journal
 * calls {@link #incidentChanged}): its posting with the declaration, ahead of the declaration's announcement in the
 * incident's announcement queue, so the card is the channel's first message; an edit after every change that shows
 * on it, keyed per incident so that a burst of changes is one edit (scheduling the key again replaces the pending
 * edit), {@link #EDIT_DELAY} later, in one queue per incident; and, while the incident is open, a refresh of its
 * times every {@link #REFRESH} (a job that schedules its next run).
 */
public final class Cards {
  /** Job kind: post the card (payload {@code post:<id>}) or edit it ({@code edit:<id>}). */
  public static final String KIND = "incident.card";
  /** Job kind: refresh an open incident's card times, then schedule the next refresh. */
  public static final String TICK = "incident.card.tick";
  /** Job kind: pin and bookmark a card just posted (and bookmark the call link). */
  public static final String PIN = "incident.card.pin";
  /** How long an edit waits for more changes to come with it. */
  public static final Duration EDIT_DELAY = Duration.ofSeconds(1);
  /** How often an open incident's card shows its times anew. */
  public static final Duration REFRESH = Duration.ofMinutes(2);
  private static final Set<Kind> SHOWN = EnumSet.of(Kind.STATUS, Kind.MITIGATED, Kind.SEVERITY, Kind.ROLE,
      Kind.TITLE, Kind.SUMMARY, Kind.RESOLVED, Kind.REOPENED, Kind.CANCELLED, Kind.CLOSED, Kind.MADE_PRIVATE);

  private final JobStore jobs;
  private final Clock clock;

  public Cards(JobStore jobs, Clock clock) {
    this.jobs = jobs;
    this.clock = clock;
  }

  /** {@code change} was made to {@code incident}: its card is posted, or edited, and kept fresh while open. */
  public void incidentChanged(Incident incident, IncidentChange change) {
    IncidentId id = incident.id();
    if (change.kind() == Kind.DECLARED) {
      jobs.scheduleInQueue(Announcements.queue(id), KIND, key(id) + "post", "post:" + id.value(), clock.instant());
      refreshLater(id);
      return;
    }
    if (!SHOWN.contains(change.kind())) {
      return;
    }
    edit(id, clock.instant().plus(EDIT_DELAY));
    if (change.kind() == Kind.REOPENED) {
      refreshLater(id);
    }
  }

  /**
   * What redacting {@code entry} means for the card: it is drawn again from the record, now without the words (an
   * edit that would show the same is skipped). The card's row keeps only a hash of what it showed, never words.
   */
  public EntryCopies redactions() {
    return entry -> {
      edit(entry.incidentId(), clock.instant());
      return List.of();
    };
  }

  /** Schedules (or moves) the edit of {@code id}'s card to {@code at}. */
  void edit(IncidentId id, Instant at) {
    jobs.scheduleInQueue("card:" + id.value(), KIND, key(id) + "edit", "edit:" + id.value(), at);
  }

  void refreshLater(IncidentId id) {
    jobs.schedule(TICK, key(id) + "tick", String.valueOf(id.value()), clock.instant().plus(REFRESH));
  }

  void pinLater(IncidentId id) {
    jobs.schedule(PIN, key(id) + "pin", String.valueOf(id.value()), clock.instant());
  }

  private static String key(IncidentId id) {
    return "card:" + id.value() + ":";
  }
}
