package dev.candor.slack;

import dev.candor.followup.FollowUp;
import dev.candor.followup.FollowUpService;
import dev.candor.followup.LevelsQuestion;
import dev.candor.followup.WeeklyDigest;
import dev.candor.incident.IncidentRepository;
import dev.candor.jobs.Job;
import dev.candor.jobs.JobHandler;
import dev.candor.slack.views.FacilitatorMessages;
import dev.candor.slack.views.FollowUpMessages;
import java.util.Map;
import java.util.Optional;

/**
 * The follow-up jobs' Slack side: the owner's DM on assignment (or when handed one), each reminder (which
 * schedules the next, even when it fails for good), the question about levels to the facilitator, and
 * the weekly digest with its sweep. Each message goes out once ({@link SlackJobMessages#dmOnce}).
 */
public final class FollowUpJobs {
  private final FollowUpService followUps;
  private final IncidentRepository incidents;
  private final SlackJobMessages messages;
  private final LevelsQuestion levels;
  private final WeeklyDigest digest;

  public FollowUpJobs(FollowUpService followUps, IncidentRepository incidents, SlackJobMessages messages,
      LevelsQuestion levels, WeeklyDigest digest) {
    this.followUps = followUps;
    this.incidents = incidents;
    this.messages = messages;
    this.levels = levels;
    this.digest = digest;
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
    open(job.payload()).ifPresent(f -> incidents.byId(f.incidentId()).ifPresent(incident ->
        messages.dmOnce(job, f.owner(), FollowUpMessages.assigned(f, incident))));
  }

  /** Payload {@code <id> <who handed it over>}. */
  private void reassigned(Job job) {
    String[] p = job.payload().split(" ", 2);
    String by = p.length > 1 ? p[1] : null;
    open(p[0]).ifPresent(f -> incidents.byId(f.incidentId()).ifPresent(incident ->
        messages.dmOnce(job, f.owner(), FollowUpMessages.reassignedToYou(f, incident, by))));
  }

  private void remind(Job job) {
    Optional<FollowUp> open = open(job.payload());
    if (open.isEmpty()) {
      return;
    }
    FollowUp f = open.get();
    incidents.byId(f.incidentId()).ifPresent(incident -> messages.dmOnce(job, f.owner(),
        FollowUpMessages.reminder(f, incident, followUps.today(f.ownerZone()))));
    followUps.reminded(f, job.runAt());
  }

  /** A reminder that could not be sent after every attempt: the next one is still scheduled. */
  private void remindFailed(Job job) {
    open(job.payload()).ifPresent(f -> followUps.reminded(f, job.runAt()));
  }

  private void levels(Job job) {
    levels.due(job).ifPresent(ask -> messages.dmOnce(job, ask.facilitator(), FacilitatorMessages.levelsQuestion(ask)));
  }

  private void digest(Job job) {
    digest.due(job).ifPresent(d -> messages.dmOnce(job, d.recipient(), FacilitatorMessages.digest(d)));
  }

  private Optional<FollowUp> open(String id) {
    try {
      return followUps.byId(Long.parseLong(id)).filter(FollowUp::isOpen);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
