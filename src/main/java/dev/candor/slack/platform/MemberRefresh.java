package dev.candor.slack.platform;

import com.slack.api.bolt.App;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentChange;
import dev.candor.incident.IncidentNotifier;
import dev.candor.incident.IncidentRepository;
import dev.candor.incident.IncidentState;
import dev.candor.jobs.Job;
import dev.candor.jobs.JobHandler;
import dev.candor.jobs.JobStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each incident channel's member list whole: seeded when the incident is declared (the declarer Candor
 * invites at once, then one paged read of the channel's members), then read again every {@link #EVERY} until the
 * incident is closed or cancelled, so that a member event Slack never delivered is healed within the hour. The
 * reads are durable jobs, one per channel under one key: whichever replica claims it reads, once, and a crash or a
 * Slack outage only delays it.
 */
public final class MemberRefresh implements IncidentNotifier, SlackFeature {
  private static final Logger log = LoggerFactory.getLogger(MemberRefresh.class);
  public static final String KIND = "channel.members";
  /** How often an incident channel's whole member list is read again. */
  public static final Duration EVERY = Duration.ofHours(1);
  private static final Set<IncidentState> ENDED = Set.of(IncidentState.CLOSED, IncidentState.CANCELLED);

  private final KeptMembers members;
  private final IncidentRepository incidents;
  private final JobStore jobs;
  private final Clock clock;

  public MemberRefresh(KeptMembers members, IncidentRepository incidents, JobStore jobs, Clock clock) {
    this.members = members;
    this.incidents = incidents;
    this.jobs = jobs;
    this.clock = clock;
  }

  public static String key(String channelId) {
    return "channel:" + channelId + ":members";
  }

  @Override
  public void declared(Incident incident, IncidentChange change) {
    members.added(incident.channelId(), incident.declaredBy());
    jobs.schedule(KIND, key(incident.channelId()), incident.channelId(), clock.instant());
  }

  @Override
  public void changed(Incident incident, IncidentChange change) {
    if (ENDED.contains(incident.state())) {
      jobs.cancel(key(incident.channelId()));
    }
  }

  /** The job: read the channel's members again, and come back in {@link #EVERY} while its incident goes on. */
  void run(Job job) {
    String channel = job.payload();
    if (!goesOn(channel)) {
      return;
    }
    try {
      members.relist(channel);
    } catch (SlackCallFailed e) {
      throw SlackJobMessages.retryIfTemporary(job, e);
    }
    jobs.schedule(KIND, job.key(), channel, clock.instant().plus(EVERY));
  }

  /** A read Slack refused for good (say the token lost a scope) still leads to the next one. */
  private void gaveUp(Job job) {
    if (goesOn(job.payload())) {
      jobs.schedule(KIND, job.key(), job.payload(), clock.instant().plus(EVERY));
    }
  }

  private boolean goesOn(String channel) {
    return incidents.byChannel(channel).filter(i -> !ENDED.contains(i.state())).isPresent();
  }

  @Override
  public Map<String, JobHandler> jobHandlers() {
    return Map.of(KIND, JobHandler.of(this::run, this::gaveUp));
  }

  /**
   * Open incidents whose channel has no read pending (declared before Candor kept member lists) get one, spread
   * over the next {@link #EVERY} rather than all at once; until then a look reads such a channel once itself.
   */
  @Override
  public void start() {
    List<Incident> open = incidents.open().stream()
        .filter(i -> jobs.find(key(i.channelId())).filter(MemberRefresh::unfinished).isEmpty()).toList();
    Instant now = clock.instant();
    for (int n = 0; n < open.size(); n++) {
      jobs.schedule(KIND, key(open.get(n).channelId()), open.get(n).channelId(),
          now.plus(EVERY.multipliedBy(n).dividedBy(open.size())));
    }
    if (!open.isEmpty()) {
      log.info("scheduled reading the member lists of {} open incident channel(s) within {}", open.size(), EVERY);
    }
  }

  private static boolean unfinished(JobStore.Entry job) {
    return job.status() == Job.Status.PENDING || job.status() == Job.Status.CLAIMED;
  }

  @Override
  public void register(App app) {
    // nothing to answer in Slack: the member events are stored and read by the timeline's intake
  }
}
