package dev.candor.slack.incident;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import dev.candor.incident.Durations;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentChange;
import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentNotifier;
import dev.candor.incident.IncidentRepository;
import dev.candor.incident.Role;
import dev.candor.incident.SeverityScale;
import dev.candor.jobs.Job;
import dev.candor.jobs.JobStore;
import dev.candor.slack.platform.AppHome;
import dev.candor.slack.platform.Mrkdwn;
import dev.candor.slack.platform.PrivateChannels;
import dev.candor.slack.platform.SlackCallFailed;
import dev.candor.slack.platform.SlackJobMessages;
import dev.candor.slack.platform.SlackMessage;
import dev.candor.timeline.EntryKind;
import dev.candor.timeline.Source;
import dev.candor.timeline.TimelineEntry;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
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
  private final PrivateChannels members;
  private final Duration quiet;
  private final Clock clock;
  private final SeverityScale scale;

  /** {@code members} keeps a private incident's title from a commander who isn't in its channel. */
  public StaleUpdates(JobStore jobs, IncidentRepository incidents, SlackJobMessages messages, PrivateChannels members,
      Duration quiet, Clock clock) {
    this(jobs, incidents, messages, members, quiet, clock, SeverityScale.defaults());
  }

  /** As above, the reminder naming the incident's severity as the team's {@code scale} does. */
  public StaleUpdates(JobStore jobs, IncidentRepository incidents, SlackJobMessages messages, PrivateChannels members,
      Duration quiet, Clock clock, SeverityScale scale) {
    this.scale = scale;
    this.jobs = jobs;
    this.incidents = incidents;
    this.messages = messages;
    this.members = members;
    this.quiet = quiet;
    this.clock = clock;
  }

  @Override
  public void declared(Incident incident, IncidentChange change) {
    restart(incident.id());
  }

  @Override
  public void changed(Incident incident, IncidentChange change) {
    if (UPDATES.contains(change.kind()) || (change.kind() == IncidentChange.Kind.ROLE
        && change.value().startsWith(Role.COMMANDER.name() + "="))) {
      restart(incident.id());
    } else if (ENDINGS.contains(change.kind())) {
      jobs.cancel(key(incident.id()));
    }
  }

  /** A message from the commander in the incident channel counts as an update. */
  public void onNewEntry(TimelineEntry e) {
    if (e.kind() == EntryKind.MESSAGE && e.source() == Source.EVENT) {
      incidents.byId(e.incidentId())
          .filter(i -> i.isOpen() && Objects.equals(e.actor(), i.roles().commander()))
          .ifPresent(i -> restart(i.id()));
    }
  }

  /**
   * The job: remind the commander, then wait twice as long before the next reminder (at most
   * {@link #LONGEST}), so a quiet night does not become a DM every half hour.
   */
  public void run(Job job) {
    String[] payload = job.payload().split(":");
    int sent = payload.length > 1 ? Integer.parseInt(payload[1]) : 0;
    var incident = incidents.byId(new IncidentId(Long.parseLong(payload[0]))).filter(Incident::isOpen);
    if (incident.isEmpty() || incident.get().roles().commander() == null) {
      return;
    }
    Incident i = incident.get();
    messages.dmOnce(job, i.roles().commander(), mayHear(job, i, i.roles().commander())
        ? reminder(i, quiet, scale)
        : PrivateChannels.outsiderNote("A private incident you're the commander of has had no status update for "
            + Durations.words(quiet) + "."));
    Duration next = quiet.multipliedBy(1L << Math.min(sent + 1, 10));
    jobs.schedule(KIND, key(i.id()), i.id().value() + ":" + (sent + 1),
        clock.instant().plus(next.compareTo(LONGEST) > 0 ? LONGEST : next));
  }

  /**
   * The commander's reminder, with [Post update]: the App Home's status form ({@link AppHome#POST_UPDATE}), posted
   * in the channel as {@code /incident status} posts it.
   */
  static SlackMessage reminder(Incident i, Duration quiet, SeverityScale scale) {
    String text = ":hourglass_flowing_sand: No update on " + i.id() + " (" + Mrkdwn.words(i.title()) + ", "
        + Mrkdwn.words(scale.level(i.severity()).name()) + ") for "
        + Durations.words(quiet) + ". A line in " + Mrkdwn.channel(i.channelId()) + " tells everyone where things "
        + "stand — even \"still investigating\" helps: [Post update] below, or " + Mrkdwn.code("/incident status <update>")
        + " there.";
    String id = i.id().toString();
    return new SlackMessage(text, List.of(Mrkdwn.section(text), actions(a -> a.elements(List.of(
        button(b -> b.actionId(AppHome.POST_UPDATE).value(id).style("primary").text(plainText("Post update"))))))));
  }

  /** Whether {@code user} may hear about {@code incident} (see {@link PrivateChannels}); Slack unreachable retries. */
  private boolean mayHear(Job job, Incident incident, String user) {
    try {
      return members.mayHear(incident, user);
    } catch (SlackCallFailed e) {
      throw SlackJobMessages.retryIfTemporary(job, e);
    }
  }

  /** The longest wait between two reminders about the same quiet incident. */
  static final Duration LONGEST = Duration.ofHours(8);

  private void restart(IncidentId id) {
    jobs.schedule(KIND, key(id), id.value() + ":0", clock.instant().plus(quiet));
  }

  static String key(IncidentId id) {
    return "incident:" + id.value() + ":stale";
  }
}
