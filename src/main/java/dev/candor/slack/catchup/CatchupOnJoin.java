package dev.candor.slack.catchup;

import dev.candor.catchup.CatchupLog;
import dev.candor.catchup.Catchups;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentChange;
import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentNotifier;
import dev.candor.incident.IncidentRepository;
import dev.candor.incident.SeverityScale;
import dev.candor.jobs.Job;
import dev.candor.jobs.JobStore;
import dev.candor.jobs.RetryLater;
import dev.candor.slack.platform.ChannelMembers;
import dev.candor.slack.platform.PrivateChannels;
import dev.candor.slack.platform.SlackCallFailed;
import dev.candor.slack.platform.SlackGateway;
import dev.candor.slack.platform.SlackJobMessages;
import dev.candor.timeline.EntryKind;
import dev.candor.timeline.TimelineEntry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catch-up a person gets by DM, once, when they join an open incident's channel. Two durable jobs: at declaration
 * the roster (who is in the channel then: they need none), and for each join one keyed by incident and person, which
 * claims the join in the {@link CatchupLog} before it sends, so a second replica, a redelivered event or a second
 * join sends nothing more. Bots, Candor itself and the declarer get none; nor does anyone outside a private
 * incident's channel by the time the job runs.
 *
 * <p>Every Slack call here is one attempt that never waits (a job's gateway, {@code SlackGateway.once()}): a rate limit or an
 * outage becomes the job's {@link RetryLater}, so the job runner's one thread is never held.
 */
final class CatchupOnJoin implements IncidentNotifier {
  private static final Logger log = LoggerFactory.getLogger(CatchupOnJoin.class);
  static final String ROSTER = "catchup.roster";
  static final String SEND = "catchup.send";
  /** How soon a catch-up waiting for its incident's roster looks again. */
  static final Duration ROSTER_PENDING = Duration.ofSeconds(5);

  private final boolean on;
  private final IncidentRepository incidents;
  private final Catchups catchups;
  private final CatchupLog catchupLog;
  private final JobStore jobs;
  private final SlackGateway slack;
  private final SlackJobMessages messages;
  private final PrivateChannels members;
  private final String self;
  private final Clock clock;
  private final SeverityScale scale;

  /**
   * {@code on} is {@code CANDOR_CATCHUP_ON_JOIN}; {@code slack} and {@code messages} must make one attempt and never
   * wait; {@code self} is Candor's own user id.
   */
  CatchupOnJoin(boolean on, IncidentRepository incidents, Catchups catchups, CatchupLog catchupLog, JobStore jobs,
      SlackGateway slack, SlackJobMessages messages, String self, Clock clock, SeverityScale scale) {
    this.scale = scale;
    this.on = on;
    this.incidents = incidents;
    this.catchups = catchups;
    this.catchupLog = catchupLog;
    this.jobs = jobs;
    this.slack = slack;
    this.messages = messages;
    this.members = new PrivateChannels(slack);
    this.self = self;
    this.clock = clock;
  }

  static String rosterKey(IncidentId id) {
    return "incident:" + id.value() + ":catchup-roster";
  }

  static String sendKey(IncidentId id, String user) {
    return "incident:" + id.value() + ":catchup:" + user;
  }

  /** At declaration: read who is in the channel now, as soon as the job runner can. */
  @Override
  public void declared(Incident incident, IncidentChange change) {
    if (on) {
      jobs.schedule(ROSTER, rosterKey(incident.id()), String.valueOf(incident.id().value()), clock.instant());
    }
  }

  @Override
  public void changed(Incident incident, IncidentChange change) {
    // nothing: whether the incident is still open is checked when a catch-up is due
  }

  /** A person heard joining an incident channel (a new entry, so a redelivered event is not heard twice). */
  void onNewEntry(TimelineEntry e) {
    if (!on || e.kind() != EntryKind.MEMBER_JOINED || e.actor() == null) {
      return;
    }
    incidents.byId(e.incidentId()).filter(i -> Catchups.mayBeOwed(i, e.actor(), self)).ifPresent(i ->
        jobs.schedule(SEND, sendKey(i.id(), e.actor()), i.id().value() + ":" + e.actor(), clock.instant()));
  }

  /** The roster job: everyone in the channel at declaration is owed no catch-up. */
  void roster(Job job) {
    var incident = incidents.byId(new IncidentId(Long.parseLong(job.payload())));
    if (incident.isEmpty()) {
      return;
    }
    List<String> present;
    try {
      present = ChannelMembers.all(slack, incident.get().channelId());
    } catch (SlackCallFailed e) {
      if (PrivateChannels.GONE.contains(e.error())) {
        log.info("{}: its channel's members cannot be read ({}); no roster kept", incident.get().id(), e.error());
        return;
      }
      throw SlackJobMessages.retryIfTemporary(job, e);
    }
    catchupLog.present(incident.get().id(), present, clock.instant());
  }

  /** The catch-up job of one join: checks, claims, then sends the DM once. */
  void send(Job job) {
    String[] payload = job.payload().split(":", 2);
    var found = incidents.byId(new IncidentId(Long.parseLong(payload[0])));
    String user = payload[1];
    if (found.isEmpty() || !Catchups.mayBeOwed(found.get(), user, self)) {
      return;
    }
    Incident incident = found.get();
    if (jobs.find(rosterKey(incident.id())).filter(r -> r.status() == Job.Status.PENDING
        || r.status() == Job.Status.CLAIMED).isPresent()) {
      throw new RetryLater(ROSTER_PENDING, incident.id() + ": who was present at declaration is not read yet");
    }
    try {
      var info = slack.call("users.info", c -> c.usersInfo(r -> r.user(user))).getUser();
      if (info == null || info.isBot() || info.isDeleted() || "USLACKBOT".equals(user)) {
        return;
      }
      if (!catchupLog.claim(incident.id(), user, job.id() + ":" + job.generation(), clock.instant())) {
        return; // present at declaration, or another job has it
      }
      if (!members.mayHear(incident, user)) {
        return; // left a private incident's channel before it was sent
      }
    } catch (SlackCallFailed e) {
      if ("user_not_found".equals(e.error())) {
        return;
      }
      throw SlackJobMessages.retryIfTemporary(job, e);
    }
    messages.dmOnce(job, user, CatchupView.message(catchups.of(incident), scale));
  }
}
