package dev.candor.slack.followup;

import dev.candor.followup.FollowUp;
import dev.candor.followup.FollowUpService;
import dev.candor.followup.LevelsQuestion;
import dev.candor.followup.WeeklyDigest;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentRepository;
import dev.candor.jobs.Job;
import dev.candor.jobs.JobHandler;
import dev.candor.slack.platform.PrivateChannels;
import dev.candor.slack.platform.SlackCallFailed;
import dev.candor.slack.platform.SlackJobMessages;
import dev.candor.trackers.TrackerLinks;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The follow-up jobs' Slack side: the owner's DM on assignment (or when handed one), each reminder (which
 * schedules the next, even when it fails for good), the question about levels to the facilitator, and
 * the weekly digest with its sweep. Each message goes out once ({@link SlackJobMessages#dmOnce}). Nothing about
 * a private incident goes to someone no longer in its channel: such a job completes without sending (logged).
 */
final class FollowUpJobs {
  private static final Logger log = LoggerFactory.getLogger(FollowUpJobs.class);
  private final FollowUpService followUps;
  private final IncidentRepository incidents;
  private final SlackJobMessages messages;
  private final LevelsQuestion levels;
  private final WeeklyDigest digest;
  private final PrivateChannels members;
  private final TrackerLinks issues;

  FollowUpJobs(FollowUpService followUps, IncidentRepository incidents, SlackJobMessages messages,
      LevelsQuestion levels, WeeklyDigest digest, PrivateChannels members, TrackerLinks issues) {
    this.issues = issues;
    this.followUps = followUps;
    this.incidents = incidents;
    this.messages = messages;
    this.levels = levels;
    this.digest = digest;
    this.members = members;
  }

  public Map<String, JobHandler> handlers() {
    return Map.of(
        FollowUpService.ASSIGNED, this::assigned,
        FollowUpService.REASSIGNED, this::reassigned,
        FollowUpService.REMIND, JobHandler.of(this::remind, this::remindFailed),
        LevelsQuestion.KIND, this::levels,
        WeeklyDigest.SWEEP, JobHandler.of(digest::sweep, digest::next),
        WeeklyDigest.SEND, this::digest);
  }

  private void assigned(Job job) {
    open(job.payload()).ifPresent(f -> incidents.byId(f.incidentId())
        .filter(incident -> mayHear(job, incident, f.owner()))
        .ifPresent(incident -> messages.dmOnce(job, f.owner(), FollowUpMessages.assigned(f, incident, issues.of(f.id())))));
  }

  /** Payload {@code <id> <who handed it over>}. */
  private void reassigned(Job job) {
    String[] p = job.payload().split(" ", 2);
    String by = p.length > 1 ? p[1] : null;
    open(p[0]).ifPresent(f -> incidents.byId(f.incidentId())
        .filter(incident -> mayHear(job, incident, f.owner()))
        .ifPresent(incident -> messages.dmOnce(job, f.owner(), FollowUpMessages.reassignedToYou(f, incident, by,
            issues.of(f.id())))));
  }

  private void remind(Job job) {
    Optional<FollowUp> open = reminderOf(job);
    if (open.isEmpty()) {
      return;
    }
    FollowUp f = open.get();
    // someone no longer in a private incident's channel is not reminded; the plan goes on, should they be back
    incidents.byId(f.incidentId()).filter(incident -> mayHear(job, incident, f.owner()))
        .ifPresent(incident -> messages.dmOnce(job, f.owner(),
            FollowUpMessages.reminder(f, incident, followUps.today(f.ownerZone()), issues.of(f.id()))));
    followUps.reminded(f, job.runAt(), job.payload());
  }

  /** A reminder that could not be sent after every attempt: the next one is still scheduled. */
  private void remindFailed(Job job) {
    reminderOf(job).ifPresent(f -> followUps.reminded(f, job.runAt(), job.payload()));
  }

  private void levels(Job job) {
    levels.due(job).filter(ask -> mayHear(job, ask.incident(), ask.facilitator()))
        .ifPresent(ask -> messages.dmOnce(job, ask.facilitator(), FacilitatorMessages.levelsQuestion(ask)));
  }

  private void digest(Job job) {
    digest.due(job).map(d -> new WeeklyDigest.Digest(d.recipient(), d.at(), d.items().stream()
            .filter(item -> mayHear(job, item.incident(), d.recipient())).toList()))
        .filter(d -> !d.items().isEmpty())
        .ifPresent(d -> messages.dmOnce(job, d.recipient(), FacilitatorMessages.digest(d)));
  }

  /**
   * Whether {@code user} may hear about {@code incident} now (see {@link PrivateChannels}); when not, says in
   * the log that {@code job} sends nothing to them. A temporary Slack failure retries the job.
   */
  private boolean mayHear(Job job, Incident incident, String user) {
    boolean may;
    try {
      may = members.mayHear(incident, user);
    } catch (SlackCallFailed e) {
      throw SlackJobMessages.retryIfTemporary(job, e);
    }
    if (!may) {
      log.info("job {} ({}): {} is not in the private channel of {}; nothing about it is sent to them", job.key(),
          job.id(), user, incident.id());
    }
    return may;
  }

  private Optional<FollowUp> reminderOf(Job job) {
    try {
      return followUps.byId(FollowUpService.reminderOf(job.payload())).filter(FollowUp::isOpen);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private Optional<FollowUp> open(String id) {
    try {
      return followUps.byId(Long.parseLong(id)).filter(FollowUp::isOpen);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
