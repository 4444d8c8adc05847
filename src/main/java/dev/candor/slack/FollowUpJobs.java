package dev.candor.slack;

import dev.candor.followup.FollowUp;
import dev.candor.followup.FollowUpService;
import dev.candor.incident.IncidentRepository;
import dev.candor.jobs.Job;
import dev.candor.jobs.JobHandler;
import dev.candor.slack.views.FollowUpMessages;
import java.util.Map;
import java.util.Optional;

/** The follow-up jobs: the owner's DM on assignment, and each reminder (which schedules the next). */
public final class FollowUpJobs {
  private final FollowUpService followUps;
  private final IncidentRepository incidents;
  private final SlackJobMessages messages;

  public FollowUpJobs(FollowUpService followUps, IncidentRepository incidents, SlackJobMessages messages) {
    this.followUps = followUps;
    this.incidents = incidents;
    this.messages = messages;
  }

  public Map<String, JobHandler> handlers() {
    return Map.of(FollowUpService.ASSIGNED, this::assigned, FollowUpService.REMIND, this::remind);
  }

  private void assigned(Job job) {
    open(job).ifPresent(f -> incidents.byId(f.incidentId()).ifPresent(incident ->
        messages.dmOnce(job, f.owner(), FollowUpMessages.assigned(f, incident))));
  }

  private void remind(Job job) {
    Optional<FollowUp> open = open(job);
    if (open.isEmpty()) {
      return;
    }
    FollowUp f = open.get();
    incidents.byId(f.incidentId()).ifPresent(incident -> messages.dmOnce(job, f.owner(),
        FollowUpMessages.reminder(f, incident, followUps.today(f.ownerZone()))));
    followUps.reminded(f, job.runAt());
  }

  private Optional<FollowUp> open(Job job) {
    try {
      return followUps.byId(Long.parseLong(job.payload())).filter(FollowUp::isOpen);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
