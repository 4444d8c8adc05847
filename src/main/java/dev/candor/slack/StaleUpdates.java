package dev.candor.slack;

import dev.candor.incident.Durations;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentChange;
import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentNotifier;
import dev.candor.incident.IncidentRepository;
import dev.candor.jobs.Job;
import dev.candor.jobs.JobStore;
import dev.candor.slack.views.Mrkdwn;
import dev.candor.slack.views.SlackMessage;
import dev.candor.timeline.EntryKind;
import dev.candor.timeline.Source;
import dev.candor.timeline.TimelineEntry;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * While an incident is open and nothing was heard from its commander or through {@code status} for
 * {@code CANDOR_STATUS_REMINDER}, its commander gets a DM. The timer is one durable job per incident,
 * moved forward by every update: when it fires, the quiet really lasted that long.
 */
public final class StaleUpdates implements IncidentNotifier {
  public static final String KIND = "incident.stale";
  private static final Set<IncidentChange.Kind> UPDATES = EnumSet.of(IncidentChange.Kind.DECLARED,
      IncidentChange.Kind.STATUS, IncidentChange.Kind.MITIGATED, IncidentChange.Kind.REOPENED);
  private static final Set<IncidentChange.Kind> ENDINGS = EnumSet.of(IncidentChange.Kind.RESOLVED,
      IncidentChange.Kind.CANCELLED);

  private final JobStore jobs;
  private final IncidentRepository incidents;
  private final SlackJobMessages messages;
  private final Duration quiet;
  private final Clock clock;

  public StaleUpdates(JobStore jobs, IncidentRepository incidents, SlackJobMessages messages, Duration quiet,
      Clock clock) {
    this.jobs = jobs;
    this.incidents = incidents;
    this.messages = messages;
    this.quiet = quiet;
    this.clock = clock;
  }

  @Override
  public void declared(Incident incident, IncidentChange change) {
    restart(incident.id());
  }

  @Override
  public void changed(Incident incident, IncidentChange change) {
    if (UPDATES.contains(change.kind())) {
      restart(incident.id());
    } else if (ENDINGS.contains(change.kind())) {
      jobs.cancel(key(incident.id()));
    }
  }

  /** A message from the commander in the incident channel counts as an update. */
  public void onNewEntry(TimelineEntry e) {
    if (e.kind() == EntryKind.MESSAGE && e.source() == Source.EVENT) {
      incidents.byId(e.incidentId())
          .filter(i -> i.isOpen() && e.actor().equals(i.roles().commander()))
          .ifPresent(i -> restart(i.id()));
    }
  }

  /** The job: remind the commander, then wait another quiet period. */
  public void run(Job job) {
    var incident = incidents.byId(new IncidentId(Long.parseLong(job.payload()))).filter(Incident::isOpen);
    if (incident.isEmpty() || incident.get().roles().commander() == null) {
      return;
    }
    Incident i = incident.get();
    String text = ":hourglass_flowing_sand: No update on " + i.id() + " (" + Mrkdwn.escape(i.title()) + ") for "
        + Durations.words(quiet) + ". A line with `/incident status <update>` in " + Mrkdwn.channel(i.channelId())
        + " tells everyone where things stand — even \"still investigating\" helps.";
    messages.postOnce(job, messages.dmChannel(i.roles().commander()), new SlackMessage(text, List.of()));
    restart(i.id());
  }

  private void restart(IncidentId id) {
    jobs.schedule(KIND, key(id), Long.toString(id.value()), clock.instant().plus(quiet));
  }

  static String key(IncidentId id) {
    return "incident:" + id.value() + ":stale";
  }
}
