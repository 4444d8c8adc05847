package dev.candor.slack.postmortem;

import dev.candor.incident.Incident;
import dev.candor.incident.IncidentRepository;
import dev.candor.incident.IncidentState;
import dev.candor.jobs.Job;
import dev.candor.postmortem.PostmortemService;
import dev.candor.postmortem.PostmortemService.PromptStep;
import dev.candor.slack.platform.PrivateChannels;
import dev.candor.slack.platform.SlackCallFailed;
import dev.candor.slack.platform.SlackJobMessages;
import java.time.Clock;

/**
 * After a resolution ({@link PostmortemService#incidentChanged} schedules the first prompt in the same
 * transaction), the channel is asked about a post-mortem until someone decides: at once, again
 * after {@code CANDOR_POSTMORTEM_PROMPT_AFTER}, then the commander by DM. Each step is a durable job
 * whose message carries the job's id, so a restart neither loses nor repeats it.
 */
final class PostmortemPrompts {
  private final PostmortemService postmortems;
  private final IncidentRepository incidents;
  private final SlackJobMessages messages;
  private final PrivateChannels members;
  private final Clock clock;

  /** {@code members} keeps a private incident's title from a commander who isn't in its channel. */
  PostmortemPrompts(PostmortemService postmortems, IncidentRepository incidents, SlackJobMessages messages,
      PrivateChannels members, Clock clock) {
    this.postmortems = postmortems;
    this.incidents = incidents;
    this.messages = messages;
    this.members = members;
    this.clock = clock;
  }

  /** The prompt job: still resolved and undecided, so ask (the channel, or its commander), then plan the next. */
  public void run(Job job) {
    PromptStep step = PromptStep.parse(job.payload());
    var incident = incidents.byId(step.incident())
        .filter(i -> i.state() == IncidentState.RESOLVED && postmortems.stillUndecided(i.id()));
    if (incident.isEmpty()) {
      return;
    }
    Incident i = incident.get();
    if (step.step() == PostmortemService.COMMANDER) {
      String commander = i.roles().commander();
      if (commander != null) {
        messages.dmOnce(job, commander, mayHear(job, i, commander) ? PostmortemMessages.askCommander(i)
            : PrivateChannels.outsiderNote("A private incident you're the commander of is resolved and still "
                + "waits for a decision about its post-mortem."));
      }
    } else if (step.step() != PostmortemService.FIRST) {
      // the first ask rides on the resolution's own announcement (ResolutionAsk): resolving is one message
      messages.postOnce(job, i.channelId(), PostmortemMessages.prompt(i, step.step(), clock.instant()));
    }
    postmortems.prompted(step);
  }

  private boolean mayHear(Job job, Incident incident, String user) {
    try {
      return members.mayHear(incident, user);
    } catch (SlackCallFailed e) {
      throw SlackJobMessages.retryIfTemporary(job, e);
    }
  }
}
