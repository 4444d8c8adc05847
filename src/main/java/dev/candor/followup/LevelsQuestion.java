package dev.candor.followup;

import dev.candor.incident.Incident;
import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentRepository;
import dev.candor.incident.IncidentState;
import dev.candor.jobs.Job;
import dev.candor.jobs.JobStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Learning must reach above the code: when every follow-up of an incident (open or done; not the dropped)
 * is at the software level, its facilitator is asked, once per incident, what organization, culture or
 * process made the incident likely.
 *
 * <p>When: {@code after} ({@code CANDOR_FOLLOWUP_LEVELS_AFTER}, 4 hours) after the last follow-up change
 * that left the incident's follow-ups all at the software level (at least one), so a team still
 * adding follow-ups is not interrupted; and not while the incident is still running (then it waits
 * another {@code after}). A change that adds another level, or leaves no open follow-up, disarms it. The
 * timer is one durable job per incident; that job finished (done) means the question was asked, so it
 * is never asked twice.
 */
public final class LevelsQuestion {
  /** The job kind; the Slack side sends the question. */
  public static final String KIND = "followup.levels";

  private final FollowUpRepository followUps;
  private final IncidentRepository incidents;
  private final Facilitators facilitators;
  private final JobStore jobs;
  private final Duration after;
  private final Clock clock;

  public LevelsQuestion(FollowUpRepository followUps, IncidentRepository incidents, Facilitators facilitators,
      JobStore jobs, Duration after, Clock clock) {
    this.followUps = followUps;
    this.incidents = incidents;
    this.facilitators = facilitators;
    this.jobs = jobs;
    this.after = after;
    this.clock = clock;
  }

  /** The question to send: to whom, about which incident and its (software-level) follow-ups. */
  public record Ask(String facilitator, Incident incident, List<FollowUp> followUps) {}

  /**
   * True when the incident's follow-ups that stand (open or done; a dropped one was given up) are at
   * least one, all at the software level. A done follow-up at another level still counts: that learning
   * happened.
   */
  public static boolean softwareOnly(List<FollowUp> followUps) {
    List<FollowUp> standing = followUps.stream().filter(f -> f.status() != FollowUp.Status.DROPPED).toList();
    return !standing.isEmpty() && standing.stream().allMatch(f -> f.level() == Level.SOFTWARE);
  }

  public static String key(IncidentId incident) {
    return "incident:" + incident.value() + ":levels";
  }

  /** After a follow-up of {@code incident} changed (in the same unit of work): arms, moves or disarms the question. */
  public void consider(IncidentId incident) {
    String key = key(incident);
    if (asked(key) || beingAsked(key)) {
      return; // a running job decides for itself; rescheduling it now would ask a second time
    }
    if (softwareOnly(followUps.forIncident(incident))) {
      jobs.schedule(KIND, key, Long.toString(incident.value()), clock.instant().plus(after));
    } else {
      jobs.cancel(key);
    }
  }

  /** Whether the question about {@code incident} was asked already. */
  public boolean asked(IncidentId incident) {
    return asked(key(incident));
  }

  private boolean beingAsked(String key) {
    return jobs.find(key).filter(e -> e.status() == Job.Status.CLAIMED).isPresent();
  }

  private boolean asked(String key) {
    return jobs.find(key).filter(e -> e.status() == Job.Status.DONE).isPresent();
  }

  /**
   * When the job runs: the question to send now, or empty — then the job has been put off (the incident
   * is still running) or disarmed (nothing to ask any more) — and no message goes out.
   */
  public Optional<Ask> due(Job job) {
    IncidentId id = new IncidentId(Long.parseLong(job.payload()));
    Optional<Incident> incident = incidents.byId(id);
    List<FollowUp> all = followUps.forIncident(id);
    if (incident.isEmpty() || incident.get().state() == IncidentState.CANCELLED || !softwareOnly(all)) {
      jobs.cancel(job.key()); // disarmed rather than done, so a later change may arm it again
      return Optional.empty();
    }
    if (incident.get().isOpen()) {
      jobs.schedule(KIND, job.key(), job.payload(), clock.instant().plus(after));
      return Optional.empty();
    }
    Optional<String> facilitator = facilitators.of(id);
    if (facilitator.isEmpty()) {
      jobs.cancel(job.key());
      return Optional.empty();
    }
    return Optional.of(new Ask(facilitator.get(), incident.get(),
        all.stream().filter(f -> f.status() != FollowUp.Status.DROPPED).toList()));
  }
}
